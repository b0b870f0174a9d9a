/// Finds quotations in a body and who said them (SPEC §4 `quotes`).
///
/// Quotes open and close with straight (`"`) or curly (`“ ”`, `‘ ’`) marks; straight
/// marks alternate within a paragraph. A paragraph that leaves a quote open continues
/// it into the next paragraph when that one starts with a quote mark, as newspapers
/// print a statement over several paragraphs. The speaker comes from an attribution
/// after the quote ("…," Mr Austin said / said X / according to X) or before it (X said:
/// "…" / X told reporters … "…"), resolved through the article's entities, pronouns
/// ("he said" → the last person named), roles ("The Prime Minister") and descriptions
/// ("a senior US official"). Unattributed quotes continue the previous paragraph's
/// speaker, and a short fragment quoted elsewhere in full takes that quote's speaker.
struct QuoteFinder {
    /// One quotation: the word ranges of its text (one per paragraph) and its marks.
    struct Span {
        var open: Int
        var close: Int
        var pieces: [Range<Int>]
    }

    let body: BodyText
    let names: NameIndex
    let lexicon: EventLexicon

    init(body: BodyText, names: NameIndex, lexicon: EventLexicon = .shared) {
        self.body = body
        self.names = names
        self.lexicon = lexicon
    }

    private static let straight: UInt32 = 0x22
    private static let open: UInt32 = 0x201C
    private static let close: UInt32 = 0x201D
    private static let singleOpen: UInt32 = 0x2018
    private static let singleClose: UInt32 = 0x2019

    /// The quote spans of the body in order.
    func spans() -> [Span] {
        var spans: [Span] = []
        var carried: Span?
        for paragraph in body.paragraphs {
            var current: Span?
            var straight = false
            var single = false
            var i = paragraph.lowerBound
            if var open = carried {
                carried = nil
                let mark = body.words[i].mark
                if mark == QuoteFinder.straight || mark == QuoteFinder.open {
                    straight = mark == QuoteFinder.straight
                    open.pieces.append((i + 1)..<(i + 1))
                    current = open
                    i += 1
                } else {
                    spans.append(open)
                }
            }
            while i < paragraph.upperBound {
                let mark = body.words[i].mark
                if var span = current {
                    let closes =
                        (mark == QuoteFinder.straight && straight)
                        || (mark == QuoteFinder.close && !straight && !single)
                        || (mark == QuoteFinder.singleClose && single)
                    if closes {
                        span.close = i
                        span.pieces[span.pieces.count - 1] = span.pieces[span.pieces.count - 1].lowerBound..<i
                        spans.append(span)
                        current = nil
                    }
                } else if mark == QuoteFinder.straight || mark == QuoteFinder.open || mark == QuoteFinder.singleOpen {
                    straight = mark == QuoteFinder.straight
                    single = mark == QuoteFinder.singleOpen
                    current = Span(open: i, close: i, pieces: [(i + 1)..<(i + 1)])
                }
                i += 1
            }
            if var span = current {
                span.close = paragraph.upperBound
                span.pieces[span.pieces.count - 1] =
                    span.pieces[span.pieces.count - 1].lowerBound..<paragraph.upperBound
                if single {
                    // An unclosed single mark is an apostrophe, not a quote.
                    continue
                }
                carried = span
            }
        }
        if let open = carried { spans.append(open) }
        return spans.filter { span in span.pieces.contains { !$0.isEmpty } }
    }

    /// Every quote with its speaker (nil when no attribution is found) and the number
    /// of the sentence it opens in.
    func quotes() -> [Article.Quote] {
        let spans = spans()
        var inQuote = [Bool](repeating: false, count: body.words.count)
        for span in spans {
            for k in span.open...min(span.close, body.words.count - 1) { inQuote[k] = true }
        }
        let resolver = PhraseResolver(body: body, names: names, lexicon: lexicon)
        var speakers: [PhraseResolver.Resolved?] = []
        var texts: [String] = []
        var resolvedSoFar: [PhraseResolver.Resolved] = []
        for (n, span) in spans.enumerated() {
            let text = span.pieces.filter { !$0.isEmpty }.map { String(body.span($0.lowerBound, $0.upperBound)) }
                .joined(separator: " ")
            texts.append(text)
            let previous = speakers.last ?? nil
            var speaker = attribution(span, inQuote, resolver, previous: previous, earlier: resolvedSoFar)
            if speaker == nil, n > 0, let previous, follows(spans[n - 1], span),
                standsAlone(span) || sameParagraph(spans[n - 1], span)
            {
                speaker = previous
            }
            speakers.append(speaker)
            if let speaker { resolvedSoFar.append(speaker) }
            if resolvedSoFar.count > 128 { resolvedSoFar.removeFirst(64) }
        }
        // A fragment ("significant air attack") quoted in full elsewhere shares its speaker.
        let lengths = texts.map(\.count)
        let plain = texts.map(\.isPlain)
        func lowercased(_ n: Int) -> String { plain[n] ? texts[n].asciiLowercased() : texts[n].lowercased() }
        var lowered = [String?](repeating: nil, count: texts.count)
        for n in speakers.indices where speakers[n] == nil {
            let fragment = lowercased(n)
            guard fragment.split(separator: " ").count <= 8 else { continue }
            // Nearby quotes only, so a page of thousands of quotes stays linear.
            let nearby = max(0, n - 40)..<min(texts.count, n + 40)
            if let other = nearby.first(where: {
                guard $0 != n, speakers[$0] != nil, lengths[$0] > lengths[n] else { return false }
                if lowered[$0] == nil { lowered[$0] = lowercased($0) }
                // Plain text on both sides: a byte match is a match.
                return plain[$0] && plain[n]
                    ? lowered[$0]!.containsBytes(of: fragment) : lowered[$0]!.contains(fragment)
            }) {
                speakers[n] = speakers[other]
            }
        }
        return spans.indices.map { n in
            Article.Quote(
                speaker: speakers[n]?.name, text: texts[n], sentence: body.sentence(containing: spans[n].open))
        }
    }

    /// A quote that makes up its whole paragraph (or the rest of a continued one).
    private func standsAlone(_ span: Span) -> Bool {
        let paragraph = body.paragraphs[body.words[span.open].paragraph]
        let after = (min(span.close + 1, paragraph.upperBound)..<paragraph.upperBound).filter { body.words[$0].isWord }
        return span.open == paragraph.lowerBound && after.isEmpty
    }

    /// "“…,” Gov. Inslee said. “And it’s entirely appropriate…”": a quote that opens a
    /// sentence of the same paragraph continues the previous quote's speaker.
    private func sameParagraph(_ earlier: Span, _ later: Span) -> Bool {
        body.words[later.open].paragraph == body.words[min(earlier.close, body.words.count - 1)].paragraph
            && body.sentences[body.sentence(containing: later.open)].words.lowerBound == later.open
    }

    private func follows(_ earlier: Span, _ later: Span) -> Bool {
        body.words[later.open].paragraph - body.words[min(earlier.close, body.words.count - 1)].paragraph <= 1
    }

    /// The speaker named around the quote: after it in its closing sentence first,
    /// then before it in its opening sentence.
    private func attribution(
        _ span: Span, _ inQuote: [Bool], _ resolver: PhraseResolver, previous: PhraseResolver.Resolved?,
        earlier: [PhraseResolver.Resolved]
    ) -> PhraseResolver.Resolved? {
        let opening = body.sentences[body.sentence(containing: span.open)]
        let closing = body.sentences[body.sentence(containing: min(span.close, body.words.count - 1))]
        // Attributions sit next to the quote; bounded windows keep run-on text linear.
        let trailingStart = min(span.close + 1, closing.words.upperBound)
        let trailing = trailingStart..<min(closing.words.upperBound, trailingStart + 40)
        let leading = max(opening.words.lowerBound, span.open - 60)..<span.open
        for segment in [trailing, leading] {
            for verb in speechVerbs(in: segment, inQuote) {
                if let found = speaker(
                    of: verb, segment: segment, sentence: opening, inQuote, resolver, previous, earlier)
                {
                    return found
                }
            }
        }
        return nil
    }

    /// Start and length of each attribution verb outside quotes in `segment`.
    func speechVerbs(in segment: Range<Int>, _ inQuote: [Bool]) -> [(Int, Int)] {
        var found: [(Int, Int)] = []
        for i in segment where !inQuote[i] && body.words[i].isWord {
            guard let forms = lexicon.speech[body.words[i].lowerHash] else { continue }
            for form in forms where i + form.count <= segment.upperBound {
                if form.indices.allSatisfy({ body.words[i + $0].lower == form[$0] }) {
                    found.append((i, form.count))
                    break
                }
            }
        }
        return found
    }

    private func speaker(
        of verb: (Int, Int), segment: Range<Int>, sentence: BodyText.Sentence, _ inQuote: [Bool],
        _ resolver: PhraseResolver, _ previous: PhraseResolver.Resolved?, _ earlier: [PhraseResolver.Resolved]
    ) -> PhraseResolver.Resolved? {
        let (at, length) = verb
        let lower = body.words[at].lower
        let before = resolver.phrase(endingBefore: at, floor: segment.lowerBound, skip: { inQuote[$0] })
        // Passive "staff were told": the speaker is who employs them.
        if at > 0, ["were", "was", "been", "being"].contains(body.words[at - 1].lower) {
            return employer(before: at)
        }
        // Inverted order: "…," said Mr Austin / according to the State Department.
        if lower == "according" || before == nil {
            if lower.hasSuffix("ing"), lower != "according" {
                return sentenceSubject(sentence, resolver, previous, earlier, inQuote)
            }
            guard let after = resolver.phrase(startingAt: at + length, limit: segment.upperBound) else { return nil }
            return resolver.resolve(after, previous: previous, earlier: earlier)
        }
        return before.flatMap { resolver.resolve($0, previous: previous, earlier: earlier) }
    }

    /// The subject at the head of the sentence, for "…, telling reporters "…"".
    private func sentenceSubject(
        _ sentence: BodyText.Sentence, _ resolver: PhraseResolver, _ previous: PhraseResolver.Resolved?,
        _ earlier: [PhraseResolver.Resolved], _ inQuote: [Bool]
    ) -> PhraseResolver.Resolved? {
        for mention in names.mentions(in: sentence.words) where !mention.isDemonym && !inQuote[mention.words.lowerBound]
        {
            let start = mention.words.lowerBound
            if start > sentence.words.lowerBound,
                ["in", "on", "at", "to", "from", "of", "with"].contains(body.words[start - 1].lower)
            {
                continue
            }
            return resolver.resolve(mention.words, previous: previous, earlier: earlier)
        }
        return nil
    }

    /// "Officials at the UK Foreign Office": the organisation last named as employing
    /// the people a passive attribution speaks of.
    private func employer(before index: Int) -> PhraseResolver.Resolved? {
        let people: Set<String> = ["staff", "officials", "employees", "diplomats", "workers", "personnel"]
        var i = index - 1
        while i >= max(2, index - NameIndex.lookBack) {
            if people.contains(body.words[i - 2].lower), ["at", "of", "in"].contains(body.words[i - 1].lower) {
                var j = i
                while j < index, j < i + 3, names.mention(at: j) == nil { j += 1 }
                if let mention = names.mention(at: j), names.names[mention.name].type == .ORG {
                    return PhraseResolver.Resolved(name: names.names[mention.name].name, kind: .entity)
                }
            }
            i -= 1
        }
        return nil
    }
}
