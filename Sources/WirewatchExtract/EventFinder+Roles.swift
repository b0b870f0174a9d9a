/// Who acts, on whom and where, read off the words around an event's trigger.
extension EventFinder {
    /// The actor: a demonym glued to the trigger ("American-supplied"), "from X" or
    /// "by X" after the trigger, the subject of the trigger's clause (a name, a
    /// description such as "the US embassy", a role, a pronoun), the "of X" of a
    /// nominal trigger ("the arrival of North Korean troops"), else the subject of an
    /// earlier clause of the sentence.
    func actor(
        _ anchor: Int, _ range: Range<Int>, _ resolver: PhraseResolver, previous: PhraseResolver.Resolved?
    ) -> PhraseResolver.Resolved? {
        let words = body.words
        let surface = body.string(anchor)
        if let dash = surface.firstIndex(of: "-"), let country = lexicon.demonyms[surface[..<dash].lowercased()] {
            return PhraseResolver.Resolved(name: country, kind: .entity)
        }
        for i in (anchor + 1)..<min(range.upperBound, anchor + 4) where ["by", "from"].contains(words[i].lower) {
            if let name = country(orName: i + 1, range) { return PhraseResolver.Resolved(name: name, kind: .entity) }
        }
        // "During the call, the two agreed …": a trigger in an opening adverbial takes
        // the subject of the clause after it.
        if EventFinder.prepositions.contains(words[range.lowerBound].lower),
            let comma = (range.lowerBound..<range.upperBound).first(where: { words[$0].lower == "," }), comma > anchor,
            let subject = subject(in: (comma + 1)..<range.upperBound, range, resolver, previous: previous)
        {
            return subject
        }
        var clauseEnd = anchor
        var first = true
        while clauseEnd > range.lowerBound {
            let clauseStart = self.clauseStart(before: clauseEnd, floor: range.lowerBound)
            if let subject = subject(in: clauseStart..<clauseEnd, range, resolver, previous: previous) {
                return subject
            }
            if first {
                first = false
                for i in (anchor + 1)..<min(range.upperBound, anchor + 4) where words[i].lower == "of" {
                    if let name = country(orName: i + 1, range) {
                        return PhraseResolver.Resolved(name: name, kind: .entity)
                    }
                }
            }
            clauseEnd = clauseStart - 1
        }
        return nil
    }

    /// Words that open a clause; a speech verb opens the reported clause ("reports said
    /// Ukraine had fired"), a comma inside a list of names does not.
    private func clauseStart(before end: Int, floor: Int) -> Int {
        var i = end - 1
        while i >= floor {
            let lower = body.words[i].lower
            if [";", ":", "—", "–", "after", "that", "while", "when", "because", "but", "as", "which"].contains(lower)
                || ["said", "says", "announced", "reported", "added", "noted", "claimed"].contains(lower)
            {
                return i + 1
            }
            // "and" starts a clause, but not inside "The US and its allies" or a list of
            // demonyms ("Spanish, Italian and Greek embassies").
            if lower == "and", i + 1 < end, !["its", "their", "his", "her", "other"].contains(body.words[i + 1].lower),
                names.mention(at: i - 1)?.isDemonym != true
            {
                return i + 1
            }
            if lower == ",", !(names.mention(at: i - 1)?.isDemonym == true && names.mention(at: i + 1) != nil) {
                return i + 1
            }
            i -= 1
        }
        return floor
    }

    /// The first subject-like phrase of a clause: a name not governed by a
    /// preposition, a pronoun, or a role ("The Prime Minister").
    private func subject(
        in clause: Range<Int>, _ range: Range<Int>, _ resolver: PhraseResolver, previous: PhraseResolver.Resolved?
    ) -> PhraseResolver.Resolved? {
        let words = body.words
        var k = clause.lowerBound
        while k < clause.upperBound {
            let lower = words[k].lower
            if var mention = names.mention(at: k) {
                // "Moscow's demands" is no subject, but "Mr Biden's decision to let" is the
                // trigger's own owner.
                if isAfterPreposition(k, clause)
                    || (isPossessive(mention) && mention.words.upperBound + 2 < clause.upperBound)
                {
                    k = mention.words.upperBound
                    continue
                }
                // "The US Secretary of State Antony Blinken": the person after the title.
                var next = mention.words.upperBound
                while next < clause.upperBound, lexicon.titles.contains(words[next].lower) { next += 1 }
                if next > mention.words.upperBound, let person = names.mention(at: next) {
                    mention = person
                }
                k = mention.words.lowerBound
                if let described = describedActor(mention, range, resolver) { return described }
                if let name = country(orName: k, range) {
                    let entity = names.names[mention.name]
                    return PhraseResolver.Resolved(name: name, kind: .entity, isPerson: entity.type == .PER)
                }
                k = mention.words.upperBound
                continue
            }
            if ["he", "she", "they"].contains(lower), !isAfterPreposition(k, clause) {
                return resolver.resolve(k..<(k + 1), previous: previous, earlier: [], preferPrevious: true)
            }
            if lower == "two", k > range.lowerBound, words[k - 1].lower == "the" { return previous }
            if ["the", "a", "an"].contains(lower), k + 1 < clause.upperBound, words[k + 1].isCapitalised {
                var end = k + 1
                while end < clause.upperBound, words[end].isCapitalised, names.mention(at: end) == nil { end += 1 }
                if let role = resolver.resolve(k..<end, previous: nil, earlier: []), role.kind == .role { return role }
            }
            k += 1
        }
        return nil
    }

    /// "the US embassy", "the Biden administration", "the American diplomatic
    /// mission": a name followed within two words by a described head noun.
    private func describedActor(
        _ mention: NameIndex.Mention, _ range: Range<Int>, _ resolver: PhraseResolver
    ) -> PhraseResolver.Resolved? {
        var end = mention.words.upperBound
        while end < min(range.upperBound, mention.words.upperBound + 3) {
            let w = body.words[end]
            guard w.isWord, !w.isCapitalised else { return nil }
            let head = w.key
            if ["embassy", "embassies", "mission", "administration", "consulate", "government"].contains(head) {
                if mention.isDemonym, head == "government" { return nil }
                return PhraseResolver.Resolved(
                    name: String(body.span(mention.words.lowerBound, end + 1)), kind: .described)
            }
            if lexicon.countryWords.contains(head) || QuantityFinder.isPlural(head) { return nil }
            end += 1
        }
        return nil
    }

    /// The target: the first name after the trigger that is not the actor and not a
    /// place ("in Kyiv"); a demonym counts when it stands for its country ("on Russian
    /// territory").
    func target(_ anchor: Int, _ range: Range<Int>, excluding actor: String?) -> String? {
        for mention in names.mentions(in: (anchor + 1)..<range.upperBound) {
            let start = mention.words.lowerBound
            if start > range.lowerBound,
                ["in", "from", "near", "during", "by", "of"].contains(body.words[start - 1].lower)
            {
                continue
            }
            guard let name = country(orName: start, range), name != actor else { continue }
            return name
        }
        return nil
    }

    /// The place: a location named after a place preposition ("in Kyiv", "inside
    /// Russia", "on Russian territory"), nearest the trigger.
    func location(_ anchor: Int, _ range: Range<Int>, _ type: String) -> String? {
        var best: (distance: Int, name: String)?
        for mention in names.mentions(in: range) where names.names[mention.name].type == .LOC {
            let start = mention.words.lowerBound
            var p = start - 1
            if p > range.lowerBound, body.words[p].lower == "the" { p -= 1 }
            guard p >= range.lowerBound else { continue }
            let preposition = body.words[p].lower
            let visitObject = type == "diplomatic_visit" && p == anchor
            guard EventFinder.placePrepositions.contains(preposition) || visitObject else { continue }
            if preposition == "to",
                !["diplomatic_visit", "troop_deployment", "military_training", "weapons_supply"].contains(type)
            {
                continue
            }
            guard let name = country(orName: start, range) else { continue }
            let distance = abs(start - anchor)
            if best == nil || distance < best!.distance { best = (distance, name) }
        }
        return best?.name
    }

    /// The name mentioned at word `index`; a demonym only when a country word follows
    /// it ("Russian forces" → Russia, "Russian" alone → nil).
    func country(orName index: Int, _ range: Range<Int>) -> String? {
        var i = index
        if i < range.upperBound, body.words[i].lower == "the" { i += 1 }
        guard i < range.upperBound, let mention = names.mention(at: i), mention.words.lowerBound == i else {
            return nil
        }
        if mention.isDemonym {
            var next = mention.words.upperBound
            while next < range.upperBound,
                body.words[next].lower == "," || body.words[next].lower == "and"
                    || names.mention(at: next)?.isDemonym == true
            {
                next += 1
            }
            guard next < range.upperBound else { return nil }
            let word = body.words[next].key
            let two = next + 1 < range.upperBound ? word + " " + body.words[next + 1].lower : word
            guard
                lexicon.countryWords.contains(word) || lexicon.countryWords.contains(two)
                    || body.words[next].isCapitalised || lexicon.described.contains(word)
                    || QuantityFinder.isPlural(word)
            else { return nil }
        }
        return names.names[mention.name].name
    }

    private func isPossessive(_ mention: NameIndex.Mention) -> Bool {
        let last = body.words[mention.words.upperBound - 1].lower.replacingApostrophes()
        return last.hasSuffix("'s") || last.hasSuffix("'")
    }

    func isAfterPreposition(_ start: Int, _ range: Range<Int>) -> Bool {
        var p = start - 1
        while p > range.lowerBound, ["the", "a", "its", "their", "his", "her"].contains(body.words[p].lower) { p -= 1 }
        return p >= range.lowerBound && EventFinder.prepositions.contains(body.words[p].lower)
    }
}
