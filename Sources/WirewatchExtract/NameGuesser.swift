/// A crude stand-in for the entity stage, used only when an article arrives without
/// entities (so quotes and events can be found and tested on their own): runs of
/// capitalised words, with titles cut off, typed by simple signals.
///
/// A capitalised word that opens a sentence and also occurs in lowercase elsewhere in
/// the body ("Officials", "Later") is an ordinary word, not a name.
struct NameGuesser {
    let body: BodyText
    let lexicon: EventLexicon

    private static let joiners: Set<String> = ["of", "for", "the", "&", "de", "al"]

    func entities() -> [Article.Entity] {
        var lowercaseWords: Set<String> = []
        for word in body.words where word.isWord && !word.isCapitalised { lowercaseWords.insert(word.lower) }
        var sentenceStarts: Set<Int> = []
        for sentence in body.sentences {
            var first = sentence.words.lowerBound
            while first < sentence.words.upperBound, !body.words[first].isWord { first += 1 }
            sentenceStarts.insert(first)
        }
        var found: [(words: [Int], type: Article.Entity.Kind)] = []
        let words = body.words
        var i = 0
        while i < words.count {
            guard words[i].isWord, words[i].isCapitalised, !isOrdinaryWord(i, sentenceStarts, lowercaseWords) else {
                i += 1
                continue
            }
            var run = [i]
            var j = i + 1
            while j < words.count, words[j].spaceBefore {
                if words[j].isWord, words[j].isCapitalised, !NameGuesser.timeWords.contains(words[j].lower),
                    !isCompound(j)
                {
                    run.append(j)
                    j += 1
                } else if words[j].isWord, NameGuesser.joiners.contains(words[j].lower), j + 1 < words.count,
                    words[j + 1].isCapitalised || NameGuesser.joiners.contains(words[j + 1].lower)
                {
                    j += 1
                } else {
                    break
                }
            }
            i = j
            found.append(contentsOf: split(run))
        }
        return merge(found)
    }

    /// Weekdays, months and time adverbs are capitalised without being names.
    static let timeWords: Set<String> = [
        "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march",
        "april", "may", "june", "july", "august", "september", "october", "november", "december", "yesterday",
        "today", "tomorrow", "earlier", "later", "meanwhile", "however", "last", "next", "this",
    ]

    /// A capitalised word that is no name: a time word, a function word, a compound
    /// such as "American-made", or a sentence opener that is ordinary elsewhere
    /// ("Officials") or looks like a participle or adverb ("Speaking", "Around").
    private func isOrdinaryWord(_ i: Int, _ starts: Set<Int>, _ lowercase: Set<String>) -> Bool {
        let lower = body.words[i].lower
        if NameGuesser.timeWords.contains(lower) || StopWords.english.contains(lower) || isCompound(i) { return true }
        guard starts.contains(i) else { return false }
        if lowercase.contains(lower) || lower.hasSuffix("ing") || lower.hasSuffix("ly") { return true }
        return QuantityFinder.isNumberWord(lower)
    }

    /// "American-made", "Russia-US": hyphenated words are left to the alias matcher,
    /// which reads their parts.
    private func isCompound(_ i: Int) -> Bool { body.words[i].lower.contains("-") }

    /// Cuts a run into names: titles and demonyms in front of a person are dropped
    /// ("US Defence Secretary Lloyd Austin" → "Lloyd Austin"); a run holding an
    /// organisation word stays whole.
    private func split(_ run: [Int]) -> [(words: [Int], type: Article.Entity.Kind)] {
        let lowers = run.map { NameIndex.normalised(body.words[$0].lower) }
        if lowers.contains(where: { lexicon.orgWords.contains($0) }) {
            var start = 0
            if lowers[0] == "the" { start = 1 }
            return start < run.count ? [(Array(run[start...]), .ORG)] : []
        }
        if let lastTitle = lowers.lastIndex(where: { lexicon.titles.contains($0) }) {
            let rest = Array(run[(lastTitle + 1)...])
            return rest.isEmpty ? [] : [(rest, .PER)]
        }
        if lowers.count == 1, lexicon.demonyms[lowers[0]] != nil { return [] }
        if lowers.count >= 2, lexicon.demonyms[lowers[0]] != nil, lexicon.demonyms[lowers.joined(separator: " ")] == nil
        {
            return split(Array(run.dropFirst()))
        }
        if lowers.count >= 2 { return [(run, .PER)] }
        let surface = body.string(run[0])
        if surface.count >= 3, surface.allSatisfy({ $0.isUppercase }) { return [(run, .ORG)] }
        return [(run, .LOC)]
    }

    /// One entity per surface form; a lone surname ("Austin", "Mr Austin") joins the
    /// full name that ends with it.
    private func merge(_ found: [(words: [Int], type: Article.Entity.Kind)]) -> [Article.Entity] {
        var entities: [Article.Entity] = []
        var bySurface: [String: Int] = [:]
        for (words, type) in found {
            let surface = String(body.span(words[0], words[words.count - 1] + 1))
            var key = NameIndex.normalised(surface.lowercased())
            if let index = bySurface[key] {
                entities[index].mentions += 1
                continue
            }
            if words.count == 1,
                let index = entities.firstIndex(where: {
                    $0.type == .PER && $0.name.lowercased().split(separator: " ").last.map(String.init) == key
                })
            {
                entities[index].aliases.append(surface)
                entities[index].mentions += 1
                bySurface[key] = index
                continue
            }
            key = NameIndex.normalised(key)
            bySurface[key] = entities.count
            var name = surface
            if name.hasSuffix("'s") || name.hasSuffix("’s") { name.removeLast(2) }
            entities.append(Article.Entity(name: name, type: type, aliases: [name], mentions: 1))
        }
        return entities
    }
}
