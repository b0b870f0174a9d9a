/// Finds the people, places, organisations, weapons and demonyms of an English article
/// (SPEC §4 `entities`): one entity per referent, its surface forms as aliases.
///
/// Pure and allocation-light: one pass of tokenizing per text, hash lookups in the
/// embedded lexicons (`Gazetteer`), then a join of the mentions (`+Aliases`). A
/// headline in title case only contributes names the lexicons know or the body confirms.
public struct EntityRecognizer: Sendable {
    public init() {}

    /// Entities of `title` and `body`, in order of first mention.
    public func entities(title: String?, body: String) -> [Article.Entity] {
        let lexicon = Gazetteer.shared
        let bodyBytes = Array(body.utf8)
        let bodyTokens = EntityTokenizer.tokenize(bodyBytes)
        let titleBytes = Array((title ?? "").utf8)
        let titleTokens = EntityTokenizer.tokenize(titleBytes)
        var lowerSeen = KeySet(capacity: bodyTokens.count / 4)
        for t in bodyTokens where t.isWord && !t.isUpper { lowerSeen.insert(t.key) }
        for t in titleTokens where t.isWord && !t.isUpper { lowerSeen.insert(t.key) }

        let headline = Self.isHeadlineCase(titleTokens, lexicon: lexicon)
        var bodyScanner = EntityScanner(
            lexicon: lexicon, bytes: bodyBytes, tokens: bodyTokens, lowerSeen: lowerSeen, headline: false,
            confirmed: KeySet(), basePosition: titleTokens.count + 1)
        bodyScanner.scan()
        var confirmed = KeySet()
        if headline {
            for m in bodyScanner.mentions where !m.weak { confirmed.insert(EntityTokenizer.phraseKey(m.words)) }
        }
        var titleScanner = EntityScanner(
            lexicon: lexicon, bytes: titleBytes, tokens: titleTokens, lowerSeen: lowerSeen, headline: headline,
            confirmed: confirmed, basePosition: 0)
        titleScanner.scan()
        return Self.join(titleScanner.mentions + bodyScanner.mentions, lexicon: lexicon)
    }

    /// Most longer words capitalised: a headline in title case, where capitals say nothing.
    static func isHeadlineCase(_ tokens: [EntityToken], lexicon: Gazetteer) -> Bool {
        var words = 0
        var upper = 0
        for t in tokens where t.isWord && t.end - t.start >= 4 {
            words += 1
            if t.isUpper { upper += 1 }
        }
        return words >= 3 && upper * 10 >= words * 6
    }
}
