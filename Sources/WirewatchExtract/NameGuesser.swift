/// A crude stand-in for the entity stage, used only when an article arrives without
/// entities (so quotes and events can be found and tested on their own): runs of
/// capitalised words, with titles cut off, typed by simple signals.
///
/// A capitalised word that opens a sentence and also occurs in lowercase elsewhere in
/// the body ("Officials", "Later") is an ordinary word, not a name.
struct NameGuesser {
    let body: BodyText
    let lexicon: EventLexicon
    /// Lowercased words the body capitalises somewhere other than a sentence start.
    private var capitalisedInside: Set<String> = []

    init(body: BodyText, lexicon: EventLexicon) {
        self.body = body
        self.lexicon = lexicon
    }

    private static let joiners: Set<String> = ["of", "for", "the", "&", "de", "al"]

    mutating func entities() -> [Article.Entity] {
        var lowercaseWords: Set<String> = []
        for word in body.words where word.isWord && !word.isCapitalised { lowercaseWords.insert(word.lower) }
        var sentenceStarts: Set<Int> = []
        for sentence in body.sentences {
            var first = sentence.words.lowerBound
            while first < sentence.words.upperBound, !body.words[first].isWord { first += 1 }
            sentenceStarts.insert(first)
        }
        capitalisedInside = []
        for (i, word) in body.words.enumerated() where word.isCapitalised && !sentenceStarts.contains(i) {
            capitalisedInside.insert(word.lower)
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
        let allCaps = body.string(i).allSatisfy { $0.isUppercase || $0 == "." }
        if NameGuesser.timeWords.contains(lower) || (StopWords.english.contains(lower) && !allCaps) || isCompound(i) {
            return true
        }
        guard starts.contains(i) else { return false }
        // A lone capitalised opener is a name only if the body capitalises it elsewhere too.
        if lowercase.contains(lower) || lower.hasSuffix("ing") || lower.hasSuffix("ly") { return true }
        let nextIsCapitalised = i + 1 < body.words.count && body.words[i + 1].isCapitalised
        let isCountry = lexicon.countries.contains(lower)
        return QuantityFinder.isNumberWord(lower)
            || (!nextIsCapitalised && !capitalisedInside.contains(lower) && !isCountry)
    }

    /// "American-made", "US-led": a hyphenated word is a name only when both parts
    /// are capitalised and the first is no country ("Montoya-Lewis", not "UK-Russia").
    private func isCompound(_ i: Int) -> Bool {
        let surface = body.string(i)
        guard let dash = surface.firstIndex(of: "-") else { return false }
        let rest = surface[surface.index(after: dash)...]
        let first = surface[..<dash].lowercased()
        return rest.first?.isUppercase != true || lexicon.demonyms[first] != nil
            || lexicon.countries.contains(first) || lexicon.orgWords.contains(first)
    }

    /// Cuts a run into names: titles and demonyms in front of a person are dropped
    /// ("US Defence Secretary Lloyd Austin" → "Lloyd Austin"); a run holding an
    /// organisation word stays whole.
    private func split(_ run: [Int]) -> [(words: [Int], type: Article.Entity.Kind)] {
        let lowers = run.map { body.words[$0].key }
        if lowers.contains(where: { lexicon.orgWords.contains($0) }) {
            var start = 0
            if lowers[0] == "the" { start = 1 }
            return start < run.count ? [(Array(run[start...]), .ORG)] : []
        }
        if let lastTitle = lowers.lastIndex(where: { lexicon.titles.contains($0) }) {
            let rest = Array(run[(lastTitle + 1)...])
            return rest.isEmpty ? [] : [(rest, .PER)]
        }
        if lexicon.demonyms[lowers.joined(separator: " ")] != nil { return [] }
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
        var bySurname: [String: Int] = [:]
        for (words, type) in found {
            let surface = String(body.span(words[0], words[words.count - 1] + 1))
            var key = NameIndex.normalised(surface.lowercased())
            if let index = bySurface[key] {
                entities[index].mentions += 1
                continue
            }
            if words.count == 1, let index = bySurname[key] {
                entities[index].aliases.append(surface)
                entities[index].mentions += 1
                bySurface[key] = index
                continue
            }
            key = NameIndex.normalised(key)
            bySurface[key] = entities.count
            var name = surface
            if name.hasSuffix("'s") || name.hasSuffix("’s") { name.removeLast(2) }
            if type == .PER, words.count > 1 { bySurname[body.words[words[words.count - 1]].key] = entities.count }
            entities.append(Article.Entity(name: name, type: type, aliases: [name], mentions: 1))
        }
        return entities
    }
}
