/// Turns a noun phrase of the body ("Mr Austin", "he", "The Prime Minister", "a senior
/// US official", "A statement from the US Department of State") into the name of who
/// it refers to: an entity, a remembered role holder, or the description itself.
struct PhraseResolver {
    let body: BodyText
    let names: NameIndex
    let lexicon: EventLexicon

    private static let determiners: Set<String> = ["a", "an", "the", "another", "one", "two", "some", "this", "that"]
    static let auxiliaries: Set<String> = [
        "has", "have", "had", "will", "would", "also", "later", "then", "previously", "earlier", "was", "is", "were",
        "been", "be", "can", "could", "may", "might", "should", "once", "again", "already", "reportedly", "further",
        "repeatedly", "separately", "publicly", "today", "yesterday", "recently", "has also", "himself", "herself",
        "themselves", "itself",
    ]
    static let boundaries: Set<String> = [
        ",", ":", ";", "\"", "“", "”", "‘", "’", "(", ")", "—", "–", "that", "and", "but", "as", "while", "which",
        "who", "after", "when", "because", "so",
    ]

    /// Where a phrase came from, for callers that continue a speaker.
    enum Kind { case entity, role, described, pronoun, generic }

    struct Resolved {
        var name: String
        var kind: Kind
        var isPerson = false
    }

    /// The noun phrase ending just before word `end` (auxiliaries skipped), back to a
    /// clause boundary, or nil when it is empty.
    func phrase(endingBefore end: Int, floor: Int, skip: (Int) -> Bool) -> Range<Int>? {
        var stop = end
        while stop > floor, body.words[stop - 1].isWord, PhraseResolver.auxiliaries.contains(body.words[stop - 1].lower)
        {
            stop -= 1
        }
        var start = stop
        while start > floor {
            let w = body.words[start - 1]
            if skip(start - 1) || PhraseResolver.boundaries.contains(w.lower) || (!w.isWord && w.lower != "'") {
                break
            }
            start -= 1
        }
        return start < stop ? start..<stop : nil
    }

    /// The noun phrase starting at word `start`, up to a boundary, a verb-like word or
    /// punctuation.
    func phrase(startingAt start: Int, limit: Int) -> Range<Int>? {
        var end = start
        while end < limit {
            let w = body.words[end]
            if !w.isWord || (PhraseResolver.boundaries.contains(w.lower) && end > start)
                || ["in", "on", "at", "to", "with", "for", "of", "during", "after", "told", "said"].contains(w.lower)
                    && names.mention(at: end) == nil
            {
                break
            }
            end += 1
        }
        return end > start ? start..<end : nil
    }

    /// Who the phrase `range` names, looking back from its position for pronouns,
    /// roles and earlier descriptions; `previous` continues "it", "they", "a statement".
    ///
    /// `preferPrevious` makes "he" continue `previous` when that is a person (events
    /// follow the last actor; quotes the last person named).
    func resolve(_ range: Range<Int>, previous: Resolved?, earlier: [Resolved], preferPrevious: Bool = false)
        -> Resolved?
    {
        var start = range.lowerBound
        // "On Tuesday Deputy Prime Minister …": the name is what ends the phrase, so a
        // leading time or place phrase does no harm; determiners are dropped.
        while start < range.upperBound, PhraseResolver.determiners.contains(body.words[start].lower) { start += 1 }
        guard start < range.upperBound else { return nil }
        let last = range.upperBound - 1
        let content = (start..<range.upperBound).map { body.words[$0].key }
        let text = content.joined(separator: " ")

        if range.count == 1, let kind = lexicon.pronouns[body.words[start].lower] {
            if kind == "PER", let previous, previous.isPerson, preferPrevious { return previous }
            if kind == "PER", let name = names.last(before: start, types: [.PER]) {
                return Resolved(name: names.names[name].name, kind: .pronoun, isPerson: true)
            }
            if let previous { return previous }
            if let name = names.last(before: start, types: [.ORG, .LOC]) {
                return Resolved(name: names.names[name].name, kind: .pronoun)
            }
            return nil
        }
        if lexicon.generic.contains(text) || lexicon.generic.contains(body.words[last].lower) && content.count <= 2 {
            return previous
        }
        // "A statement from the US Department of State …" names its source.
        if let from = (start..<last).first(where: {
            $0 > start && ["from", "by"].contains(body.words[$0].lower)
                && lexicon.generic.contains(body.words[$0 - 1].lower)
        }) {
            return resolve((from + 1)..<range.upperBound, previous: previous, earlier: earlier)
        }
        if let person = names.roles[text.replacingOccurrences(" of ", " ")] ?? names.roles[text] {
            return Resolved(name: names.names[person].name, kind: .role, isPerson: true)
        }
        let head = body.words[last]
        if head.isWord, !head.isCapitalised || names.mention(at: last) == nil,
            lexicon.described.contains(head.key), content.count <= 7
        {
            // "the senior State Department official" repeats an earlier "a senior US State
            // Department official"; "an official" is someone new.
            if body.words[range.lowerBound].lower == "the" {
                let wanted = Set(content)
                if let match = earlier.last(where: {
                    $0.kind == .described && wanted.isSubset(of: Set(PhraseResolver.words($0.name)))
                }) {
                    return match
                }
            }
            return Resolved(name: describe(start..<range.upperBound), kind: .described)
        }
        if let mention = names.mention(at: last), !mention.isDemonym || mention.words.upperBound == range.upperBound {
            return entity(mention)
        }
        if let mention = names.mentions(in: start..<range.upperBound).last(where: {
            !$0.isDemonym && names.names[$0.name].type != .LOC
        }) {
            return entity(mention)
        }
        return nil
    }

    func entity(_ mention: NameIndex.Mention) -> Resolved {
        let name = names.names[mention.name]
        return Resolved(name: name.name, kind: .entity, isPerson: name.type == .PER)
    }

    /// The description with names written out ("Mr Johnson’s official spokesman" →
    /// "Boris Johnson’s official spokesman").
    private func describe(_ range: Range<Int>) -> String {
        var parts: [String] = []
        var i = range.lowerBound
        while i < range.upperBound {
            if let mention = names.mention(at: i), mention.words.upperBound <= range.upperBound,
                names.names[mention.name].type == .PER
            {
                while let previous = parts.last, lexicon.titles.contains(previous.lowercased()) { parts.removeLast() }
                let surface = body.string(mention.words.upperBound - 1)
                let possessive = surface.hasSuffix("’s") ? "’s" : surface.hasSuffix("'s") ? "'s" : ""
                parts.append(names.names[mention.name].name + possessive)
                i = mention.words.upperBound
            } else {
                parts.append(String(body.string(i)))
                i += 1
            }
        }
        return parts.joined(separator: " ")
    }

    static func words(_ text: String) -> [String] {
        text.lowercased().replacingApostrophes().split(separator: " ").map { NameIndex.normalised(String($0)) }
    }
}

extension String {
    fileprivate func replacingOccurrences(_ target: String, _ replacement: String) -> String {
        // An ASCII target can only match where its bytes occur: a cheap test first, as
        // the generic `String` search is slow and the target is rarely there.
        guard containsBytes(of: target), contains(target) else { return self }
        var out = ""
        var rest = self[...]
        while let range = rest.firstRange(of: target) {
            out += rest[..<range.lowerBound] + replacement
            rest = rest[range.upperBound...]
        }
        return out + rest
    }
}
