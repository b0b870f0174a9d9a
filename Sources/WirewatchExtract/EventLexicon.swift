/// The word lists behind quotes, figures and events, read once from the package's
/// `Lexicons/events.lexicon` (embedded in code, so no bundle or file access at run time).
///
/// The file format is described at its top; a malformed line is skipped rather than
/// fatal, so a bad edit loses one rule, never the extractor.
struct EventLexicon: Sendable {
    struct EventType: Sendable {
        var name: String
        var cameo: String?
        var goldstein: Double?
    }

    /// One alternative of a rule group: a word or phrase, lowercase; a word written
    /// with a final `*` matches as a prefix.
    struct Phrase: Sendable, Hashable {
        var words: [String]
        var isPrefix: [Bool]
        /// The UTF-8 bytes of `words`, for byte comparisons with ASCII body words.
        var bytes: [[UInt8]]
    }

    struct Rule: Sendable {
        var type: EventType
        var groups: [[Phrase]]
        var vetoes: [Phrase]
    }

    /// Where a phrase sits in the rules: `group` −1 is a veto.
    struct Slot: Sendable {
        var phrase: Phrase
        var rule: Int
        var group: Int
    }

    private(set) var types: [String: EventType] = [:]
    private(set) var rules: [Rule] = []
    /// Phrases keyed by their first word (exact) and by the first three letters of a
    /// prefix first word, so one dictionary probe per body word finds every candidate.
    private(set) var exact = WordTable<[Slot]>()
    private(set) var prefixed = WordTable<[Slot]>()
    /// Attribution verbs ("said", "according to") keyed by the hash of their first word.
    private(set) var speech = WordTable<[[String]]>()
    private(set) var pronouns: [String: String] = [:]
    private(set) var titles: Set<String> = []
    private(set) var described: Set<String> = []
    private(set) var generic: Set<String> = []
    /// Lowercase demonym (one or two words) → country.
    private(set) var demonyms: [String: String] = [:]
    private(set) var countryWords: Set<String> = []
    /// Lowercased names of the demonyms' countries ("russia", "united kingdom").
    private(set) var countries: Set<String> = []
    private(set) var orgWords: Set<String> = []
    /// Words that put a sentence on the state level (see `[statewords]`).
    private(set) var stateWords: Set<String> = []
    /// `stateWords` for lookups by a body word's hash.
    private(set) var stateWordList = WordList([])

    static let shared = EventLexicon(String(decoding: PackageResources.events_lexicon, as: UTF8.self))

    init(_ text: String) {
        var section = ""
        var pendingRules: [(String, Substring)] = []
        for rawLine in text.split(separator: "\n") {
            let line = rawLine.trimmedSpace()
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                section = String(line.dropFirst().dropLast())
                continue
            }
            switch section {
            case "types":
                let parts = line.split(separator: " ")
                guard parts.count == 3 else { continue }
                let name = String(parts[0])
                types[name] = EventType(
                    name: name, cameo: parts[1] == "-" ? nil : String(parts[1]), goldstein: Double(parts[2]))
            case "rules":
                guard let colon = line.firstIndex(of: ":") else { continue }
                pendingRules.append((String(line[..<colon]), line[line.index(after: colon)...]))
            case "speech":
                let words = line.lowercased().split(separator: " ").map(String.init)
                speech[ByteText.foldedHash(of: words[0]), default: []].append(words)
            case "pronouns", "demonyms":
                let pair = line.split(separator: "=", maxSplits: 1).map { String($0.trimmedSpace()) }
                guard pair.count == 2 else { continue }
                if section == "pronouns" { pronouns[pair[0]] = pair[1] } else { demonyms[pair[0]] = pair[1] }
            case "titles": titles.insert(String(line))
            case "described": described.insert(String(line))
            case "generic": generic.insert(String(line))
            case "countrywords": countryWords.insert(String(line))
            case "orgwords": orgWords.insert(String(line))
            case "statewords": stateWords.insert(String(line))
            default: continue
            }
        }
        for (head, body) in pendingRules { addRule(head: head, body: body) }
        countries = Set(demonyms.values.map { $0.lowercased() })
        stateWordList = WordList(stateWords)
    }

    /// `TYPE[@CAMEO/GOLDSTEIN]: GROUP + GROUP ! VETO`.
    private mutating func addRule(head: String, body: Substring) {
        let nameAndCode = head.split(separator: "@", maxSplits: 1)
        guard var type = types[String(nameAndCode[0])] else { return }
        if nameAndCode.count == 2 {
            let code = nameAndCode[1].split(separator: "/")
            type.cameo = String(code[0])
            if code.count == 2 { type.goldstein = Double(code[1]) }
        }
        let halves = body.split(separator: "!", maxSplits: 1)
        let groups = halves[0].split(separator: "+").map(Self.phrases)
        let vetoes = halves.count == 2 ? Self.phrases(halves[1]) : []
        guard !groups.isEmpty, groups.allSatisfy({ !$0.isEmpty }) else { return }
        let index = rules.count
        rules.append(Rule(type: type, groups: groups, vetoes: vetoes))
        for (g, group) in groups.enumerated() {
            for phrase in group { register(Slot(phrase: phrase, rule: index, group: g)) }
        }
        for phrase in vetoes { register(Slot(phrase: phrase, rule: index, group: -1)) }
    }

    private mutating func register(_ slot: Slot) {
        let first = slot.phrase.words[0]
        if slot.phrase.isPrefix[0] {
            prefixed[ByteText.foldedHash(of: first.prefix(3)), default: []].append(slot)
        } else {
            exact[ByteText.foldedHash(of: first), default: []].append(slot)
        }
    }

    private static func phrases(_ group: Substring) -> [Phrase] {
        group.split(separator: "|").compactMap { alternative in
            let words = alternative.trimmedSpace().lowercased().split(separator: " ")
            guard !words.isEmpty else { return nil }
            let bare = words.map { String($0.hasSuffix("*") ? $0.dropLast() : $0) }
            return Phrase(words: bare, isPrefix: words.map { $0.hasSuffix("*") }, bytes: bare.map { Array($0.utf8) })
        }
    }

    /// The type entry of a vocabulary name (SPEC §4's table).
    func type(_ name: String) -> EventType? { types[name] }
}
