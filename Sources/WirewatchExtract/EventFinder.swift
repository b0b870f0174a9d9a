/// Finds typed events (SPEC §4's vocabulary) sentence by sentence with the trigger
/// rules of `EventLexicon`, and fills in actor, target, location and date.
///
/// Text inside long quotes is the speaker's, not the reporter's account, and does not
/// trigger; short scare quotes ("disinformation campaign") do. A rule is dropped when
/// one of its veto words occurs in the sentence or a negation ("not", "never", "off
/// the table", "ruled out") stands near its trigger. One event per type and sentence,
/// except when the sentence places the same type in different places ("negotiations
/// in Geneva and a meeting in Brussels").
struct EventFinder {
    let body: BodyText
    let names: NameIndex
    let lexicon: EventLexicon
    let dates: DateResolver

    init(body: BodyText, names: NameIndex, published: String?, lexicon: EventLexicon = .shared) {
        self.body = body
        self.names = names
        self.lexicon = lexicon
        dates = DateResolver(published: published)
    }

    static let prepositions: Set<String> = [
        "in", "on", "at", "to", "into", "inside", "from", "near", "with", "against", "for", "of", "by", "over",
        "across", "toward", "towards", "after", "during", "than", "between", "about", "under", "within", "along",
    ]
    static let placePrepositions: Set<String> = [
        "in", "inside", "into", "at", "near", "over", "across", "on", "to", "within", "outside",
    ]
    private static let negations: Set<String> = ["not", "never", "no", "neither", "nor", "cannot"]

    /// `quoted` marks words inside quotes long enough to be someone's statement.
    func events(quoted: [Bool]) -> [Article.Event] {
        var events: [Article.Event] = []
        var previousActor: PhraseResolver.Resolved?
        let resolver = PhraseResolver(body: body, names: names, lexicon: lexicon)
        for (index, sentence) in body.sentences.enumerated() {
            let anchors = triggers(in: sentence.words, quoted: quoted)
            // "During the call, the two agreed to meet": the paragraph's previous sentence
            // can set the level.
            let previousInParagraph = index > 0 && body.sentences[index - 1].paragraph == sentence.paragraph
            if anchors.isEmpty
                || !(isStateLevel(sentence.words)
                    || (previousInParagraph && isStateLevel(body.sentences[index - 1].words)))
            {
                continue
            }
            var seen: Set<String> = []
            for (rule, positions) in anchors {
                let type = lexicon.rules[rule].type
                for anchor in positions {
                    let actor = self.actor(anchor, sentence.words, resolver, previous: previousActor)
                    var location = self.location(anchor, sentence.words, type.name)
                    let key = type.name + "|" + (location ?? "")
                    guard !seen.contains(key) else { continue }
                    if seen.contains(type.name + "|"), location == nil { continue }
                    seen.insert(key)
                    seen.insert(type.name + "|")
                    var target = self.target(anchor, sentence.words, excluding: actor?.name)
                    if target == nil, ["missile_strike", "armed_attack"].contains(type.name) { target = location }
                    // Training is given where the trained forces are ("train Ukrainian forces").
                    if location == nil, type.name == "military_training", let target,
                        names.names.contains(where: { $0.name == target && $0.type == .LOC })
                    {
                        location = target
                    }
                    events.append(
                        Article.Event(
                            type: type.name, cameo: type.cameo, goldstein: type.goldstein, actor: actor?.name,
                            target: target, location: location,
                            date: dates.date(in: sentence.words, of: body, near: anchor), sentence: index,
                            evidence: body.string(of: sentence)))
                    if let actor { previousActor = actor }
                }
            }
        }
        return events
    }

    /// A sentence about states: it names a country (or a demonym), a person the article
    /// gives a role ("foreign minister Sergey Lavrov"), or a state word ("troops").
    func isStateLevel(_ range: Range<Int>) -> Bool {
        for i in range {
            let word = body.words[i]
            if lexicon.stateWordList.contains(word.key, hash: word.keyHash) { return true }
            if let mention = names.mention(at: i) {
                let name = names.names[mention.name]
                if mention.isDemonym || lexicon.countries.contains(name.name.lowercased())
                    || (name.type == .PER && names.withRole.contains(mention.name))
                {
                    return true
                }
            }
        }
        return false
    }

    /// Rules whose groups all match in the sentence, with the positions of their first
    /// group's matches, in rule order.
    func triggers(in range: Range<Int>, quoted: [Bool]) -> [(Int, [Int])] {
        var groupHits: [Int: Set<Int>] = [:]
        var anchors: [Int: [Int]] = [:]
        var vetoed: Set<Int> = []
        func probe(_ slots: [EventLexicon.Slot]?, _ i: Int, _ key: Substring, _ keyStart: Int) {
            guard let slots else { return }
            for slot in slots where matches(slot.phrase, at: i, key: key, keyStart, range) {
                if slot.group < 0 {
                    vetoed.insert(slot.rule)
                } else {
                    groupHits[slot.rule, default: []].insert(slot.group)
                    if slot.group == 0, anchors[slot.rule]?.last != i { anchors[slot.rule, default: []].append(i) }
                }
            }
        }
        for i in range where body.words[i].isWord && !quoted[i] {
            let start = body.words[i].start
            if let slots = lexicon.exact[body.words[i].lowerHash] {
                probe(slots, i, body.words[i].lower[...], start)
            }
            let prefixHash = body.words[i].prefixHash
            if prefixHash != 0, let slots = lexicon.prefixed[prefixHash] {
                probe(slots, i, body.words[i].lower[...], start)
            }
            // "American-supplied" also reads as "supplied".
            guard body.words[i].hasHyphen else { continue }
            let lower = body.words[i].lower
            if let dash = lower.lastIndex(of: "-"), dash != lower.startIndex {
                let part = lower[lower.index(after: dash)...]
                let partStart = start + lower.utf8.distance(from: lower.startIndex, to: part.startIndex)
                probe(lexicon.exact[ByteText.foldedHash(of: part)], i, part, partStart)
                if part.utf8.count >= 3 {
                    let partPrefix = ByteText.withBytes(part) { ByteText.foldedHash($0, 0..<3) }
                    probe(lexicon.prefixed[partPrefix], i, part, partStart)
                }
            }
        }
        if anchors.isEmpty { return [] }
        let sentenceNegated = negatedPhrases(range)
        var result: [(Int, [Int])] = []
        for (rule, positions) in anchors.sorted(by: { $0.key < $1.key }) {
            guard !vetoed.contains(rule), groupHits[rule]?.count == lexicon.rules[rule].groups.count,
                !sentenceNegated
            else { continue }
            let kept = positions.filter { !isNegated($0, range) }
            if !kept.isEmpty { result.append((rule, kept)) }
        }
        return result
    }

    /// Whether the phrase starts at word `i`, whose text from byte `keyStart` (its
    /// lowercase, or the part after a hyphen) is `key`.
    private func matches(
        _ phrase: EventLexicon.Phrase, at i: Int, key: Substring, _ keyStart: Int, _ range: Range<Int>
    ) -> Bool {
        guard i + phrase.words.count <= range.upperBound else { return false }
        if body.words[i].isASCII {
            let keyBytes = keyStart..<body.words[i].end
            guard phrase.isPrefix[0] || keyBytes.count == phrase.bytes[0].count,
                hasFoldedPrefix(keyBytes, phrase.bytes[0])
            else { return false }
        } else if phrase.isPrefix[0] ? !key.hasPrefix(phrase.words[0]) : key != phrase.words[0] {
            return false
        }
        for k in phrase.words.indices.dropFirst() {
            let token = body.words[i + k]
            let word = phrase.words[k]
            if phrase.isPrefix[k] {
                let matched =
                    token.isASCII
                    ? hasFoldedPrefix(token.start..<token.end, phrase.bytes[k]) : token.lower.hasPrefix(word)
                if !matched { return false }
            } else if token.key != word && token.lower != word {
                return false
            }
        }
        return true
    }

    /// The body bytes at `range`, ASCII case folded, start with `prefix` (lowercase
    /// ASCII): `String.hasPrefix` without its generic `Character` walk.
    @inline(__always)
    private func hasFoldedPrefix(_ range: Range<Int>, _ prefix: [UInt8]) -> Bool {
        body.bytes.withUnsafeBufferPointer { ByteText.hasFoldedPrefix($0, range, prefix) }
    }

    private static let negatedPhrases: [[String]] = [
        ["off", "the", "table"], ["ruled", "out"], ["rule", "out"], ["no", "plans"],
        ["declined", "to", "say", "whether"],
    ]

    /// "… is off the table", "ruled out", "no plans to": the whole sentence is denied.
    private func negatedPhrases(_ range: Range<Int>) -> Bool {
        for i in range {
            for phrase in EventFinder.negatedPhrases where phrase[0] == body.words[i].lower {
                if i + phrase.count <= range.upperBound,
                    phrase.indices.allSatisfy({ body.words[i + $0].lower == phrase[$0] })
                {
                    return true
                }
            }
        }
        return false
    }

    private func isNegated(_ anchor: Int, _ range: Range<Int>) -> Bool {
        let window = max(range.lowerBound, anchor - 4)..<min(range.upperBound, anchor + 2)
        return window.contains { i in
            let lower = body.words[i].lower.replacingApostrophes()
            return EventFinder.negations.contains(lower) || lower.hasSuffix("n't")
        }
    }
}
