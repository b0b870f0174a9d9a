/// The entity lexicons of `Lexicons/` (see its README for where each list comes from),
/// embedded in the binary and parsed once into hash tables keyed like `EntityToken.key`.
struct Gazetteer: Sendable {
    /// What a lexicon entry names; decides how its mentions join (a demonym joins its country).
    enum Kind: UInt8, Sendable { case country, subdivision, place, person, organization, weapon, demonym }

    struct Entry: Sendable {
        var name: String
        var type: Article.Entity.Kind
        var kind: Kind
        /// For a demonym, the entry of its country (or place); -1 when there is none.
        var country: Int32
        /// Folded keys of the canonical name's words, for surname matching.
        var words: [UInt64]
    }

    /// Word classes of `words.tsv` plus the common-word list, as bits.
    struct WordClass: OptionSet, Sendable {
        let rawValue: UInt32
        static let honorific = WordClass(rawValue: 1 << 0)
        static let title = WordClass(rawValue: 1 << 1)
        static let titleModifier = WordClass(rawValue: 1 << 2)
        static let orgWord = WordClass(rawValue: 1 << 3)
        static let orgHead = WordClass(rawValue: 1 << 4)
        static let locWord = WordClass(rawValue: 1 << 5)
        static let actor = WordClass(rawValue: 1 << 6)
        static let nonEntity = WordClass(rawValue: 1 << 7)
        static let speech = WordClass(rawValue: 1 << 8)
        static let connector = WordClass(rawValue: 1 << 9)
        static let givenName = WordClass(rawValue: 1 << 10)
        static let common = WordClass(rawValue: 1 << 11)
        static let weaponModifier = WordClass(rawValue: 1 << 12)
        static let weaponHead = WordClass(rawValue: 1 << 13)
        /// Starts a lexicon phrase although written in lower case ("eastern Europe").
        static let lowerPhraseStart = WordClass(rawValue: 1 << 14)

        static let byName: [Substring: WordClass] = [
            "honorific": .honorific, "title": .title, "titlemod": .titleModifier, "orgword": .orgWord,
            "orghead": .orgHead, "locword": .locWord, "actor": .actor, "nonentity": .nonEntity, "speech": .speech,
            "connector": .connector, "givenname": .givenName, "weaponmod": .weaponModifier,
            "weaponhead": .weaponHead,
        ]
    }

    /// A phrase-table value: entry index + 1 in the low 24 bits (0: only a prefix).
    struct Phrase: Sendable {
        var packed: UInt32
        var entry: Int? { packed & 0xFF_FFFF == 0 ? nil : Int(packed & 0xFF_FFFF) - 1 }
        /// A longer phrase starts with this one: keep extending.
        var isPrefix: Bool { packed & (1 << 24) != 0 }
        /// Short all-capital alias ("US", "UN"): matches only text in capitals.
        var capitalsOnly: Bool { packed & (1 << 25) != 0 }
    }

    private(set) var entries: [Entry] = []
    private(set) var phrases: [UInt64: Phrase] = [:]
    private(set) var maxPhraseTokens = 1
    private(set) var classes: [UInt64: WordClass] = [:]

    /// Parsed on first use; the lexicons are about 200 kB of text.
    static let shared = Gazetteer(
        countries: PackageResources.countries_tsv, subdivisions: PackageResources.subdivisions_tsv,
        gazetteer: PackageResources.gazetteer_tsv, demonyms: PackageResources.demonyms_tsv,
        words: PackageResources.words_tsv, common: PackageResources.common_txt)

    init(
        countries: [UInt8], subdivisions: [UInt8], gazetteer: [UInt8], demonyms: [UInt8], words: [UInt8],
        common: [UInt8]
    ) {
        var byName: [String: Int] = [:]
        for row in Self.rows(countries) where row.count >= 1 {
            byName[String(row[0])] = add(String(row[0]), type: .LOC, kind: .country, aliases: Self.split(row, 1))
        }
        for row in Self.rows(gazetteer) where row.count >= 2 {
            let type = Article.Entity.Kind(rawValue: String(row[0])) ?? .MISC
            let kind: Kind =
                switch type {
                case .PER: .person
                case .ORG: .organization
                case .WEAPON: .weapon
                default: .place
                }
            let name = String(row[1])
            if let existing = byName[name] {
                addAliases(Self.split(row, 2), to: existing)
            } else {
                byName[name] = add(name, type: type, kind: kind, aliases: Self.split(row, 2))
            }
        }
        for row in Self.rows(subdivisions) where row.count >= 1 {
            let name = String(row[0])
            if byName[name] == nil, phrases[EntityTokenizer.hash(name)]?.entry == nil {
                byName[name] = add(name, type: .LOC, kind: .subdivision, aliases: [])
            }
        }
        for row in Self.rows(demonyms) where row.count >= 1 {
            let index = add(String(row[0]), type: .MISC, kind: .demonym, aliases: Self.split(row, 1))
            entries[index].country = row.count > 2 ? Int32(byName[String(row[2])] ?? -1) : -1
        }
        for row in Self.rows(words) where row.count >= 2 {
            guard let wordClass = WordClass.byName[row[0]] else { continue }
            for phrase in row[1].split(separator: "|") {
                // A multi-word class entry marks its last word ("air force" → "force").
                let word = phrase.split(separator: " ").last.map(String.init) ?? String(phrase)
                classes[EntityTokenizer.hash(word), default: []].insert(wordClass)
            }
        }
        for line in Self.rows(common) where !line.isEmpty {
            classes[EntityTokenizer.hash(String(line[0])), default: []].insert(.common)
        }
    }

    func wordClass(_ key: UInt64) -> WordClass { classes[key] ?? [] }

    private mutating func add(_ name: String, type: Article.Entity.Kind, kind: Kind, aliases: [String]) -> Int {
        let index = entries.count
        let words = EntityTokenizer.tokenize(Array(name.utf8)).filter(\.isWord).map(\.key)
        entries.append(Entry(name: name, type: type, kind: kind, country: -1, words: words))
        addAliases([name] + aliases, to: index)
        return index
    }

    private mutating func addAliases(_ aliases: [String], to index: Int) {
        for alias in aliases {
            let bytes = Array(alias.utf8)
            let tokens = EntityTokenizer.tokenize(bytes)
            guard !tokens.isEmpty else { continue }
            maxPhraseTokens = max(maxPhraseTokens, tokens.count)
            var h: UInt64 = 0
            for (n, token) in tokens.enumerated() {
                h = EntityTokenizer.combine(h, token.key)
                var phrase = phrases[h] ?? Phrase(packed: 0)
                if n == tokens.count - 1 {
                    // The first entry to claim a phrase keeps it (countries before places before subdivisions).
                    if phrase.entry == nil { phrase.packed |= UInt32(index + 1) }
                    let letters = bytes.filter { ($0 | 0x20) >= 0x61 && ($0 | 0x20) <= 0x7A }
                    if tokens.count == 1, letters.count <= 3, letters.allSatisfy({ $0 < 0x61 }) {
                        phrase.packed |= 1 << 25
                    }
                } else {
                    phrase.packed |= 1 << 24
                }
                phrases[h] = phrase
            }
            if let first = tokens.first, first.isWord, !first.isUpper {
                classes[first.key, default: []].insert(.lowerPhraseStart)
            }
        }
    }

    private static func rows(_ bytes: [UInt8]) -> [[Substring]] {
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(separator: "\n").compactMap { line in
            if line.hasPrefix("#") { return nil }
            return line.split(separator: "\t", omittingEmptySubsequences: false)
        }
    }

    private static func split(_ row: [Substring], _ column: Int) -> [String] {
        guard row.count > column else { return [] }
        return row[column].split(separator: "|").map { String($0.trimmingSpaces) }
    }
}

extension Substring {
    fileprivate var trimmingSpaces: Substring {
        var s = self
        while s.first == " " { s = s.dropFirst() }
        while s.last == " " { s = s.dropLast() }
        return s
    }
}
