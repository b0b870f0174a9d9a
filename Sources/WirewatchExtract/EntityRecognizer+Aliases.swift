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
        var spellings: [String]
        var surfaces: [String] = []
        var mentions = 0
        var first: Int
        var role: String? = nil
        var nominal = false

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

    static func join(_ mentions: [EntityMention], lexicon: Gazetteer) -> [Article.Entity] {
        var clusters: [Cluster] = []
        var byKey: [UInt64: Int] = [:]
        var pending: [EntityMention] = []
        for m in mentions {
            if m.entry >= 0 {
                let entry = lexicon.entries[m.entry]
                let key = UInt64(m.entry) | (1 << 62)
                addTo(&clusters, &byKey, key: key, m) {
                    Cluster(
                        type: entry.type, entry: m.entry, words: entry.words,
                        spellings: entry.name.split(separator: " ").map(String.init), first: m.position)
                }
            } else if let type = m.type, !m.weak, m.words.count >= 2 || type != .PER && type != .ORG || m.personCue {
                let key = EntityTokenizer.combine(EntityTokenizer.phraseKey(m.words), UInt64(type.salt))
                addTo(&clusters, &byKey, key: key, m) {
                    var c = Cluster(
                        type: type, entry: -1, words: m.words, spellings: m.spellings, first: m.position)
                    c.nominal = m.nominal
                    return c
                }
            } else {
                pending.append(m)
            }
        }
        var alive = Array(repeating: true, count: clusters.count)
        mergePeople(&clusters, &alive)
        for m in pending { place(m, &clusters, &alive, &byKey) }
        var order = clusters.indices.filter { alive[$0] }
        order.sort { clusters[$0].first < clusters[$1].first }
        return order.map { i in
            let c = clusters[i]
            let name =
                c.entry >= 0
                ? lexicon.entries[c.entry].name : (c.type == .PER ? personName(c) : longestSurface(c))
            return Article.Entity(
                name: name, type: c.type, aliases: c.surfaces, mentions: c.mentions, role: c.role, nominal: c.nominal)
        }
    }

    private static func addTo(
        _ clusters: inout [Cluster], _ byKey: inout [UInt64: Int], key: UInt64, _ m: EntityMention,
        make: () -> Cluster
    ) {
        if let i = byKey[key] {
            clusters[i].add(m)
            clusters[i].first = min(clusters[i].first, m.position)
        } else {
            var c = make()
            c.add(m)
            byKey[key] = clusters.count
            clusters.append(c)
        }
    }

    /// Joins people whose names agree (full names with full names, then lone surnames).
    private static func mergePeople(_ clusters: inout [Cluster], _ alive: inout [Bool]) {
        let people = clusters.indices.filter { clusters[$0].type == .PER }
        for a in people where alive[a] {
            for b in people where b > a && alive[b] && alive[a] {
                let x = clusters[a].spellings
                let y = clusters[b].spellings
                guard x.count >= 2, y.count >= 2, let lx = x.last, let ly = y.last, similar(lx, ly),
                    givenNamesAgree(x[0], y[0])
                else { continue }
                let (keep, drop) = clusters[b].entry >= 0 && clusters[a].entry < 0 ? (b, a) : (a, b)
                clusters[keep].absorb(clusters[drop])
                alive[drop] = false
            }
        }
        for a in people where alive[a] && clusters[a].spellings.count == 1 {
            if let target = bestPerson(surname: clusters[a].spellings[0], clusters, alive, excluding: a) {
                clusters[target].absorb(clusters[a])
                alive[a] = false
            }
        }
    }

    private static func bestPerson(surname: String, _ clusters: [Cluster], _ alive: [Bool], excluding: Int) -> Int? {
        var best: Int? = nil
        for i in clusters.indices where i != excluding && alive[i] && clusters[i].type == .PER {
            let s = clusters[i].spellings
            guard s.count >= 2, let last = s.last, similar(last, surname) else { continue }
            if best == nil || clusters[i].mentions > clusters[best!].mentions { best = i }
        }
        return best
    }

    /// A mention that could not stand alone: a lone capitalised word, or a weak one.
    private static func place(
        _ m: EntityMention, _ clusters: inout [Cluster], _ alive: inout [Bool], _ byKey: inout [UInt64: Int]
    ) {
        if m.words.count == 1 {
            let word = m.spellings[0]
            if m.type == nil || m.type == .PER, let target = bestPerson(surname: word, clusters, alive, excluding: -1) {
                clusters[target].add(m)
                return
            }
            for type in [Article.Entity.Kind.ORG, .LOC, .MISC, .WEAPON, .PER] {
                let key = EntityTokenizer.combine(EntityTokenizer.phraseKey(m.words), UInt64(type.salt))
                if let i = byKey[key], alive[i] {
                    clusters[i].add(m)
                    return
                }
            }
            let heads = clusters.indices.filter {
                alive[$0] && clusters[$0].type == .ORG && clusters[$0].words.count >= 2
                    && clusters[$0].words.last == m.words[0]
            }
            if heads.count == 1 && (m.type == nil || m.type == .ORG) {
                clusters[heads[0]].add(m)
                return
            }
        } else if m.weak {
            for type in [Article.Entity.Kind.PER, .ORG, .LOC, .MISC, .WEAPON] {
                let key = EntityTokenizer.combine(EntityTokenizer.phraseKey(m.words), UInt64(type.salt))
                if let i = byKey[key], alive[i] {
                    clusters[i].add(m)
                    return
                }
            }
        }
        if m.weak { return }
        let type = m.type ?? .MISC
        let key = EntityTokenizer.combine(EntityTokenizer.phraseKey(m.words), UInt64(type.salt))
        if let i = byKey[key], alive[i] {
            clusters[i].add(m)
            return
        }
        var c = Cluster(type: type, entry: -1, words: m.words, spellings: m.spellings, first: m.position)
        c.add(m)
        byKey[key] = clusters.count
        clusters.append(c)
        alive.append(true)
    }

    private static func personName(_ c: Cluster) -> String {
        c.spellings.isEmpty ? (c.surfaces.first ?? "") : c.spellings.joined(separator: " ")
    }

    private static func longestSurface(_ c: Cluster) -> String {
        c.surfaces.max { $0.utf8.count < $1.utf8.count } ?? ""
    }

    /// Same word up to one edit, for words of five letters or more ("Zelensky"/"Zelenskyy").
    static func similar(_ a: String, _ b: String) -> Bool {
        if a == b { return true }
        let x = Array(a.lowercased().unicodeScalars)
        let y = Array(b.lowercased().unicodeScalars)
        guard min(x.count, y.count) >= 5, abs(x.count - y.count) <= 1 else { return false }
        var i = 0
        while i < min(x.count, y.count) && x[i] == y[i] { i += 1 }
        var j = 0
        while j < min(x.count, y.count) - i && x[x.count - 1 - j] == y[y.count - 1 - j] { j += 1 }
        return max(x.count, y.count) - i - j <= 1
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
