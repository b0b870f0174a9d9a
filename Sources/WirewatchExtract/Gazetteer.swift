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

        static let byName: [String: WordClass] = [
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
    private(set) var phrases = KeyTable<Phrase>(capacity: 8_192)
    /// The keys of the first words of phrases (`phrases` keys of one token).
    private(set) var phraseStarts = KeyFilter()
    private(set) var maxPhraseTokens = 1
    private(set) var classes = KeyTable<WordClass>(capacity: 8_192)
    /// The words whose class matters in lower case: `lowerPhraseStart` and `weaponModifier`.
    private(set) var lowerCaseCues = KeyFilter()

    /// Parsed on first use; the lexicons are about 200 kB of text, read as bytes in a few milliseconds.
    static let shared = Gazetteer(
        countries: PackageResources.countries_tsv, subdivisions: PackageResources.subdivisions_tsv,
        gazetteer: PackageResources.gazetteer_tsv, demonyms: PackageResources.demonyms_tsv,
        words: PackageResources.words_tsv, common: PackageResources.common_txt)

    init(
        countries: [UInt8], subdivisions: [UInt8], gazetteer: [UInt8], demonyms: [UInt8], words: [UInt8],
        common: [UInt8]
    ) {
        var scratch = Scratch()
        // Canonical names by the hash of their bytes (the lexicons are NFC, so equal names have equal bytes).
        var byName = KeyTable<Int>(capacity: 8_192)
        LexiconRows.forEach(countries) { row in
            let name = row.string(0)
            byName[row.key(0)] = add(name, row.field(0), type: .LOC, kind: .country, aliases: row.aliases(1), &scratch)
        }
        LexiconRows.forEach(gazetteer) { row in
            guard row.count >= 2 else { return }
            let type = Article.Entity.Kind(rawValue: row.string(0)) ?? .MISC
            let kind: Kind =
                switch type {
                case .PER: .person
                case .ORG: .organization
                case .WEAPON: .weapon
                default: .place
                }
            if let existing = byName[row.key(1)] {
                addAliases(row.aliases(2), to: existing, &scratch)
            } else {
                byName[row.key(1)] = add(
                    row.string(1), row.field(1), type: type, kind: kind, aliases: row.aliases(2), &scratch)
            }
        }
        LexiconRows.forEach(subdivisions) { row in
            if byName[row.key(0)] == nil, phrases[EntityTokenizer.hash(row.field(0), &scratch.tokens)]?.entry == nil {
                byName[row.key(0)] = add(
                    row.string(0), row.field(0), type: .LOC, kind: .subdivision, aliases: [], &scratch)
            }
        }
        LexiconRows.forEach(demonyms) { row in
            let index = add(row.string(0), row.field(0), type: .MISC, kind: .demonym, aliases: row.aliases(1), &scratch)
            entries[index].country = row.count > 2 ? Int32(byName[row.key(2)] ?? -1) : -1
        }
        LexiconRows.forEach(words) { row in
            guard row.count >= 2, let wordClass = WordClass.byName[row.string(0)] else { return }
            for phrase in row.split(1) {
                // A multi-word class entry marks its last word ("air force" → "force").
                let word = LexiconRows.lastWord(phrase)
                addClass(wordClass, to: EntityTokenizer.hash(word, &scratch.tokens))
            }
        }
        LexiconRows.forEach(common) { row in
            addClass(.common, to: EntityTokenizer.hash(row.field(0), &scratch.tokens))
        }
    }

    /// Buffers reused across the lexicon lines.
    private struct Scratch {
        var tokens: [EntityToken] = []
        var aliases: [UnsafeBufferPointer<UInt8>] = []
    }

    @inline(__always)
    func wordClass(_ key: UInt64) -> WordClass { classes[key] ?? [] }

    private mutating func addClass(_ wordClass: WordClass, to key: UInt64) {
        classes[key] = (classes[key] ?? []).union(wordClass)
        if !wordClass.isDisjoint(with: [.lowerPhraseStart, .weaponModifier]) { lowerCaseCues.insert(key) }
    }

    private mutating func add(
        _ name: String, _ nameBytes: UnsafeBufferPointer<UInt8>, type: Article.Entity.Kind, kind: Kind,
        aliases: [UnsafeBufferPointer<UInt8>], _ scratch: inout Scratch
    ) -> Int {
        let index = entries.count
        EntityTokenizer.tokenize(nameBytes, into: &scratch.tokens)
        let words = scratch.tokens.filter(\.isWord).map(\.key)
        entries.append(Entry(name: name, type: type, kind: kind, country: -1, words: words))
        addAliases([nameBytes] + aliases, to: index, &scratch)
        return index
    }

    private mutating func addAliases(
        _ aliases: [UnsafeBufferPointer<UInt8>], to index: Int, _ scratch: inout Scratch
    ) {
        for bytes in aliases {
            EntityTokenizer.tokenize(bytes, into: &scratch.tokens)
            let tokens = scratch.tokens
            guard !tokens.isEmpty else { continue }
            maxPhraseTokens = max(maxPhraseTokens, tokens.count)
            var h: UInt64 = 0
            for (n, token) in tokens.enumerated() {
                h = EntityTokenizer.combine(h, token.key)
                if n == 0 { phraseStarts.insert(h) }
                var phrase = phrases[h] ?? Phrase(packed: 0)
                if n == tokens.count - 1 {
                    // The first entry to claim a phrase keeps it (countries before places before subdivisions).
                    if phrase.entry == nil { phrase.packed |= UInt32(index + 1) }
                    if tokens.count == 1, Self.isShortCapitals(bytes) { phrase.packed |= 1 << 25 }
                } else {
                    phrase.packed |= 1 << 24
                }
                phrases[h] = phrase
            }
            if let first = tokens.first, first.isWord, !first.isUpper { addClass(.lowerPhraseStart, to: first.key) }
        }
    }

    /// At most three ASCII letters, all capitals ("US", "UN"): such an alias matches only capitals.
    private static func isShortCapitals(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        var letters = 0
        for b in bytes where (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
            if b >= 0x61 { return false }
            letters += 1
        }
        return letters <= 3
    }
}
