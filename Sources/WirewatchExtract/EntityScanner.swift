/// Walks the tokens of one text (a headline or a body) and records `EntityMention`s.
///
/// Capitalised words are grouped into runs; a run is cut into lexicon phrases, titles,
/// honorifics and unknown names, and each unknown name is typed from its own words
/// (org and place suffixes, given names) and its neighbours (a title before it, "said"
/// after it, "in" before it, "region" or "missiles" after it).
struct EntityScanner {
    struct Piece {
        enum Kind: Equatable {
            case lexicon(Int)
            case name
            case title
            case honorific
        }
        var kind: Kind
        var range: Range<Int>
        /// An unknown name shaped like a weapon model ("Su-34", "Kh-101").
        var model = false
    }

    let lexicon: Gazetteer
    let bytes: [UInt8]
    let tokens: [EntityToken]
    /// Words the text also writes in lower case: capitalised at a sentence start they are ordinary words.
    let lowerSeen: KeySet
    /// In a headline-case title only lexicon names and names the body confirms count.
    let headline: Bool
    let confirmed: KeySet
    let basePosition: Int
    private(set) var mentions: [EntityMention] = []

    init(
        lexicon: Gazetteer, bytes: [UInt8], tokens: [EntityToken], lowerSeen: KeySet, headline: Bool,
        confirmed: KeySet, basePosition: Int
    ) {
        self.lexicon = lexicon
        self.bytes = bytes
        self.tokens = tokens
        self.lowerSeen = lowerSeen
        self.headline = headline
        self.confirmed = confirmed
        self.basePosition = basePosition
    }

    private static let hyphen = EntityTokenizer.hash("-")
    private static let comma = EntityTokenizer.hash(",")
    /// Connectors that only join the words of an institution ("Bank of England"), not of a person.
    private static let institutionConnectors = KeySet(["of", "for", "the"].map(EntityTokenizer.hash))
    /// Heads a named weapon is followed by ("Kinzhal missiles"); generic words such as "systems" are not enough.
    private static let weaponNouns = KeySet(
        [
            "missile", "missiles", "rocket", "rockets", "drone", "drones", "jets", "tanks", "howitzers", "launchers",
            "bombers", "warheads", "torpedoes", "interceptors", "helicopters", "warships", "submarines",
        ].map(EntityTokenizer.hash))
    private static let andKey = EntityTokenizer.hash("and")
    private static let toKey = EntityTokenizer.hash("to")
    private static let offKey = EntityTokenizer.hash("off")
    private static let locationPrepositions = KeySet(
        ["in", "near", "outside", "across", "around", "towards", "toward", "into"].map(EntityTokenizer.hash))
    private static let areaWords = KeySet(
        ["region", "oblast", "province", "district", "county", "governorate"].map(EntityTokenizer.hash))
    /// Lower-case institutions written after a country: "the UK government", "the US embassy".
    private static let governmentWords = KeySet(
        ["government", "embassy", "parliament", "cabinet"].map(EntityTokenizer.hash))
    private static let auxiliaries = KeySet(
        ["has", "had", "have", "was", "is", "also", "then", "later", "previously", "had"].map(EntityTokenizer.hash))
    private static let saidBefore = KeySet(
        ["said", "says", "according", "by"].map(EntityTokenizer.hash))

    mutating func scan() {
        var i = 0
        let n = tokens.count
        while i < n {
            let t = tokens[i]
            guard t.isWord, t.isUpper || lexicon.lowerCaseCues.mayContain(t.key) else {
                i += 1
                continue
            }
            let wordClass = lexicon.wordClass(t.key)
            if !t.isUpper || (isShouted(t, wordClass) && lexiconMatch(i) == nil) {
                if wordClass.contains(.lowerPhraseStart), let match = lexiconMatch(i), tokens[match.end - 1].isUpper {
                    record(lexicon: match.entry, range: i..<match.end, runEnd: match.end)
                    i = match.end
                } else if wordClass.contains(.weaponModifier), t.key != Self.toKey, t.key != Self.offKey,
                    let end = weaponClassEnd(i)
                {
                    recordNominalWeapon(i..<end)
                    i = end
                } else {
                    i += 1
                }
                continue
            }
            i = run(from: i)
        }
    }

    // MARK: runs

    /// Builds the run of capitalised words at `start`, records its mentions, returns where it ends.
    private mutating func run(from start: Int) -> Int {
        let n = tokens.count
        var pieces: [Piece] = []
        var p = start
        var first = start
        while p < n {
            let t = tokens[p]
            if p > first && t.flags.contains(.boundaryBefore) { break }
            if !t.isWord {
                if t.key == Self.hyphen, !t.flags.contains(.spaceBefore), p + 1 < n,
                    tokens[p + 1].flags.contains(.number), !tokens[p + 1].flags.contains(.spaceBefore),
                    let last = pieces.last, last.kind == .name, last.range.count == 1
                {
                    pieces[pieces.count - 1].range = last.range.lowerBound..<(p + 2)
                    pieces[pieces.count - 1].model = true
                    p += 2
                    continue
                }
                break
            }
            let wordClass = lexicon.wordClass(t.key)
            if t.isUpper {
                let match = lexiconMatch(p)
                if match == nil, isShouted(t, wordClass) { break }
                if p == first, t.flags.contains(.sentenceStart), wordClass.contains(.weaponModifier),
                    let end = weaponClassEnd(p)
                {
                    // "Anti-personnel land mines have long been criticised"
                    recordNominalWeapon(p..<end)
                    return end
                }
                if let match, acceptLexicon(match, at: p, wordClass: wordClass) {
                    pieces.append(Piece(kind: .lexicon(match.entry), range: p..<match.end))
                    p = match.end
                    if tokens[p - 1].flags.contains(.possessive) { break }
                    continue
                }
                if wordClass.contains(.honorific), p + 1 < n,
                    tokens[p + 1].isUpper
                        || (tokens[p + 1].flags.contains(.punctuation) && p + 2 < n && tokens[p + 2].isUpper)
                {
                    pieces.append(Piece(kind: .honorific, range: p..<(p + 1)))
                    p += tokens[p + 1].isUpper ? 1 : 2
                    continue
                }
                if let end = titleEnd(p) {
                    pieces.append(Piece(kind: .title, range: p..<end))
                    p = end
                    continue
                }
                let institution = wordClass.contains(.orgWord)
                if p == first, t.flags.contains(.sentenceStart), !institution,
                    wordClass.contains(.common) || wordClass.contains(.nonEntity) || lowerSeen.contains(t.key)
                {
                    // An ordinary word capitalised because it opens a sentence.
                    p += 1
                    first = p
                    continue
                }
                // An institution word ("Embassy", "Government") stays: it may continue or join an organisation.
                if wordClass.contains(.nonEntity), !institution {
                    if pieces.isEmpty {
                        p += 1
                        first = p
                        continue
                    }
                    break
                }
                if let last = pieces.last, last.kind == .name, last.range.upperBound == p {
                    pieces[pieces.count - 1].range = last.range.lowerBound..<(p + 1)
                } else {
                    pieces.append(Piece(kind: .name, range: p..<(p + 1)))
                }
                p += 1
                if t.flags.contains(.possessive) { break }
                continue
            }
            // A lower-case connector inside a name: "Institute for the Study of War".
            if wordClass.contains(.connector), t.key != Self.andKey, let last = pieces.last, last.kind == .name,
                last.range.upperBound == p,
                !Self.institutionConnectors.contains(t.key) || namesInstitution(last.range)
            {
                var q = p + 1
                if q < n, tokens[q].isWord, !tokens[q].isUpper, lexicon.wordClass(tokens[q].key).contains(.connector) {
                    q += 1
                }
                if q < n, tokens[q].isUpper, !tokens[q].flags.contains(.boundaryBefore),
                    lexicon.wordClass(tokens[q].key).isDisjoint(with: [.nonEntity, .honorific])
                {
                    pieces[pieces.count - 1].range = last.range.lowerBound..<q
                    p = q
                    continue
                }
            }
            break
        }
        if pieces.isEmpty { return max(p, start + 1) }
        for k in pieces.indices where pieces[k].kind == .name {
            // A connector only belongs to a name between two of its words.
            var upper = pieces[k].range.upperBound
            while upper > pieces[k].range.lowerBound + 1, !tokens[upper - 1].isUpper,
                !tokens[upper - 1].flags.contains(.number)
            {
                upper -= 1
            }
            pieces[k].range = pieces[k].range.lowerBound..<upper
        }
        record(pieces, runEnd: p)
        return p
    }

    /// An ordinary word in capitals ("TODAY", "EXTENDS"): emphasis, not an acronym.
    private func isShouted(_ t: EntityToken, _ wordClass: Gazetteer.WordClass) -> Bool {
        t.flags.contains(.allCaps) && wordClass.contains(.common) && t.end - t.start >= 4
    }

    private func acceptLexicon(_ match: (entry: Int, end: Int), at p: Int, wordClass: Gazetteer.WordClass) -> Bool {
        let t = tokens[p]
        guard match.end == p + 1, t.flags.contains(.sentenceStart), !t.flags.contains(.allCaps) else { return true }
        // "Turkey" opening a sentence in a text that writes "turkey" is the bird.
        return !(wordClass.contains(.common) && lowerSeen.contains(t.key))
    }

    /// Longest lexicon phrase starting at `p`.
    func lexiconMatch(_ p: Int) -> (entry: Int, end: Int)? {
        var h: UInt64 = 0
        var best: (entry: Int, end: Int)? = nil
        var q = p
        let limit = min(tokens.count, p + lexicon.maxPhraseTokens)
        while q < limit {
            let t = tokens[q]
            if q > p && t.flags.contains(.boundaryBefore) { break }
            h = EntityTokenizer.combine(h, t.key)
            if q == p && !lexicon.phraseStarts.mayContain(h) { break }
            guard let phrase = lexicon.phrases[h] else { break }
            if let entry = phrase.entry, !t.flags.contains(.punctuation),
                !phrase.capitalsOnly || t.flags.contains(.allCaps)
            {
                best = (entry, q + 1)
            }
            if !phrase.isPrefix || t.flags.contains(.possessive) { break }
            q += 1
        }
        return best
    }

    /// End of a capitalised title ("Defence Secretary", "Secretary of State", "Prime Minister") at `p`.
    private func titleEnd(_ p: Int) -> Int? {
        var q = p
        var end: Int? = nil
        let n = tokens.count
        while q < n, tokens[q].isWord {
            if q > p && tokens[q].flags.contains(.boundaryBefore) { break }
            let c = lexicon.wordClass(tokens[q].key)
            if tokens[q].isUpper, c.contains(.title) {
                end = q + 1
            } else if tokens[q].isUpper, c.contains(.titleModifier) {
                // a modifier only counts when a title head follows
            } else if c.contains(.connector), end != nil, q + 1 < n, tokens[q + 1].isUpper,
                lexicon.wordClass(tokens[q + 1].key).contains(.titleModifier)
                    || lexicon.wordClass(tokens[q + 1].key).contains(.title)
            {
                // "Secretary of State"
            } else {
                break
            }
            if tokens[q].flags.contains(.possessive) { break }
            q += 1
        }
        return end
    }

    /// End of a generic weapon phrase ("anti-personnel land mines") starting at `p`, if any.
    private func weaponClassEnd(_ p: Int) -> Int? {
        var q = p
        var end: Int? = nil
        var modifiers = 0
        let n = tokens.count
        while q < n {
            let t = tokens[q]
            if q > p && t.flags.contains(.boundaryBefore) { break }
            if t.key == Self.hyphen, !t.flags.contains(.spaceBefore) {
                q += 1
                continue
            }
            guard t.isWord else { break }
            let c = lexicon.wordClass(t.key)
            if c.contains(.weaponHead), modifiers > 0 { end = q + 1 }
            if c.contains(.weaponModifier) {
                modifiers += 1
            } else if !c.contains(.weaponHead) {
                break
            }
            q += 1
        }
        return end
    }

    // MARK: classification

    private mutating func record(_ pieces: [Piece], runEnd: Int) {
        var k = 0
        while k < pieces.count {
            let piece = pieces[k]
            switch piece.kind {
            case .honorific:
                if k + 1 < pieces.count, pieces[k + 1].kind != .title, pieces[k + 1].kind != .honorific {
                    let name = pieces[k + 1]
                    var entry = -1
                    if case .lexicon(let e) = name.kind, lexicon.entries[e].kind == .person { entry = e }
                    var mention = makeMention(
                        type: .PER, entry: entry, surface: piece.range.lowerBound..<name.range.upperBound,
                        words: name.range)
                    mention.personCue = true
                    append(mention)
                    k += 2
                } else {
                    k += 1
                }
            case .title:
                if k + 1 < pieces.count, pieces[k + 1].kind == .name || isPerson(pieces[k + 1]) {
                    recordPerson(pieces[k + 1], roleStart: roleStart(pieces, title: k), roleEnd: piece.range.upperBound)
                    k += 2
                } else {
                    k += 1
                }
            case .lexicon(let e):
                if let end = organizationChain(pieces, from: k) {
                    recordOrganization(pieces, k..<end)
                    k = end
                    continue
                }
                let last = k == pieces.count - 1
                record(lexicon: e, range: piece.range, runEnd: last ? runEnd : nil)
                k += 1
            case .name:
                if pieces.count > 1 || piece.range.count > 1, let end = organizationChain(pieces, from: k) {
                    recordOrganization(pieces, k..<end)
                    k = end
                    continue
                }
                recordName(piece, alone: pieces.count == 1, isLast: k == pieces.count - 1, runEnd: runEnd, index: k)
                k += 1
            }
        }
    }

    private func isPerson(_ piece: Piece) -> Bool {
        if case .lexicon(let e) = piece.kind { return lexicon.entries[e].kind == .person }
        return false
    }

    /// Where a role starts: country, demonym or organisation pieces just before the title, and
    /// lower-case title words before the run ("Kremlin press secretary").
    private func roleStart(_ pieces: [Piece], title k: Int) -> Int {
        var start = pieces[k].range.lowerBound
        var j = k - 1
        while j >= 0, case .lexicon(let e) = pieces[j].kind, pieces[j].range.upperBound == start,
            lexicon.entries[e].kind != .person
        {
            start = pieces[j].range.lowerBound
            j -= 1
        }
        return start
    }

    /// A role written before a run in lower case ("press secretary", "foreign minister"),
    /// with a capitalised affiliation before it ("Kremlin", "Russian"); returns the role's start.
    private func lowercaseRoleStart(before runStart: Int) -> Int? {
        if tokens[runStart].flags.contains(.boundaryBefore) { return nil }
        var q = runStart - 1
        var hasTitle = false
        var start = runStart
        while q >= 0, tokens[q].isWord {
            let c = lexicon.wordClass(tokens[q].key)
            if tokens[q].isUpper {
                guard hasTitle, let match = lexiconMatch(q), match.end == start else { break }
                start = q
                break
            }
            if c.contains(.title) {
                hasTitle = true
            } else if !c.contains(.titleModifier) {
                break
            }
            start = q
            if tokens[q].flags.contains(.boundaryBefore) { break }
            q -= 1
        }
        return hasTitle ? start : nil
    }

    /// Pieces from `k` that read as one organisation: a country, demonym or organisation
    /// followed by organisation words ("UK Government", "US Department of State Consular Affairs").
    private func organizationChain(_ pieces: [Piece], from k: Int) -> Int? {
        var end = k
        var organization = false
        var j = k
        while j < pieces.count {
            let piece = pieces[j]
            if j > k && pieces[j - 1].range.upperBound != piece.range.lowerBound { break }
            switch piece.kind {
            case .lexicon(let e):
                let kind = lexicon.entries[e].kind
                if kind == .organization {
                    if j > k { organization = true }
                } else if kind != .country && kind != .demonym {
                    return organization ? end : nil
                }
            case .name:
                guard isOrganizationName(piece.range) else { return organization ? end : nil }
                organization = true
            default:
                return organization ? end : nil
            }
            j += 1
            end = j
        }
        return organization ? end : nil
    }

    private func namesInstitution(_ range: Range<Int>) -> Bool {
        range.contains { q in
            tokens[q].isWord && !lexicon.wordClass(tokens[q].key).isDisjoint(with: [.orgWord, .orgHead])
        }
    }

    private func isOrganizationName(_ range: Range<Int>) -> Bool {
        var firstWord: EntityToken? = nil
        var lastWord: EntityToken? = nil
        var count = 0
        for q in range where tokens[q].isWord {
            if firstWord == nil { firstWord = tokens[q] }
            lastWord = tokens[q]
            count += 1
        }
        guard let firstWord, let lastWord else { return false }
        if lexicon.wordClass(lastWord.key).contains(.orgWord) { return true }
        if count >= 3 && lexicon.wordClass(firstWord.key).contains(.orgHead) { return true }
        // "Max Planck Institute for Radio Astronomy": an institution word before a connector.
        for q in range.dropLast() where tokens[q].isWord && tokens[q].isUpper {
            if lexicon.wordClass(tokens[q].key).contains(.orgWord), !tokens[q + 1].isUpper { return true }
        }
        return false
    }

    private mutating func recordOrganization(_ pieces: [Piece], _ span: Range<Int>) {
        let range = pieces[span.lowerBound].range.lowerBound..<pieces[span.upperBound - 1].range.upperBound
        // A country in front of a known organisation is the same organisation ("US State Department").
        var entry = -1
        if span.count == 2, case .lexicon(let e) = pieces[span.upperBound - 1].kind,
            lexicon.entries[e].kind == .organization
        {
            entry = e
        }
        if span.count == 1, case .lexicon(let e) = pieces[span.lowerBound].kind { entry = e }
        append(makeMention(type: .ORG, entry: entry, surface: range, words: range))
    }

    private mutating func recordPerson(_ name: Piece, roleStart: Int, roleEnd: Int) {
        var entry = -1
        if case .lexicon(let e) = name.kind { entry = e }
        var mention = makeMention(type: .PER, entry: entry, surface: name.range, words: name.range)
        mention.role = text(roleStart..<roleEnd)
        mention.personCue = true
        append(mention)
    }

    mutating func record(lexicon e: Int, range: Range<Int>, runEnd: Int?) {
        let entry = lexicon.entries[e]
        if let runEnd, let next = nextWord(after: runEnd), !tokens[next].isUpper {
            let nextKey = tokens[next].key
            if entry.type == .LOC, Self.areaWords.contains(nextKey) {
                // "the Donetsk region" is the area around the city.
                append(makeMention(type: .LOC, entry: -1, surface: range.lowerBound..<(next + 1), words: range))
                return
            }
            if entry.kind == .country || entry.kind == .demonym, Self.governmentWords.contains(nextKey) {
                let span = range.lowerBound..<(next + 1)
                append(makeMention(type: .ORG, entry: -1, surface: span, words: span))
                return
            }
        }
        if entry.kind == .demonym, let runEnd, entry.country >= 0, actorFollows(runEnd) {
            // "Russian forces": the country acting.
            let country = Int(entry.country)
            append(makeMention(type: lexicon.entries[country].type, entry: country, surface: range, words: range))
            return
        }
        append(makeMention(type: entry.type, entry: e, surface: range, words: range))
    }

    private func actorFollows(_ end: Int) -> Bool {
        var q = end
        var skipped = 0
        while q < tokens.count, skipped < 2 {
            let t = tokens[q]
            if t.key == Self.hyphen && !t.flags.contains(.spaceBefore) { return false }
            guard t.isWord, !t.isUpper else { return false }
            if lexicon.wordClass(t.key).contains(.actor) { return true }
            skipped += 1
            q += 1
        }
        return false
    }

    private mutating func recordName(_ piece: Piece, alone: Bool, isLast: Bool, runEnd: Int, index: Int) {
        let range = piece.range
        let words = range.filter { tokens[$0].isWord }
        guard let firstIndex = words.first, let lastIndex = words.last else { return }
        let first = tokens[firstIndex]
        let last = tokens[lastIndex]
        let firstClass = lexicon.wordClass(first.key)
        let lastClass = lexicon.wordClass(last.key)
        var type: Article.Entity.Kind? = nil
        var surfaceEnd = range.upperBound
        var cue = false
        let next = isLast ? nextWord(after: runEnd) : nil
        let nextClass = next.map { lexicon.wordClass(tokens[$0].key) } ?? []

        if index == 0, alone || isLast, let start = lowercaseRoleStart(before: range.lowerBound) {
            var mention = makeMention(type: .PER, entry: -1, surface: range, words: range)
            mention.role = text(start..<range.lowerBound).trimmingTrailingSpace
            mention.personCue = true
            append(mention)
            return
        }
        if piece.model || (isLast && weaponHeadFollows(runEnd)) {
            type = .WEAPON
        } else if words.count == 1, firstClass.contains(.orgWord) {
            // "the Embassy", "Cabinet": joins the organisation it names if there is one.
            type = .ORG
        } else if lastClass.contains(.locWord) && words.count >= 2 {
            type = .LOC
        } else if let next, nextClass.contains(.locWord), !tokens[next].isUpper,
            tokens[next].end - tokens[next].start > 4
        {
            type = .LOC
            surfaceEnd = next + 1
        } else if isLast, words.count >= 2, speechFollows(runEnd) || speechBefore(range.lowerBound) {
            // A lone word before "said" may be a company or a surname: the join decides.
            type = .PER
            cue = true
        } else if firstClass.contains(.givenName), words.allSatisfy({ tokens[$0].end - tokens[$0].start >= 2 }) {
            type = .PER
        } else if words.contains(where: { tokens[$0].flags.contains(.allCaps) }), !firstClass.contains(.common),
            words.count > 1 || first.end - first.start >= 3
        {
            // Two-letter capitals alone ("SA", "PB") are more often abbreviations than organisations.
            type = .ORG
        } else if index == 0, words.count <= 2, range.lowerBound > 0, !isOrdinary(first),
            Self.locationPrepositions.contains(tokens[range.lowerBound - 1].key)
        {
            type = .LOC
        } else if words.count >= 2 && words.count <= 3 && !piece.model && !isOrdinary(first)
            && words.allSatisfy({ tokens[$0].end - tokens[$0].start >= 2 })
        {
            type = .PER
        } else if words.count >= 4 {
            type = .MISC
        }
        var mention = makeMention(type: type, entry: -1, surface: range.lowerBound..<surfaceEnd, words: range)
        mention.personCue = cue
        let institutionWord = type == .ORG && words.count == 1 && firstClass.contains(.orgWord)
        if !cue && type == nil
            && (words.count > 1 || first.flags.contains(.sentenceStart) || isOrdinary(first)
                || first.end - first.start < 2)
        {
            // Capitalised ordinary words with nothing else to go on ("Vegetable Medley", "Budget").
            mention.weak = true
        }
        if institutionWord
            && (first.flags.contains(.sentenceStart) || firstClass.contains(.nonEntity)
                || lowerSeen.contains(first.key))
        {
            // A lone institution word the text also writes in lower case ("the Embassy") only joins one it ends.
            mention.weak = true
        }
        if !cue && (headline || first.flags.contains(.headingLine))
            && !confirmed.contains(EntityTokenizer.phraseKey(mention.words))
        {
            mention.weak = true
        }
        append(mention)
    }

    /// A word English writes in lower case (in the common-word list or in this text).
    private func isOrdinary(_ t: EntityToken) -> Bool {
        let c = lexicon.wordClass(t.key)
        return c.contains(.common) || c.contains(.nonEntity) || lowerSeen.contains(t.key)
    }

    private func nextWord(after end: Int) -> Int? {
        end < tokens.count && tokens[end].isWord && !tokens[end].flags.contains(.boundaryBefore) ? end : nil
    }

    private func speechFollows(_ end: Int) -> Bool {
        var q = end
        if q < tokens.count, tokens[q].key == Self.comma { return false }
        while q < tokens.count, q < end + 3, tokens[q].isWord, !tokens[q].isUpper {
            if lexicon.wordClass(tokens[q].key).contains(.speech) { return true }
            guard Self.auxiliaries.contains(tokens[q].key) else { return false }
            q += 1
        }
        return false
    }

    private func speechBefore(_ start: Int) -> Bool {
        start > 0 && tokens[start - 1].isWord && !tokens[start - 1].isUpper
            && Self.saidBefore.contains(tokens[start - 1].key)
    }

    private func weaponHeadFollows(_ end: Int) -> Bool {
        var q = end
        while q < tokens.count, q < end + 4 {
            let t = tokens[q]
            if t.key == Self.hyphen && !t.flags.contains(.spaceBefore) {
                return false
            }
            guard t.isWord, !t.isUpper else { return false }
            if Self.weaponNouns.contains(t.key) { return true }
            guard lexicon.wordClass(t.key).contains(.weaponModifier) else { return false }
            q += 1
        }
        return false
    }

    private mutating func recordNominalWeapon(_ range: Range<Int>) {
        var mention = makeMention(type: .WEAPON, entry: -1, surface: range, words: range)
        mention.nominal = true
        append(mention)
    }

    // MARK: building mentions

    private mutating func append(_ mention: EntityMention) {
        var m = mention
        m.position = basePosition + mentions.count
        mentions.append(m)
    }

    private func makeMention(
        type: Article.Entity.Kind?, entry: Int, surface: Range<Int>, words: Range<Int>
    ) -> EntityMention {
        var keys: [UInt64] = []
        var spellings: [String] = []
        for q in words where tokens[q].isWord || tokens[q].flags.contains(.number) {
            keys.append(tokens[q].key)
            spellings.append(String(decoding: bytes[tokens[q].range], as: UTF8.self))
        }
        return EntityMention(
            type: type, entry: entry, surface: text(surface), words: keys, spellings: spellings, position: 0)
    }

    /// The tokens of `range` as written, with single spaces where the text had any white space.
    func text(_ range: Range<Int>) -> String {
        var out: [UInt8] = []
        for q in range {
            let t = tokens[q]
            if q > range.lowerBound && t.flags.contains(.spaceBefore) { out.append(0x20) }
            out.append(contentsOf: bytes[t.range])
            if t.flags.contains(.possessive) && q < range.upperBound - 1 { out.append(contentsOf: [0x27, 0x73]) }
        }
        return String(decoding: out, as: UTF8.self)
    }
}

extension String {
    fileprivate var trimmingTrailingSpace: String {
        var s = Substring(self)
        while s.last == " " { s = s.dropLast() }
        return String(s)
    }
}
