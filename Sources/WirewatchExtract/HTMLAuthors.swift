/// Turns the author strings that page metadata states into personal names.
///
/// Metadata authors are often not people: outlets ("BBC News"), desks ("Staff",
/// "Agencies", "Letters To The Editor"), placeholders ("No Author", "Unknown"),
/// credentials split off a name ("PhD"), or bylines with their "By ". Only names that
/// look like a person's and are not the outlet survive.
enum HTMLAuthors {
    /// Words that never appear in a person's name but do in desks, outlets and placeholders.
    private static let nonNameWords: Set<String> = [
        "staff", "team", "desk", "editor", "editors", "editorial", "agency", "agencies", "news", "report", "reports",
        "reporter", "reporters", "admin", "administrator", "unknown", "author", "authors", "guest", "contributor",
        "contributors", "wire", "wires", "press", "media", "newsroom", "minute", "minutes", "read", "letters",
        "letter", "the", "no", "anonymous", "redaktion", "service", "online", "magazine", "daily", "times",
        "journal", "group", "network", "foundation", "inc", "ltd", "llc", "office", "department", "sponsored",
        "content", "partner", "updated", "published",
    ]
    /// Academic and professional suffixes that a comma separates from the name.
    private static let credentials: Set<String> = [
        "phd", "ph.d.", "md", "m.d.", "ms", "rd", "rn", "mba", "msc", "bsc", "ma", "ba", "jr", "jr.", "sr", "sr.",
        "dr", "dr.", "prof", "prof.", "cpa", "esq", "esq.", "ii", "iii", "lcsw", "mph", "dvm",
    ]

    /// The personal names among `raw`, in order and without repeats. `publisher` and the
    /// host of `url` identify the outlet, whose name is not an author's.
    static func names(_ raw: [String], publisher: String?, url: String?) -> [String] {
        var result: [String] = []
        for entry in raw {
            for part in Byline.splitNames(strippingBy(entry.collapsingWhitespace())) {
                let name = String(part.trimmedSpace())
                if isName(name, publisher: publisher, host: url.flatMap(host)) && !result.contains(name) {
                    result.append(name)
                }
            }
        }
        return result
    }

    /// True when `name` reads as one person's name and not as the outlet.
    static func isName(_ name: String, publisher: String?, host: String?) -> Bool {
        guard Byline.isPersonName(name) else { return false }
        let lower = name.lowercased()
        if credentials.contains(lower) { return false }
        let words = lower.split(separator: " ")
        if words.contains(where: { nonNameWords.contains(String($0)) }) { return false }
        // "CNN", "IWB": initialisms are outlets; initials in names carry dots ("T. V. Raman").
        if name.split(separator: " ").contains(where: { $0.count >= 2 && $0.allSatisfy(\.isUppercase) }) {
            return false
        }
        // "BahamasLocal.com": a dot followed by a lowercase letter is a domain, not an initial.
        let characters = Array(name)
        if characters.indices.dropLast().contains(where: { characters[$0] == "." && characters[$0 + 1].isLowercase }) {
            return false
        }
        let squeezed = lower.filter { $0.isLetter }
        if let publisher {
            let outlet = publisher.lowercased().filter { $0.isLetter }
            if !outlet.isEmpty && (outlet.contains(squeezed) || squeezed.contains(outlet)) { return false }
        }
        if let host, squeezed.count >= 3, host.filter({ $0.isLetter }).contains(squeezed) { return false }
        return true
    }

    /// "By Jane Roe", "by: Jane Roe", "Von Jane Roe" → "Jane Roe".
    static func strippingBy(_ text: String) -> String {
        for prefix in ["by:", "by ", "von ", "par ", "por "] where text.lowercased().hasPrefix(prefix) {
            return String(text.dropFirst(prefix.count).trimmedSpace())
        }
        return text
    }

    /// Lowercased host of an absolute URL, without a leading "www.".
    static func host(_ url: String) -> String? {
        guard let scheme = url.firstRange(of: "://") else { return nil }
        let rest = url[scheme.upperBound...]
        let host = rest.prefix { $0 != "/" && $0 != ":" && $0 != "?" && $0 != "#" }.lowercased()
        return host.hasPrefix("www.") ? String(host.dropFirst(4)) : host
    }
}
