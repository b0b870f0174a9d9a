/// Reads "By …" lines: "by Emma Soteriou · LBCBy Emma Soteriou" gives the author Emma
/// Soteriou and the outlet LBC; "By Jane Doe and John Roe" gives two authors.
struct Byline: Sendable, Equatable {
    var authors: [String]
    var publisher: String?

    private static let separators = [" · ", " | ", " - ", " – ", " — ", " / ", ", "]
    private static let particles: Set<String> = [
        "de", "da", "del", "der", "di", "van", "von", "la", "le", "al", "bin", "el", "du", "dos", "ter",
    ]

    private static let openings = PhraseSet(["by ", "by: "])

    /// Cheap test on bytes before `parse`: the line starts with "by ".
    static func mayStart(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        range.count <= 480 && openings.starts(bytes, range)
    }

    /// Parses a line that starts with "By " (any case); nil when the rest does not
    /// look like one or more personal names.
    static func parse(_ line: some StringProtocol) -> Byline? {
        let text = line.trimmedSpace()
        guard text.lowercased().hasPrefix("by "), text.count <= 160 else { return nil }
        var rest = String(text.dropFirst(3).trimmedSpace())
        var publisher: String?
        // Rendered bylines often glue an outlet and a repeated byline: "Name · OutletBy Name".
        for separator in separators where separator != ", " {
            if let range = rest.firstRange(of: separator) {
                var tail = String(rest[range.upperBound...])
                if let glued = tail.firstRange(of: "By ") { tail = String(tail[..<glued.lowerBound]) }
                tail = String(tail.trimmedSpace())
                if isOutletLike(tail) { publisher = tail }
                rest = String(rest[..<range.lowerBound])
                break
            }
        }
        var names: [String] = []
        for part in splitNames(rest) {
            guard isPersonName(part) else { return nil }
            names.append(part)
        }
        return names.isEmpty ? nil : Byline(authors: names, publisher: publisher)
    }

    static func splitNames(_ text: String) -> [String] {
        var parts = [text]
        for separator in [" and ", " & ", ", "] {
            parts = parts.flatMap { $0.split(separator: separator).map { String($0.trimmedSpace()) } }
        }
        return parts.filter { !$0.isEmpty }
    }

    /// One to five words, capitalised (name particles allowed), letters only.
    static func isPersonName(_ text: some StringProtocol) -> Bool {
        let words = text.split(separator: " ")
        guard (1...5).contains(words.count), text.count <= 60 else { return false }
        for word in words {
            if particles.contains(word.lowercased()) { continue }
            guard let first = word.first, first.isUppercase else { return false }
            guard word.allSatisfy({ $0.isLetter || $0 == "-" || $0 == "'" || $0 == "’" || $0 == "." }) else {
                return false
            }
        }
        return words.count >= 2 || text.count >= 3
    }

    private static func isOutletLike(_ text: String) -> Bool {
        let words = text.split(separator: " ")
        return (1...4).contains(words.count)
            && words.allSatisfy { $0.first?.isUppercase == true || $0.first?.isNumber == true }
    }
}
