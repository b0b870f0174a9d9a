/// The article's entities found again in its body, word by word, so the quote and
/// event finders can ask "which entity is this word?" and "who was the last person
/// named before here?".
///
/// Aliases match whole words, longest first; a possessive ending ("Russia's") still
/// matches its name; short all-capital aliases ("US") only match in capitals, so the
/// pronoun "us" is never the United States. Demonyms from the lexicon ("Russian",
/// "North Korean") are mentions of their country, flagged as such.
struct NameIndex {
    struct Name {
        var name: String
        var type: Article.Entity.Kind
    }

    struct Mention {
        var words: Range<Int>
        var name: Int
        var isDemonym: Bool
    }

    private(set) var names: [Name] = []
    private(set) var mentions: [Mention] = []
    /// Mention index per body word, -1 where none.
    private(set) var owner: [Int32]
    /// Lowercased role ("prime minister") → the person last named with it.
    private(set) var roles: [String: Int] = [:]
    /// Names of the people the article introduces with a role.
    private(set) var withRole: Set<Int> = []

    private struct Alias {
        var words: [String]
        /// Folded hash of the first word, the key aliases are filed under.
        var firstHash: UInt64
        var strictCase: [Bool]
        var needsCapital: Bool
        var name: Int
        var isDemonym: Bool
    }

    init(body: BodyText, entities: [Article.Entity], lexicon: EventLexicon = .shared) {
        owner = Array(repeating: -1, count: body.words.count)
        var guesser = NameGuesser(body: body, lexicon: lexicon)
        let known = entities.isEmpty ? guesser.entities() : entities
        var aliases = WordTable<[Alias]>(capacity: entities.count * 2 + NameIndex.demonyms.count)
        // Entity index per demonym country, the last entity of that name as before.
        var countryNames = [Int](repeating: -1, count: NameIndex.countrySlots.count)
        func add(_ surface: String, name: Int, isDemonym: Bool) {
            guard var alias = NameIndex.alias(surface) else { return }
            alias.name = name
            alias.isDemonym = isDemonym
            aliases[alias.firstHash, default: []].append(alias)
        }
        for entity in known {
            let index = names.count
            names.append(Name(name: entity.name, type: entity.type))
            if let slot = NameIndex.countrySlots[entity.name.lowercased()] { countryNames[slot] = index }
            add(entity.name, name: index, isDemonym: false)
            for alias in entity.aliases where alias != entity.name { add(alias, name: index, isDemonym: false) }
        }
        for (template, country, slot) in NameIndex.demonyms {
            let index: Int
            if countryNames[slot] >= 0 {
                index = countryNames[slot]
            } else {
                index = names.count
                names.append(Name(name: country, type: .LOC))
                countryNames[slot] = index
            }
            var alias = template
            alias.name = index
            aliases[alias.firstHash, default: []].append(alias)
        }
        aliases.updateValues { $0.sort { $0.words.count > $1.words.count } }
        match(body, aliases)
        collectRoles(body, lexicon)
    }

    /// An alias as words to match, before it is tied to a name.
    private static func alias(_ surface: String) -> Alias? {
        let body = BodyText(surface)
        let tokens = body.words.indices.filter { body.words[$0].isWord }
        guard !tokens.isEmpty else { return nil }
        let strict = tokens.map { token in
            let s = body.string(token)
            return s.count <= 4 && s.allSatisfy { $0.isUppercase || $0 == "." }
        }
        return Alias(
            words: tokens.map { body.words[$0].key }, firstHash: body.words[tokens[0]].keyHash, strictCase: strict,
            needsCapital: surface.first?.isUppercase ?? false, name: 0, isDemonym: false)
    }

    /// The lexicon's demonyms ("Russian", "North Korean") and country abbreviations
    /// ("US", "UK") as aliases, built once.
    private static let demonyms: [(Alias, String, Int)] = EventLexicon.shared.demonyms.sorted { $0.key < $1.key }
        .compactMap {
            demonym, country in
            let surface = demonym.split(separator: " ").map {
                $0.count <= 3 ? $0.uppercased() : $0.prefix(1).uppercased() + $0.dropFirst()
            }
            guard var alias = alias(surface.joined(separator: " ")) else { return nil }
            alias.isDemonym = !["us", "u.s", "uk", "britain", "america"].contains(demonym)
            return (alias, country, countrySlots[country.lowercased()]!)
        }

    /// A number per lowercased demonym country, so an article's entities are matched
    /// to them through an array rather than a dictionary built per article.
    private static let countrySlots: [String: Int] = {
        var slots: [String: Int] = [:]
        for country in EventLexicon.shared.demonyms.values.map({ $0.lowercased() }).sorted()
        where slots[country] == nil {
            slots[country] = slots.count
        }
        return slots
    }()

    /// Lowercase word with a possessive ending and curly apostrophes folded.
    static func normalised(_ lower: String) -> String {
        var word = lower.replacingApostrophes()
        let bytes = word.utf8
        guard bytes.count > 2 else { return word }
        let last = bytes[bytes.index(before: bytes.endIndex)]
        if last == UInt8(ascii: "s"), bytes[bytes.index(bytes.endIndex, offsetBy: -2)] == UInt8(ascii: "'") {
            word.removeLast(2)
        } else if last == UInt8(ascii: "'") {
            word.removeLast()
        }
        return word
    }

    private mutating func match(_ body: BodyText, _ aliases: WordTable<[Alias]>) {
        var i = 0
        let words = body.words
        while i < words.count {
            guard words[i].isWord else {
                i += 1
                continue
            }
            var matched: Alias?
            for alias in aliases[words[i].keyHash] ?? [] where i + alias.words.count <= words.count {
                var ok = true
                for (k, word) in alias.words.enumerated() {
                    let token = words[i + k]
                    if !token.isWord || token.key != word
                        || (alias.strictCase[k] && body.string(i + k).contains(where: \.isLowercase))
                        || (k == 0 && alias.needsCapital && !token.isCapitalised)
                    {
                        ok = false
                        break
                    }
                }
                if ok {
                    matched = alias
                    break
                }
            }
            guard let alias = matched ?? compoundPart(i, body, aliases) else {
                i += 1
                continue
            }
            let range = i..<(i + alias.words.count)
            for k in range { owner[k] = Int32(mentions.count) }
            mentions.append(Mention(words: range, name: alias.name, isDemonym: alias.isDemonym))
            i = range.upperBound
        }
    }

    /// "Nato-Russia meeting", "Russia-US talks": a capitalised compound names the
    /// entity of its first part.
    private func compoundPart(_ i: Int, _ body: BodyText, _ aliases: WordTable<[Alias]>) -> Alias? {
        guard body.words[i].isCapitalised, body.words[i].hasHyphen else { return nil }
        let surface = body.string(i)
        guard let dash = surface.firstIndex(of: "-"),
            surface[surface.index(after: dash)...].first?.isUppercase == true
        else { return nil }
        let first = surface[..<dash].lowercased()
        return aliases[ByteText.foldedHash(of: first)]?.first {
            $0.words[0] == first && $0.words.count == 1 && !$0.isDemonym
        }
    }

    /// "UK Prime Minister Boris Johnson": remember "prime minister" → Boris Johnson so
    /// a later "The Prime Minister" can be resolved.
    private mutating func collectRoles(_ body: BodyText, _ lexicon: EventLexicon) {
        for mention in mentions where names[mention.name].type == .PER {
            var start = mention.words.lowerBound
            while start > 0, body.words[start - 1].isWord, lexicon.titles.contains(body.words[start - 1].lower) {
                start -= 1
            }
            let role = (start..<mention.words.lowerBound).map { body.words[$0].lower }.filter {
                !["mr", "mrs", "ms", "miss", "dr", "sir", "dame", "of"].contains($0)
            }
            if !role.isEmpty {
                roles[role.joined(separator: " ")] = mention.name
                withRole.insert(mention.name)
            }
        }
    }

    /// The mention covering word `index`.
    func mention(at index: Int) -> Mention? {
        index >= 0 && index < owner.count && owner[index] >= 0 ? mentions[Int(owner[index])] : nil
    }

    /// Mentions whose words lie inside `range`, in order.
    func mentions(in range: Range<Int>) -> [Mention] {
        var found: [Mention] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if let m = mention(at: i), m.words.lowerBound >= range.lowerBound, m.words.upperBound <= range.upperBound {
                found.append(m)
                i = m.words.upperBound
            } else {
                i += 1
            }
        }
        return found
    }

    /// How far back a pronoun looks for its antecedent, in words: far beyond any real
    /// antecedent, and it keeps huge bodies linear.
    static let lookBack = 3000

    /// The last mention of a name of one of `types` ending before word `index`.
    func last(before index: Int, types: Set<Article.Entity.Kind>) -> Int? {
        var i = min(index, owner.count) - 1
        let floor = max(0, i - NameIndex.lookBack)
        while i >= floor {
            if let m = mention(at: i), !m.isDemonym, types.contains(names[m.name].type) { return m.name }
            i -= 1
        }
        return nil
    }
}

extension StringProtocol {
    /// The text with typographic apostrophes as ASCII ones.
    func replacingApostrophes() -> String {
        // "’" is E2 80 99 in UTF-8; most words have no 0xE2 byte at all.
        utf8.contains(0xE2) ? String(map { $0 == "’" ? "'" : $0 }) : String(self)
    }
}
