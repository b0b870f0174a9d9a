/// Extracts an article from a plain-text dump: text copied out of a browser with the
/// page chrome (menus, captions, widgets, related headlines, notices) still in it.
///
/// Each line gets a role from its own shape (length, sentence punctuation, function
/// words, chrome and caption phrases) and from its neighbours (runs of short lines are
/// menus or link lists, a line after "…:" opens a list); the article is the densest run
/// of prose lines, and the headline, byline and dateline are looked for just before it.
/// Everything works on the dump's UTF-8 bytes: strings are built only for kept lines.
struct TextDumpExtractor {
    /// The dump file's modification time (seconds since the epoch): the anchor of
    /// relative dates and the latest believable published date.
    var modified: Int?

    init(modified: Int? = nil) {
        self.modified = modified
    }

    enum Role: Equatable {
        case prose, shortProse, listItem, heading, headline, chrome, caption, byline, dateline, duplicate
        /// A drawn separator: no text, and no evidence either way about the article.
        case rule
    }

    struct Line {
        var number: Int
        var range: Range<Int>
        var shape: LineShape
        var role: Role
        var notice: Bool
        var hash: UInt64
        /// Says "told"/"tells": may name the site (`SelfReference`).
        var tells = false
        /// Holds a notice keyword (`Boilerplate.isNotice`).
        var noticeWord = false
        /// Joined from lines a text-mode browser wrapped.
        var wrapped = false
    }

    func extract(_ text: String) -> ArticleFields {
        var copy = text
        return copy.withUTF8 { extract(utf8: $0) }
    }

    /// The lines of `text` with their roles, for tests and for looking at misses.
    func roles(_ text: String) -> [(number: Int, role: Role, text: String)] {
        var copy = text
        return copy.withUTF8 { bytes in
            var lines = splitLines(bytes)
            classify(&lines, bytes)
            return lines.map { ($0.number, $0.role, String(decoding: bytes[$0.range], as: UTF8.self)) }
        }
    }

    /// `extract(_:)` over a dump's UTF-8 bytes (valid UTF-8, as decoded), with no `String` of the whole dump.
    func extract(utf8 bytes: UnsafeBufferPointer<UInt8>) -> ArticleFields {
        var fields = ArticleFields()
        var lines = splitLines(bytes)
        guard !lines.isEmpty else { return fields }
        func string(_ line: Line) -> String { text(line, bytes) }

        stripLeadingDate(&lines, bytes, into: &fields)
        classify(&lines, bytes)
        guard var region = articleRegion(lines) else { return fields }
        region = extendForQuotes(lines, bytes, region)
        region = extendForLead(lines, region)
        region = extendForTail(lines, region)

        let titleIndex = findTitle(lines, bytes, before: region.lowerBound)
        if let titleIndex {
            fields.offer(\.title, string(lines[titleIndex]), name: "title", rule: "text:first-heading")
            if let masthead = masthead(lines, bytes, before: titleIndex) {
                fields.offer(\.publisher, masthead, name: "publisher", rule: "text:masthead")
            }
        }
        // Bylines and datelines sit between the headline and the text, or just after it.
        let metadataEnd = min(lines.count, region.upperBound + 1)
        for line in lines[..<metadataEnd] {
            if line.role == .byline, fields.authors.isEmpty, let byline = Byline.parse(string(line)) {
                fields.authors = byline.authors
                fields.provenance["authors"] = "text:byline"
                fields.offer(\.publisher, byline.publisher, name: "publisher", rule: "text:byline")
            }
            if line.role == .dateline, fields.published == nil {
                let text = string(line)
                if let date = DateText.firstDate(in: text), believable(date) {
                    fields.offer(\.published, date, name: "published", rule: "text:dateline")
                } else if let modified,
                    let date = DateText.relativeDateline(
                        in: text, anchor: modified,
                        belowHeadline: titleIndex.map { line.number > lines[$0].number } ?? false)
                {
                    fields.offer(\.published, date, name: "published", rule: "text:relative-date")
                }
            }
        }
        if fields.publisher == nil, let outlet = outletMentions(lines, bytes).publisher {
            fields.offer(\.publisher, outlet, name: "publisher", rule: "text:self-reference")
        }
        fields.paragraphs = body(lines, bytes, region: region, title: titleIndex)
        return fields
    }

    /// A date is believed unless it is later than the file it came in (a day's slack
    /// for time zones).
    private func believable(_ date: String) -> Bool {
        guard let modified, let days = DateText.daysSinceEpoch(date) else { return true }
        return days <= modified / 86_400 + 1
    }

    /// The placeholder shape of a line until its extent is known.
    private static let emptyShape = LineShape()

    private func splitLines(_ bytes: UnsafeBufferPointer<UInt8>) -> [Line] {
        var result: [Line] = []
        // Dumps average some fifty bytes a line: one allocation for most of them.
        result.reserveCapacity(bytes.count / 40 + 16)
        var number = 0
        var start = 0
        var i = 0
        let count = bytes.count
        var previousRaw = -1
        while start <= count {
            i = start
            i = ByteText.nextLineBreak(bytes, from: start)
            number += 1
            var lower = start
            var upper = i
            // Drawn rules glued to a teaser ("━━━━…━━ Barbados senior men's…") are edges
            // too: hundreds of them would make a headline look like a long paragraph.
            while lower < upper {
                var n = ByteText.spaceLength(bytes, lower)
                if n == 0 && upper - lower >= 3 && bytes[lower] == 0xE2
                    && (bytes[lower + 1] == 0x94 || bytes[lower + 1] == 0x95)
                {
                    n = 3
                }
                if n == 0 { break }
                lower += n
            }
            while upper > lower {
                let n = ByteText.spaceLengthBefore(bytes, upper, floor: lower)
                if n == 0 { break }
                upper -= n
            }
            if lower < upper {
                if previousRaw == number - 1, let last = result.last, isWrapped(bytes, last.range, next: lower..<upper)
                {
                    result[result.count - 1].range = last.range.lowerBound..<upper
                    result[result.count - 1].wrapped = true
                } else {
                    result.append(
                        Line(
                            number: number, range: lower..<upper, shape: TextDumpExtractor.emptyShape, role: .headline,
                            notice: false, hash: 0))
                }
                previousRaw = number
            }
            if i >= count { break }
            start = i + (bytes[i] == 0x0D && i + 1 < count && bytes[i + 1] == 0x0A ? 2 : 1)
        }
        for index in result.indices {
            let range = result[index].range
            result[index].shape = LineShape(utf8: bytes, range)
            result[index].hash = ByteText.foldedKey(bytes, range)
        }
        return result
    }

    /// Text-mode browsers wrap very long paragraphs (lynx near 1,000 characters, w3m
    /// near 3,000) even when told not to: a long line that stops mid-sentence and runs
    /// on in the next line is one paragraph.
    private func isWrapped(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, next: Range<Int>) -> Bool {
        guard line.count >= 950 else { return isHardWrapped(bytes, line, next: next) }
        let last = bytes[line.upperBound - 1]
        let first = bytes[next.lowerBound]
        let endsSentence = last == UInt8(ascii: ".") || last == UInt8(ascii: "!") || last == UInt8(ascii: "?")
        return !endsSentence || first &- 0x61 < 26
    }

    /// Plain-text sources and `<pre>` blocks break paragraphs at a fixed width: a line
    /// of some length that stops without a sentence end, followed by a line that goes on
    /// in lowercase, is one sentence ("…We do not" / "collect or transfer this
    /// information."). A byline ("by …") below a headline stays apart.
    private func isHardWrapped(_ bytes: UnsafeBufferPointer<UInt8>, _ line: Range<Int>, next: Range<Int>) -> Bool {
        guard line.count >= 60, next.count >= 2, bytes[next.lowerBound] &- 0x61 < 26 else { return false }
        switch bytes[line.upperBound - 1] {
        case UInt8(ascii: "."), UInt8(ascii: "!"), UInt8(ascii: "?"), UInt8(ascii: ":"), UInt8(ascii: "\""),
            UInt8(ascii: ")"), UInt8(ascii: ";"):
            return false
        default:
            break
        }
        // The line before must hold words and spaces like running text, not a URL or code.
        var spaces = 0
        for b in bytes[line] where b == 0x20 { spaces += 1 }
        guard spaces >= 8 else { return false }
        return !Byline.mayStart(bytes, next)
    }

    /// The text of a line; a wrapped paragraph gets its line break back as a space.
    private func text(_ line: Line, _ bytes: UnsafeBufferPointer<UInt8>) -> String {
        let text = String(decoding: bytes[line.range], as: UTF8.self)
        return line.wrapped ? text.collapsingWhitespace() : text
    }

    /// Some dump tools prefix the first line with its date (" date 2022-01-19 Headline…").
    private func stripLeadingDate(
        _ lines: inout [Line], _ bytes: UnsafeBufferPointer<UInt8>, into fields: inout ArticleFields
    ) {
        let text = String(decoding: bytes[lines[0].range], as: UTF8.self)
        var words = text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        if let label = words.first,
            ["date", "published", "updated", "posted"].contains(label.lowercased().trimmingPunctuation())
        {
            words =
                text.split(separator: " ", maxSplits: 1).dropFirst().first?.split(separator: " ", maxSplits: 1) ?? []
        }
        guard words.count == 2, words[0].utf8.count == 10, let date = DateText.normalisedISO(words[0]) else { return }
        if believable(date) { fields.offer(\.published, date, name: "published", rule: "text:dateline") }
        // Keep the headline: the line now starts where its second word starts.
        let offset = text.utf8.distance(from: text.utf8.startIndex, to: words[1].startIndex)
        let range = (lines[0].range.lowerBound + offset)..<lines[0].range.upperBound
        lines[0].range = range
        lines[0].shape = LineShape(utf8: bytes, range)
        lines[0].hash = ByteText.foldedKey(bytes, range)
    }

    private func classify(_ lines: inout [Line], _ bytes: UnsafeBufferPointer<UInt8>) {
        reshapeMarkedEnds(&lines, bytes)
        var seen = KeyCounts(capacity: lines.count)
        for line in lines { seen.add(line.hash) }
        for i in lines.indices {
            let range = lines[i].range
            let shape = lines[i].shape
            // One keyword ("privacy", "donate", "readers") is common in reporting; a long
            // paragraph is a notice only when it piles them up.
            let phrases = TextDumpExtractor.linePhrases.counts(in: bytes, range)
            let hits = min(phrases[Phrases.notice] + phrases[Phrases.legal] + phrases[Phrases.copyright], 2)
            lines[i].notice = hits >= 2 || (hits == 1 && shape.words <= 40)
            lines[i].tells = phrases[Phrases.verb] > 0
            lines[i].noticeWord = phrases[Phrases.notice] > 0
            if isRule(bytes, range) || TextDumpExtractor.isSlideCounter(bytes, range) {
                lines[i].role = .rule
            } else if Boilerplate.isChrome(bytes, range, words: shape.words) {
                lines[i].role = .chrome
            } else if shape.words <= 60
                && (phrases[Phrases.caption] > 0 || TextDumpExtractor.startsWithFigureLabel(bytes, range))
            {
                lines[i].role = .caption
            } else if Byline.mayStart(bytes, range), Byline.parse(String(decoding: bytes[range], as: UTF8.self)) != nil
            {
                lines[i].role = .byline
            } else if !shape.isProse, shape.words <= 10,
                isDateline(bytes, range, relative: phrases[Phrases.relative] > 0)
            {
                lines[i].role = .dateline
            } else if shape.isProse || (shape.words >= 25 && shape.stopWordRatio >= 0.2) {
                // A long run of function-word-rich text is a paragraph even when it ends
                // in a credit "(AP)" or a link rather than a full stop.
                // A teaser cut off with an ellipsis ("…left the island today to set up a
                // two-week training...") earns less than a paragraph.
                lines[i].role = lines[i].notice || isCutOff(bytes, range, shape) ? .shortProse : .prose
            } else if shape.endsLikeSentence && shape.words >= 2 && bytes[range.upperBound - 1] != UInt8(ascii: ":") {
                lines[i].role = .shortProse
            } else if looksLikeListItem(lines, i, bytes) {
                lines[i].role = .listItem
            } else if shape.words <= 8 {
                lines[i].role = .heading
            } else {
                lines[i].role = .headline
            }
            // Related-story teasers and menus repeat; a repeated non-prose line is furniture.
            if lines[i].role != .prose, case let copies = seen.count(lines[i].hash), copies > 1 {
                lines[i].role = repeatedRole(lines, i, copies: copies)
            }
        }
        // An image's alt text followed by its caption: "X" then "X. Picture: …", or
        // "[ ] X. Photograph: …" where a text-mode browser marks the image.
        for i in lines.indices.dropLast() where lines[i].range.count >= 12 {
            let line = lines[i].range
            let next = lines[i + 1].range
            guard next.count > line.count else { continue }
            for offset in 0...min(6, next.count - line.count)
            where bytes[line].elementsEqual(
                bytes[(next.lowerBound + offset)..<(next.lowerBound + offset + line.count)])
            {
                lines[i].role = .caption
                lines[i + 1].role = .caption
                break
            }
        }
        markAltTextAcrossImageMarks(&lines, bytes)
        markContentsEntries(&lines, bytes)
        // A short label right before a caption is the image's alt text.
        for i in lines.indices.dropLast() where lines[i + 1].role == .caption && lines[i].role == .heading {
            lines[i].role = .caption
        }
    }

    /// A short text that stops in an ellipsis after a word, as teasers are cut.
    private func isCutOff(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, _ shape: LineShape) -> Bool {
        guard shape.words <= 60, range.count >= 4 else { return false }
        let end = range.upperBound
        let dots =
            bytes[end - 1] == UInt8(ascii: ".") && bytes[end - 2] == UInt8(ascii: ".")
            && bytes[end - 3] == UInt8(ascii: ".")
        let ellipsis = bytes[end - 3] == 0xE2 && bytes[end - 2] == 0x80 && bytes[end - 1] == 0xA6
        guard dots || ellipsis else { return false }
        // "…in…" right after a letter: the sentence was cut, not trailed off with a space.
        return ByteText.isASCIILetterOrDigit(bytes[end - 4]) || bytes[end - 4] >= 0x80
    }

    /// A drawn separator ("━━━━", "______", "* * *", "=-=-="): text-mode browsers draw
    /// them between page boxes and inside articles alike, and they hold no text.
    private func isRule(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count >= 3 else { return false }
        var i = range.lowerBound
        while i < range.upperBound {
            let b = bytes[i]
            if b < 0x80 {
                if ByteText.isASCIILetterOrDigit(b) { return false }
                i += 1
            } else if b == 0xE2, i + 2 < range.upperBound, bytes[i + 1] == 0x94 || bytes[i + 1] == 0x95 {
                i += 3  // box drawing, U+2500–U+257F
            } else {
                let n = max(ByteText.punctuationLength(bytes, i), ByteText.spaceLength(bytes, i))
                if n == 0 { return false }
                i += n
            }
        }
        return true
    }

    /// Dates sit on short lines with a year ("19xx"/"20xx") or a relative phrase; only
    /// those are parsed.
    private func isDateline(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>, relative: Bool) -> Bool {
        var run = 0
        var hasYear = false
        var i = range.lowerBound
        while i < range.upperBound {
            // Eight bytes without a digit end any run, as their first byte would.
            if i + 8 <= range.upperBound {
                let word = ByteText.word(bytes, at: i)
                if ByteText.bytesBelow(word, 0x3A) & ~ByteText.bytesBelow(word, 0x30) == 0 {
                    if run == 4 && yearLike(bytes, i - 4) { hasYear = true }
                    run = 0
                    i += 8
                    continue
                }
            }
            if bytes[i] &- 0x30 < 10 {
                run += 1
            } else {
                if run == 4 && yearLike(bytes, i - 4) { hasYear = true }
                run = 0
            }
            i += 1
        }
        if run == 4 && yearLike(bytes, range.upperBound - 4) { hasYear = true }
        guard hasYear || relative else { return false }
        if hasYear { return DateText.firstDate(in: bytes, range) != nil }
        return DateText.isRelative(String(decoding: bytes[range], as: UTF8.self))
    }

    /// The phrase lists every line is scanned for, counted in one pass: the lists of
    /// `Boilerplate.noticeHits` ("©" apart, as there), captions, "told" and relative dates.
    private static let linePhrases = PhraseScanner([
        Boilerplate.noticeKeywords, Boilerplate.legalWords.filter { $0 != "©" }, ["©"], Boilerplate.captionMarkers,
        SelfReference.verbOpenings, [" ago", "yesterday", "today"],
    ])

    /// Positions of the lists in `linePhrases`.
    private enum Phrases {
        static let notice = 0
        static let legal = 1
        static let copyright = 2
        static let caption = 3
        static let verb = 4
        static let relative = 5
    }

    /// What a site says after its articles (apps, social accounts, letters, disclaimers):
    /// too common inside reporting to count against a paragraph anywhere else.
    private static let closingNotices = PhraseSet([
        "download the", "our app", "the app", "follow us", "follow the", "on twitter", "on facebook",
        "on instagram", "whatsapp", "letter to the editor", "letters to the editor", "latest news", "latest stories",
        "get the latest", "regular updates", "disclaimer", "disclosure", "compensation", "affiliate",
        "medical advice", "we recommend", "licensed under", "creative commons", "what you think", "send us",
        "tip us", "contact us", "email us", "support our", "support us", "this story", "this article",
        "originally published", "all rights", "reprint", "newsletter", "sign up", "subscribe", "read the rest",
        "find more by", "more by ", "learn more about", "learn how to", "weitere infos", "mehr infos",
        "plus d'infos", "más información", "not responsible for", "views expressed", "opinions expressed",
        "do not necessarily reflect", "does not necessarily reflect",
    ])

    /// What a sign-up, log-in or cookie box says about itself.
    private static let boxPhrases = PhraseSet([
        "newsletter", "subscri", "sign up", "signing up", "your inbox", "email address", "your email",
        "privacy policy", "terms of", "terms & conditions", "terms and conditions", "cookie", "log in", "sign in",
        "paywall", "recaptcha", "opt out", "mailing list", "abonn", "anmelden", "datenschutz", "inscri", "iscriviti",
    ])

    private func yearLike(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int) -> Bool {
        (bytes[i] == 0x31 && bytes[i + 1] == 0x39) || (bytes[i] == 0x32 && bytes[i + 1] == 0x30)
    }

    /// A list entry, a line of code or a table row rather than a menu entry or a
    /// headline: it has a bullet, starts in lowercase, ends with a comma or semicolon, or
    /// follows a line that announces a list ("…:"), and it is not title case.
    private func looksLikeListItem(_ lines: [Line], _ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        let shape = lines[i].shape
        let range = lines[i].range
        guard shape.words >= 2 || shape.characters >= 12 else { return false }
        if shape.capitalisedShare > 0.6 && shape.words >= 3 { return false }
        let last = bytes[range.upperBound - 1]
        if last == UInt8(ascii: ",") || last == UInt8(ascii: ";") { return true }
        // Code and commands: menus and headlines have no brackets, operators or underscores.
        var code = 0
        TextDumpExtractor.codeMarks.withUnsafeBufferPointer { marks in
            for b in bytes[range] { code &+= Int(marks[Int(b)]) }
        }
        // ("[REVEAL]"-tagged teasers are title-ish and have no operators.)
        if code >= 2 && shape.capitalisedShare <= 0.35 { return true }
        // A bullet alone does not make an entry: text-mode browsers bullet related-story
        // links too. Entries read like text, or follow a line that announces them; an
        // entry that ends in a year is an archive or listing link ("+ Oct 9, 2019 Letter
        // to … Oct 9, 2019").
        if shape.startsWithBullet && range.count >= 6 && yearLike(bytes, range.upperBound - 4)
            && bytes[(range.upperBound - 4)..<range.upperBound].allSatisfy({ $0 &- 0x30 < 10 })
            && bytes[range.upperBound - 5] &- 0x30 >= 10
        {
            return false
        }
        if shape.startsWithBullet && shape.words >= 3 && (shape.endsLikeSentence || shape.words >= 12) { return true }
        if shape.startsWithBullet && shape.words >= 3 && bulletRunIsAnnounced(lines, i, bytes) { return true }
        if !shape.startsUppercase && shape.lowercaseWords > 0 && shape.words >= 3 { return true }
        if i > 0 {
            let previous = lines[i - 1]
            if bytes[previous.range.upperBound - 1] == UInt8(ascii: ":") && previous.shape.words >= 3
                && shape.words >= 2
            {
                return true
            }
        }
        return false
    }

    /// 1 for the bytes of code and commands (`=`, `{`, `}`, `;`, `(`, `)`, `$`, `<`, `>`,
    /// `_`, `#`), 0 for the rest: added up without a branch per byte.
    private static let codeMarks: [UInt8] = (0...255).map { b in
        "={};()$<>_#".utf8.contains(UInt8(b)) ? 1 : 0
    }

    /// The bulleted lines before `i` lead back to a line ending in ":" ("You will need:").
    private func bulletRunIsAnnounced(_ lines: [Line], _ i: Int, _ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var j = i - 1
        while j >= 0 && i - j <= 30 {
            if bytes[lines[j].range.upperBound - 1] == UInt8(ascii: ":") { return true }
            guard lines[j].shape.startsWithBullet else { return false }
            j -= 1
        }
        return false
    }

    /// Indices of the first and last line of the run that maximises prose minus
    /// furniture (a maximum-sum segment): paragraphs earn their length, every non-prose
    /// line costs a little, so a code sample or a caption inside an article is bridged
    /// while a block of teasers and menus ends it.
    private func articleRegion(_ lines: [Line]) -> ClosedRange<Int>? {
        var best: (range: ClosedRange<Int>, value: Int)?
        var start = 0
        var running = 0
        var furnitureRun = 0
        for (i, line) in lines.enumerated() {
            if running <= 0 {
                start = i
                running = 0
            }
            // Three or more short non-sentences in a row are a menu or a link list: the
            // longer the run, the more each line costs.
            let isFurniture = line.role == .heading || line.role == .headline || line.role == .duplicate
            furnitureRun = isFurniture ? furnitureRun + 1 : 0
            running += value(of: line) - (furnitureRun >= 3 ? 20 : 0)
            // A region must start and end on a real paragraph.
            if line.role == .prose, best == nil || running > best!.value {
                best = (start...i, running)
            }
        }
        guard var range = best?.range else { return nil }
        while lines[range.lowerBound].role != .prose { range = (range.lowerBound + 1)...range.upperBound }
        return range
    }

    private func value(of line: Line) -> Int {
        switch line.role {
        case .prose: line.shape.characters
        case .shortProse: line.notice ? -20 : line.shape.characters / 2
        case .listItem: line.notice ? -15 : min(line.shape.characters / 4, 20) - 4
        case .heading: -15
        case .headline: -30
        case .byline, .dateline: -10
        case .caption: -30
        case .chrome, .duplicate: -50
        case .rule: -5
        }
    }

    /// A quotation may run over several paragraphs, each opening with a quote mark and
    /// only the last closing it: the region is not allowed to end inside one.
    private func extendForQuotes(
        _ lines: [Line], _ bytes: UnsafeBufferPointer<UInt8>, _ region: ClosedRange<Int>
    ) -> ClosedRange<Int> {
        var upper = region.upperBound
        var steps = 0
        while upper + 1 < lines.count, steps < 8, Quotes.leavesOpen(bytes, lines[upper].range),
            Quotes.opens(bytes, lines[upper + 1].range) || Quotes.closes(bytes, lines[upper + 1].range),
            lines[upper + 1].role != .chrome
        {
            upper += 1
            steps += 1
        }
        return region.lowerBound...upper
    }

    /// A standfirst or lead paragraph is often cut off from the text by a byline, a
    /// dateline, a picture and its caption or a share bar, which together cost more than
    /// the lead earns: look back over such furniture, never past a headline or a menu.
    private func extendForLead(_ lines: [Line], _ region: ClosedRange<Int>) -> ClosedRange<Int> {
        var lower = region.lowerBound
        var i = region.lowerBound - 1
        var skipped = 0
        while i >= 0, skipped <= 6 {
            let line = lines[i]
            switch line.role {
            case .prose where !line.notice:
                lower = i
                skipped = 0
            // A short opening sentence counts when nothing stands between it and the text.
            case .shortProse where !line.notice && (line.shape.words >= 8 || (skipped == 0 && line.shape.words >= 4)):
                lower = i
                skipped = 0
            case .chrome, .caption, .byline, .dateline, .duplicate, .rule:
                skipped += 1
            default:
                return lower...region.upperBound
            }
            i -= 1
        }
        return lower...region.upperBound
    }

    /// The region ends on a paragraph, so a code sample, a recipe's steps or a list that
    /// closes the article is left out: take in the lines after it as long as what they
    /// add outweighs what they cost, ending on such an item.
    private func extendForTail(_ lines: [Line], _ region: ClosedRange<Int>) -> ClosedRange<Int> {
        var upper = region.upperBound
        var running = 0
        var best = 0
        var furnitureRun = 0
        var i = region.upperBound + 1
        while i < lines.count, running > -60 {
            let line = lines[i]
            let isFurniture = line.role == .heading || line.role == .headline || line.role == .duplicate
            furnitureRun = isFurniture ? furnitureRun + 1 : 0
            if furnitureRun >= 3 || line.role == .chrome { break }
            running += value(of: line)
            let item = (line.role == .listItem || line.role == .shortProse) && !line.notice
            if item && running > best {
                best = running
                upper = i
            }
            i += 1
        }
        return region.lowerBound...upper
    }

    /// The longest headline-like line among the last few lines before the article.
    private func findTitle(_ lines: [Line], _ bytes: UnsafeBufferPointer<UInt8>, before start: Int) -> Int? {
        var best: Int?
        let window = max(0, start - 10)..<start
        for i in window {
            let line = lines[i]
            guard line.role == .headline || line.role == .heading || line.role == .listItem,
                line.shape.words >= 3, line.shape.words <= 30,
                bytes[line.range.upperBound - 1] != UInt8(ascii: ".")
            else { continue }
            if best == nil || line.shape.characters > lines[best!].shape.characters { best = i }
        }
        return best
    }

    /// A short capitalised name on the dump's first line, above the headline.
    private func masthead(_ lines: [Line], _ bytes: UnsafeBufferPointer<UInt8>, before titleIndex: Int) -> String? {
        guard titleIndex > 0 else { return nil }
        let first = lines[0]
        guard first.role == .heading, (1...4).contains(first.shape.words), first.shape.capitalisedShare == 1,
            !bytes[first.range].contains(where: { $0 &- 0x30 < 10 })
        else { return nil }
        return String(decoding: bytes[first.range], as: UTF8.self)
    }

    /// The site's name as lines worth reading for it mention it: those with "told"/"tells"
    /// or a notice, each read with whether it holds a notice keyword.
    private func outletMentions(_ lines: [Line], _ bytes: UnsafeBufferPointer<UInt8>) -> SelfReference.Tally {
        var tally = SelfReference.Tally()
        for line in lines where line.notice || line.tells {
            if line.wrapped {
                // A wrapped line got its line break back as a space: read and test that text.
                let text = self.text(line, bytes)
                ByteText.withBytes(text) { tally.read($0, notice: Boilerplate.isNotice(text)) }
            } else {
                tally.read(UnsafeBufferPointer(rebasing: bytes[line.range]), notice: line.noticeWord)
            }
        }
        return tally
    }

    private func body(
        _ lines: [Line], _ bytes: UnsafeBufferPointer<UInt8>, region: ClosedRange<Int>, title: Int?
    ) -> [String] {
        var kept: [Int] = []
        var emitted = KeyCounts(capacity: region.count)
        // Whether the last kept line leaves a quotation open, asked only for a line its
        // role would leave out: most kept lines are never measured.
        var lastKept: Int?
        var measured: (line: Int, open: Bool)?
        func quoteOpen() -> Bool {
            guard let lastKept else { return false }
            if let measured, measured.line == lastKept { return measured.open }
            let open = Quotes.leavesOpen(bytes, lines[lastKept].range)
            measured = (lastKept, open)
            return open
        }
        for i in region where i != title {
            let line = lines[i]
            var keep: Bool
            switch line.role {
            case .prose, .shortProse:
                keep = true
            case .listItem:
                keep = true
            case .heading:
                // A subheading introduces text; a label before a caption or another label does not.
                keep = i > region.lowerBound && i < region.upperBound && introducesText(lines[i + 1])
            default:
                keep = false
            }
            // The rest of a quotation is article text whatever its shape.
            if !keep && line.role != .chrome && line.role != .duplicate && quoteOpen()
                && (Quotes.opens(bytes, line.range) || Quotes.closes(bytes, line.range))
            {
                keep = true
            }
            if keep && emitted.count(line.hash) == 0 {
                emitted.add(line.hash)
                kept.append(i)
                lastKept = i
            }
        }
        dropNoticeBoxes(&kept, lines, bytes, region: region)
        var endings = EndingTests()
        trimEdges(&kept, lines, bytes, &endings)
        dropClosingBox(&kept, lines, bytes, region: region)
        // The box may have hidden a pitch or a note that now ends the text.
        trimEdges(&kept, lines, bytes, &endings)
        return kept.map { text(lines[$0], bytes) }
    }

    /// A sign-up or comment box inside the article ("PC Gamer Newsletter", "Sign up to
    /// get…", "By submitting your information you agree to the Terms…"): two site notices
    /// at most one short line apart are one box, and the box goes as a whole. A lone
    /// notice-like sentence stays: reporting mentions privacy or subscribers too.
    private func dropNoticeBoxes(
        _ kept: inout [Int], _ lines: [Line], _ bytes: UnsafeBufferPointer<UInt8>, region: ClosedRange<Int>
    ) {
        // Both ends must speak of the box itself (sign-up, inbox, terms): "advertised" or
        // "readers" in two sentences of reporting is no box. Ends may be chrome lines
        // ("Never miss…") that the body leaves out anyway.
        func boxLine(_ i: Int) -> Bool {
            lines[i].notice && TextDumpExtractor.boxPhrases.occurs(in: bytes, lines[i].range)
        }
        var ranges: [ClosedRange<Int>] = []
        for i in region where boxLine(i) {
            for step in 1...2 where i + step <= region.upperBound {
                if step == 2 && lines[i + 1].shape.words > 40 { break }
                guard boxLine(i + step) else { continue }
                ranges.append(i...(i + step))
                break
            }
        }
        guard !ranges.isEmpty else { return }
        kept.removeAll { index in ranges.contains { $0.contains(index) } }
    }

    /// A newsletter or comment box after the article ("Join our mailing list!", a line
    /// of pitch, "SIGN UP") holds a sentence or two that the region takes in: a
    /// non-paragraph line with a notice word near the end cuts off the little that follows.
    private func dropClosingBox(
        _ kept: inout [Int], _ lines: [Line], _ bytes: UnsafeBufferPointer<UInt8>, region: ClosedRange<Int>
    ) {
        guard kept.count > 1 else { return }
        var total = 0
        for i in kept { total += lines[i].shape.characters }
        var after = 0
        var k = kept.count - 1
        var i = region.upperBound
        while i > kept[0] {
            let line = lines[i]
            if line.role != .prose && line.role != .listItem
                && Boilerplate.noticeHits(bytes, line.range, limit: 1) > 0 && after > 0
            {
                kept.removeAll { $0 >= i }
                return
            }
            while k >= 0 && kept[k] > i { k -= 1 }
            if k >= 0 && kept[k] == i { after += line.shape.characters }
            if after >= 400 || after * 4 >= total { return }
            i -= 1
        }
    }

    private func introducesText(_ next: Line) -> Bool {
        next.role == .prose || next.role == .shortProse || next.role == .listItem
    }

    /// Site notices and author notes gather at the end of an article ("Sign up…",
    /// "Jane Doe is a reporter who covers…"), as do headings of the next section.
    private func trimEdges(
        _ kept: inout [Int], _ lines: [Line], _ bytes: UnsafeBufferPointer<UInt8>, _ endings: inout EndingTests
    ) {
        while let last = kept.last, kept.count > 1 {
            let line = lines[last]
            if line.notice || line.role == .heading || AuthorNote.matches(bytes, line.range)
                || endings.isClosingNotice(last, { TextDumpExtractor.closingNotices.occurs(in: bytes, line.range) })
            {
                kept.removeLast()
            } else {
                break
            }
        }
        cutAfterAuthorNote(&kept, lines, bytes)
        // Review sites open with their authors' notes and a disclosure before the text.
        while let first = kept.first, kept.count > 1,
            lines[first].notice || AuthorNote.matches(bytes, lines[first].range)
        {
            kept.removeFirst()
        }
    }

    /// A note about the author ends the article: the teaser, topic list or site blurb
    /// that follows it within the last few lines goes with it.
    private func cutAfterAuthorNote(_ kept: inout [Int], _ lines: [Line], _ bytes: UnsafeBufferPointer<UInt8>) {
        guard kept.count > 4 else { return }
        var after = 0
        for k in stride(from: kept.count - 1, through: kept.count - 4, by: -1) {
            let line = lines[kept[k]]
            if AuthorNote.matches(bytes, line.range) {
                kept.removeSubrange(k...)
                return
            }
            after += line.shape.characters
            if after > 700 { return }
        }
    }
}

/// The answers of the closing-notice test so far, by line: the body is trimmed twice and
/// the line that ends it is usually the same long paragraph both times.
private struct EndingTests {
    private var answers: [(line: Int, closing: Bool)] = []

    mutating func isClosingNotice(_ line: Int, _ test: () -> Bool) -> Bool {
        if let known = answers.first(where: { $0.line == line }) { return known.closing }
        let closing = test()
        answers.append((line, closing))
        return closing
    }
}

/// How often each line key occurs in a dump: open addressing over keys that are already
/// well mixed, so no `Hasher` runs per line.
private struct KeyCounts {
    private var keys: [UInt64]
    private var counts: [Int32]
    private let mask: Int

    init(capacity: Int) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        counts = [Int32](repeating: 0, count: size)
        mask = size - 1
    }

    /// Keys are never 0 (`ByteText.foldedKey`): 0 marks a free slot.
    private func slot(_ key: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: key >> 17) & mask
        while keys[i] != 0 && keys[i] != key { i = (i + 1) & mask }
        return i
    }

    mutating func add(_ key: UInt64) {
        let i = slot(key)
        keys[i] = key
        counts[i] += 1
    }

    func count(_ key: UInt64) -> Int { Int(counts[slot(key)]) }
}

/// Quote marks that open and close a quotation, counted on bytes.
enum Quotes {
    /// Net quotation depth change over the line: `“` opens, `”` closes; straight double
    /// quotes alternate. A positive result leaves a quotation open.
    private static func balance(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Int {
        var curly = 0
        var straight = 0
        var i = range.lowerBound
        while i < range.upperBound {
            // Eight bytes at a time past ASCII without a straight quote: curly quotes and
            // guillemets start with a byte above 0x7F.
            if i + 8 <= range.upperBound {
                let word = ByteText.word(bytes, at: i)
                if (word & 0x8080_8080_8080_8080) | ByteText.bytesEqual(word, 0x22) == 0 {
                    i += 8
                    continue
                }
            }
            let b = bytes[i]
            if b == 0x22 {
                straight += 1
            } else if b == 0xE2, i + 2 < range.upperBound, bytes[i + 1] == 0x80 {
                if bytes[i + 2] == 0x9C { curly += 1 }
                if bytes[i + 2] == 0x9D { curly -= 1 }
            } else if b == 0xC2, i + 1 < range.upperBound {
                if bytes[i + 1] == 0xAB { curly += 1 }
                if bytes[i + 1] == 0xBB { curly -= 1 }
            }
            i += 1
        }
        return curly + straight % 2
    }

    /// The line opens a quotation that it does not close.
    static func leavesOpen(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        balance(bytes, range) > 0
    }

    /// The line starts with an opening quote mark.
    static func opens(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard let first = range.first else { return false }
        if bytes[first] == 0x22 { return true }
        return range.count >= 3 && bytes[first] == 0xE2 && bytes[first + 1] == 0x80 && bytes[first + 2] == 0x9C
    }

    /// The line closes a quotation it did not open.
    static func closes(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        balance(bytes, range) < 0 || (!opens(bytes, range) && bytes[range].contains(0x22))
    }
}

/// The note about the author that closes many articles: "Jane Doe is a reporter…",
/// "John Roe writes about…", "She has worked as…".
enum AuthorNote {
    private static let phrases = PhraseSet([
        " is a freelance", " is a staff", " is a senior", " is a reporter", " is a writer", " is a journalist",
        " is an editor", " is the editor", " is a contributing", " is a columnist", " is a correspondent",
        " is a personal finance", " is an expert", " is the author of", " writes about", " covers ",
        " has worked as", " has written for", " has done many", " studiert ", " is a freelance writer",
        " holds a ", " has a masters", " has a master's", " graduated from", " lives in ", " is a professor",
        " is a senior writer", " is a staff writer", " is a contributor", " is an author", " is an award",
        " has been writing", " is a former", " is the founder", " is a political", " is a science",
        " is a technology", " is a data", " is an associate", " is an assistant", " is a research",
    ])

    /// True for a short paragraph that starts with a name or a pronoun and describes
    /// its author.
    static func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard range.count <= 600 else { return false }
        // Only the opening of the paragraph: the note states it at once.
        let window = range.lowerBound..<min(range.upperBound, range.lowerBound + 120)
        return phrases.occurs(in: bytes, window)
    }
}
