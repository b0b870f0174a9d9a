/// Extracts an article from a plain-text dump: text copied out of a browser with the
/// page chrome (menus, captions, widgets, related headlines, notices) still in it.
///
/// Each line gets a role from its own shape (length, sentence punctuation, function
/// words, chrome and caption phrases); the article is the densest run of prose lines,
/// and the headline, byline and dateline are looked for just before it.
struct TextDumpExtractor {
    enum Role: Equatable {
        case prose, shortProse, heading, headline, chrome, caption, byline, dateline, duplicate
    }

    struct Line {
        var number: Int
        var text: Substring
        var shape: LineShape
        var role: Role
        var notice: Bool
    }

    func extract(_ text: String) -> ArticleFields {
        var fields = ArticleFields()
        var lines = splitLines(text)
        guard !lines.isEmpty else { return fields }

        stripLeadingDate(&lines, into: &fields)
        classify(&lines)
        guard let region = articleRegion(lines) else {
            fields.paragraphs = []
            return fields
        }

        let titleIndex = findTitle(lines, before: region.lowerBound)
        if let titleIndex {
            fields.offer(\.title, String(lines[titleIndex].text), name: "title", rule: "text:first-heading")
            if let masthead = masthead(lines, before: titleIndex) {
                fields.offer(\.publisher, masthead, name: "publisher", rule: "text:masthead")
            }
        }
        for line in lines.prefix(region.upperBound + 1) {
            if line.role == .byline, let byline = Byline.parse(line.text), fields.authors.isEmpty {
                fields.authors = byline.authors
                fields.provenance["authors"] = "text:byline"
                fields.offer(\.publisher, byline.publisher, name: "publisher", rule: "text:byline")
            }
            if line.role == .dateline, let date = DateText.firstDate(in: line.text) {
                fields.offer(\.published, date, name: "published", rule: "text:dateline")
            }
        }
        if fields.publisher == nil, let outlet = SelfReference.publisher(in: lines.map(\.text)) {
            fields.offer(\.publisher, outlet, name: "publisher", rule: "text:self-reference")
        }
        fields.paragraphs = body(lines, region: region, title: titleIndex)
        return fields
    }

    private func splitLines(_ text: String) -> [Line] {
        var result: [Line] = []
        var number = 0
        for raw in text.split(
            omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" || $0 == "\r" })
        {
            number += 1
            let trimmed = raw.trimmedSpace()
            if trimmed.isEmpty { continue }
            result.append(
                Line(number: number, text: trimmed, shape: LineShape(trimmed), role: .headline, notice: false))
        }
        return result
    }

    /// Some dump tools prefix the first line with its date (" date 2022-01-19 Headline…").
    private func stripLeadingDate(_ lines: inout [Line], into fields: inout ArticleFields) {
        var words = lines[0].text.split(separator: " ", maxSplits: 2, omittingEmptySubsequences: true)
        if let label = words.first,
            ["date", "published", "updated", "posted"].contains(label.lowercased().trimmingPunctuation())
        {
            words =
                lines[0].text.split(separator: " ", maxSplits: 1).dropFirst().first?.split(separator: " ", maxSplits: 1)
                ?? []
        }
        guard words.count == 2, words[0].utf8.count == 10, let date = DateText.normalisedISO(words[0]) else { return }
        fields.offer(\.published, date, name: "published", rule: "text:dateline")
        lines[0].text = words[1].trimmedSpace()
        lines[0].shape = LineShape(lines[0].text)
    }

    private func classify(_ lines: inout [Line]) {
        var seen: [Substring: Int] = [:]
        for line in lines { seen[line.text, default: 0] += 1 }
        for i in lines.indices {
            let text = lines[i].text
            let shape = lines[i].shape
            lines[i].notice = Boilerplate.isNotice(text)
            if Boilerplate.isChrome(text) {
                lines[i].role = .chrome
            } else if Boilerplate.isCaption(text) {
                lines[i].role = .caption
            } else if Byline.parse(text) != nil {
                lines[i].role = .byline
            } else if !shape.isProse, shape.words <= 10, DateText.firstDate(in: text) != nil {
                lines[i].role = .dateline
            } else if shape.isProse {
                lines[i].role = lines[i].notice ? .shortProse : .prose
            } else if shape.endsLikeSentence && shape.words >= 2 && !text.hasSuffix(":") {
                lines[i].role = .shortProse
            } else if shape.words <= 8 {
                lines[i].role = .heading
            } else {
                lines[i].role = .headline
            }
            // Related-story teasers and menus repeat; a repeated non-prose line is furniture.
            if seen[text, default: 0] > 1 && lines[i].role != .prose { lines[i].role = .duplicate }
        }
        // An image's alt text followed by its caption: "X" then "X. Picture: …".
        for i in lines.indices.dropLast() where lines[i].text.count >= 12 {
            if lines[i + 1].text.hasPrefix(lines[i].text) && lines[i + 1].text.count > lines[i].text.count {
                lines[i].role = .caption
                lines[i + 1].role = .caption
            }
        }
        // A short label right before a caption is the image's alt text.
        for i in lines.indices.dropLast() where lines[i + 1].role == .caption && lines[i].role == .heading {
            lines[i].role = .caption
        }
    }

    /// Indices of the first and last line of the run that maximises prose minus
    /// furniture (a maximum-sum segment): paragraphs earn their length, every non-prose
    /// line costs a little, so a code sample or a caption inside an article is bridged
    /// while a block of teasers and menus ends it.
    private func articleRegion(_ lines: [Line]) -> ClosedRange<Int>? {
        var best: (range: ClosedRange<Int>, value: Int)?
        var start = 0
        var running = 0
        for (i, line) in lines.enumerated() {
            if running <= 0 {
                start = i
                running = 0
            }
            running += value(of: line)
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
        case .prose: line.text.count
        case .shortProse: line.notice ? -20 : line.text.count / 2
        case .heading: -15
        case .headline: -30
        case .byline, .dateline: -10
        case .caption: -30
        case .chrome, .duplicate: -50
        }
    }

    /// The longest headline-like line among the last few lines before the article.
    private func findTitle(_ lines: [Line], before start: Int) -> Int? {
        var best: Int?
        let window = max(0, start - 10)..<start
        for i in window {
            let line = lines[i]
            guard line.role == .headline || line.role == .heading, line.shape.words >= 3, line.shape.words <= 30,
                !line.text.hasSuffix(".")
            else { continue }
            if best == nil || line.text.count > lines[best!].text.count { best = i }
        }
        return best
    }

    /// A short capitalised name on the dump's first line, above the headline.
    private func masthead(_ lines: [Line], before titleIndex: Int) -> String? {
        guard titleIndex > 0 else { return nil }
        let first = lines[0]
        guard first.role == .heading, (1...4).contains(first.shape.words), first.shape.capitalisedShare == 1,
            !first.text.contains(where: { $0.isNumber })
        else { return nil }
        return String(first.text)
    }

    private func body(_ lines: [Line], region: ClosedRange<Int>, title: Int?) -> [String] {
        var paragraphs: [String] = []
        var emitted = Set<Substring>()
        for i in region where i != title {
            let line = lines[i]
            var keep = false
            switch line.role {
            case .prose, .shortProse:
                keep = true
            case .heading:
                // A subheading introduces prose; a label before a caption or another label does not.
                keep =
                    i + 1 <= region.upperBound && lines[i + 1].role == .prose && line.shape.words >= 1
                    && i > region.lowerBound
            default:
                keep = false
            }
            if keep && emitted.insert(line.text).inserted { paragraphs.append(String(line.text)) }
        }
        return paragraphs
    }
}
