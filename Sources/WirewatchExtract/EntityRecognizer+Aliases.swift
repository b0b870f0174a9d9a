/// Joining mentions into entities: one entity per referent, its surface forms as aliases.
///
/// Lexicon mentions join through their entry (Kiev/Kyiv, Nato/NATO, US/U.S.); people join
/// when their surnames agree up to one letter (Zelensky/Zelenskyy) and their given names
/// agree up to one letter, a nickname or an initial (Antony/Anthony, Bill/William); a lone
/// surname or "Mr Austin" joins the full name; a lone organisation word joins the
/// organisation it ends ("Embassy" → "US Embassy").
extension EntityRecognizer {
    struct Cluster {
        var type: Article.Entity.Kind
        var entry: Int
        var words: [UInt64]
        var spellings: [String] {
            didSet { setSurname() }
        }
        /// The last spelling of a name of two words or more, folded once for the many comparisons of the join.
        private(set) var surname: FoldedWord?
        /// `surname?.shape`, stored apart so that most comparisons are decided without copying the surname.
        private(set) var surnameShape: FoldedWord.Shape?
        var surfaces: [String] = []
        var mentions = 0
        var first: Int
        var role: String? = nil
        var nominal = false

        init(type: Article.Entity.Kind, entry: Int, words: [UInt64], spellings: [String], first: Int) {
            self.type = type
            self.entry = entry
            self.words = words
            self.spellings = spellings
            self.first = first
            setSurname()
        }

        private mutating func setSurname() {
            surname = spellings.count >= 2 ? FoldedWord(spellings[spellings.count - 1]) : nil
            surnameShape = surname?.shape
        }

        mutating func add(_ m: EntityMention) {
            if !surfaces.contains(m.surface) { surfaces.append(m.surface) }
            mentions += 1
            if role == nil { role = m.role }
            if entry < 0, m.words.count > words.count {
                words = m.words
                spellings = m.spellings
            }
        }

        mutating func absorb(_ other: Cluster) {
            for s in other.surfaces where !surfaces.contains(s) { surfaces.append(s) }
            mentions += other.mentions
            first = min(first, other.first)
            if role == nil { role = other.role }
            if entry < 0 && (other.entry >= 0 || other.words.count > words.count) {
                entry = other.entry
                words = other.words
                spellings = other.spellings
            }
        }
    }

    /// The clusters of one join, with the people among them listed apart for the surname scans.
    struct Clusters {
        var all: [Cluster] = []
        var alive: [Bool] = []
        var byKey = KeyTable<Int>()
        /// Indices of the clusters of type PER, ascending.
        var people: [Int] = []
        /// Indices of the clusters of type ORG, ascending.
        var organizations: [Int] = []

        mutating func append(_ c: Cluster, key: UInt64) {
            byKey[key] = all.count
            if c.type == .PER { people.append(all.count) }
            if c.type == .ORG { organizations.append(all.count) }
            all.append(c)
            alive.append(true)
        }

        /// The live cluster under `key`, if any.
        func live(_ key: UInt64) -> Int? {
            guard let i = byKey[key], alive[i] else { return nil }
            return i
        }
    }

    private static let singleWordTypes: [Article.Entity.Kind] = [.ORG, .LOC, .MISC, .WEAPON, .PER]
    private static let weakTypes: [Article.Entity.Kind] = [.PER, .ORG, .LOC, .MISC, .WEAPON]

    static func join(_ mentions: [EntityMention], lexicon: Gazetteer) -> [Article.Entity] {
        var clusters = Clusters()
        var pending: [EntityMention] = []
        for m in mentions {
            if m.entry >= 0 {
                let entry = lexicon.entries[m.entry]
                let key = UInt64(m.entry) | (1 << 62)
                addTo(&clusters, key: key, m) {
                    Cluster(
                        type: entry.type, entry: m.entry, words: entry.words,
                        spellings: entry.name.split(separator: " ").map(String.init), first: m.position)
                }
            } else if let type = m.type, !m.weak, m.words.count >= 2 || type != .PER && type != .ORG || m.personCue {
                let key = typedKey(m.words, type)
                addTo(&clusters, key: key, m) {
                    var c = Cluster(type: type, entry: -1, words: m.words, spellings: m.spellings, first: m.position)
                    c.nominal = m.nominal
                    return c
                }
            } else {
                pending.append(m)
            }
        }
        mergePeople(&clusters)
        for m in pending { place(m, &clusters) }
        var order = clusters.all.indices.filter { clusters.alive[$0] }
        order.sort { clusters.all[$0].first < clusters.all[$1].first }
        return order.map { i in
            let c = clusters.all[i]
            let name =
                c.entry >= 0
                ? lexicon.entries[c.entry].name : (c.type == .PER ? personName(c) : longestSurface(c))
            return Article.Entity(
                name: name, type: c.type, aliases: c.surfaces, mentions: c.mentions, role: c.role, nominal: c.nominal)
        }
    }

    @inline(__always)
    private static func typedKey(_ words: [UInt64], _ type: Article.Entity.Kind) -> UInt64 {
        EntityTokenizer.combine(EntityTokenizer.phraseKey(words), UInt64(type.salt))
    }

    private static func addTo(_ clusters: inout Clusters, key: UInt64, _ m: EntityMention, make: () -> Cluster) {
        if let i = clusters.byKey[key] {
            clusters.all[i].add(m)
            clusters.all[i].first = min(clusters.all[i].first, m.position)
        } else {
            var c = make()
            c.add(m)
            clusters.append(c, key: key)
        }
    }

    /// Joins people whose names agree (full names with full names, then lone surnames).
    private static func mergePeople(_ clusters: inout Clusters) {
        let people = clusters.people
        for (n, a) in people.enumerated() where clusters.alive[a] {
            for b in people[(n + 1)...] where clusters.alive[b] && clusters.alive[a] {
                guard let shapeA = clusters.all[a].surnameShape, let shapeB = clusters.all[b].surnameShape,
                    shapeA.maySimilar(shapeB),
                    let sa = clusters.all[a].surname, let sb = clusters.all[b].surname, similar(sa, sb),
                    givenNamesAgree(clusters.all[a].spellings[0], clusters.all[b].spellings[0])
                else { continue }
                let (keep, drop) = clusters.all[b].entry >= 0 && clusters.all[a].entry < 0 ? (b, a) : (a, b)
                clusters.all[keep].absorb(clusters.all[drop])
                clusters.alive[drop] = false
            }
        }
        for a in people where clusters.alive[a] && clusters.all[a].spellings.count == 1 {
            let surname = FoldedWord(clusters.all[a].spellings[0])
            if let target = bestPerson(surname: surname, clusters, excluding: a) {
                clusters.all[target].absorb(clusters.all[a])
                clusters.alive[a] = false
            }
        }
    }

    /// The live person of two words or more whose last word is `surname` up to one letter, most mentioned first.
    private static func bestPerson(surname: FoldedWord, _ clusters: Clusters, excluding: Int) -> Int? {
        var best: Int? = nil
        for i in clusters.people where i != excluding && clusters.alive[i] {
            guard let shape = clusters.all[i].surnameShape, shape.maySimilar(surname.shape),
                let last = clusters.all[i].surname, similar(last, surname)
            else { continue }
            if best == nil || clusters.all[i].mentions > clusters.all[best!].mentions { best = i }
        }
        return best
    }

    /// A mention that could not stand alone: a lone capitalised word, or a weak one.
    private static func place(_ m: EntityMention, _ clusters: inout Clusters) {
        if m.words.count == 1 {
            if m.type == nil || m.type == .PER,
                let target = bestPerson(surname: FoldedWord(m.spellings[0]), clusters, excluding: -1)
            {
                clusters.all[target].add(m)
                return
            }
            for type in singleWordTypes {
                if let i = clusters.live(typedKey(m.words, type)) {
                    clusters.all[i].add(m)
                    return
                }
            }
            if m.type == nil || m.type == .ORG, let head = onlyOrganizationEndingWith(m.words[0], clusters) {
                clusters.all[head].add(m)
                return
            }
        } else if m.weak {
            for type in weakTypes {
                if let i = clusters.live(typedKey(m.words, type)) {
                    clusters.all[i].add(m)
                    return
                }
            }
        }
        if m.weak { return }
        let type = m.type ?? .MISC
        let key = typedKey(m.words, type)
        if let i = clusters.live(key) {
            clusters.all[i].add(m)
            return
        }
        var c = Cluster(type: type, entry: -1, words: m.words, spellings: m.spellings, first: m.position)
        c.add(m)
        clusters.append(c, key: key)
    }

    /// The one live organisation of two words or more whose last word is `word` ("Embassy" → "US Embassy").
    private static func onlyOrganizationEndingWith(_ word: UInt64, _ clusters: Clusters) -> Int? {
        var found: Int? = nil
        for i in clusters.organizations where clusters.alive[i] {
            guard clusters.all[i].words.count >= 2, clusters.all[i].words.last == word else { continue }
            if found != nil { return nil }
            found = i
        }
        return found
    }

    private static func personName(_ c: Cluster) -> String {
        c.spellings.isEmpty ? (c.surfaces.first ?? "") : c.spellings.joined(separator: " ")
    }

    private static func longestSurface(_ c: Cluster) -> String {
        c.surfaces.max { $0.utf8.count < $1.utf8.count } ?? ""
    }

    /// A word as written and as lower-case scalars, folded once and compared many times.
    struct FoldedWord {
        let text: String
        let scalars: [Unicode.Scalar]
        let shape: Shape

        init(_ text: String) {
            self.text = text
            scalars = Array(text.lowercased().unicodeScalars)
            shape = Shape(
                count: scalars.count, first: scalars.first ?? " ", last: scalars.last ?? " ",
                ascii: text.utf8.allSatisfy { $0 < 0x80 })
        }

        /// Length and ends of the folded word: enough to rule out most pairs of ASCII words.
        struct Shape {
            var count: Int
            var first: Unicode.Scalar
            var last: Unicode.Scalar
            var ascii: Bool

            /// False only when `similar` is surely false: ASCII words equal as written have the same
            /// length, and words one edit apart share their first or their last letter.
            func maySimilar(_ other: Shape) -> Bool {
                guard ascii && other.ascii else { return true }
                let close = min(count, other.count) >= 5 && abs(count - other.count) <= 1
                guard close || count == other.count else { return false }
                return first == other.first || last == other.last
            }
        }
    }

    /// Same word up to one edit, for words of five letters or more ("Zelensky"/"Zelenskyy").
    static func similar(_ a: String, _ b: String) -> Bool { similar(FoldedWord(a), FoldedWord(b)) }

    static func similar(_ a: FoldedWord, _ b: FoldedWord) -> Bool {
        let x = a.scalars
        let y = b.scalars
        let shorter = min(x.count, y.count)
        guard shorter >= 5, abs(x.count - y.count) <= 1 else { return a.text == b.text }
        var i = 0
        while i < shorter && x[i] == y[i] { i += 1 }
        var j = 0
        while j < shorter - i && x[x.count - 1 - j] == y[y.count - 1 - j] { j += 1 }
        return max(x.count, y.count) - i - j <= 1 || a.text == b.text
    }

    private static let nicknames: [String: String] = [
        "bill": "william", "will": "william", "bob": "robert", "rob": "robert", "tony": "anthony", "antony": "anthony",
        "mike": "michael", "joe": "joseph", "jim": "james", "jimmy": "james", "dick": "richard", "liz": "elizabeth",
        "alex": "alexander", "ben": "benjamin", "dan": "daniel", "dave": "david", "tom": "thomas", "nick": "nicholas",
        "sam": "samuel", "steve": "steven", "stephen": "steven", "chris": "christopher", "matt": "matthew",
        "andy": "andrew", "pete": "peter", "ed": "edward", "ted": "edward", "kate": "catherine",
        "katherine": "catherine", "sergei": "sergey", "dmitri": "dmitry", "dmytro": "dmitry",
    ]

    static func givenNamesAgree(_ first: String, _ second: String) -> Bool {
        let a = first.lowercased()
        let b = second.lowercased()
        if similar(a, b) { return true }
        let x = nicknames[a] ?? a
        let y = nicknames[b] ?? b
        if x == y { return true }
        let initial = { (s: String) in s.count == 1 || (s.count == 2 && s.hasSuffix(".")) }
        return (initial(a) || initial(b)) && a.first == b.first
    }
}

extension Article.Entity.Kind {
    var salt: UInt8 {
        switch self {
        case .PER: 1
        case .LOC: 2
        case .ORG: 3
        case .WEAPON: 4
        case .MISC: 5
        }
    }
}
