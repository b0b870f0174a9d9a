/// Finds typed events (SPEC §4's vocabulary) sentence by sentence with the trigger
/// rules of `EventLexicon`, and fills in actor, target, location and date.
///
/// Text inside long quotes is the speaker's, not the reporter's account, and does not
/// trigger; short scare quotes ("disinformation campaign") do. A rule is dropped when
/// one of its veto words occurs in the sentence or a negation ("not", "never", "off
/// the table", "ruled out") stands near its trigger. One event per type and sentence,
/// except when the sentence places the same type in different places ("negotiations
/// in Geneva and a meeting in Brussels").
struct EventFinder {
    let body: BodyText
    let names: NameIndex
    let lexicon: EventLexicon
    let dates: DateResolver

    init(body: BodyText, names: NameIndex, published: String?, lexicon: EventLexicon = .shared) {
        self.body = body
        self.names = names
        self.lexicon = lexicon
        dates = DateResolver(published: published)
    }

    static let prepositions: Set<String> = [
        "in", "on", "at", "to", "into", "inside", "from", "near", "with", "against", "for", "of", "by", "over",
        "across", "toward", "towards", "after", "during", "than", "between", "about", "under", "within", "along",
    ]
    static let placePrepositions: Set<String> = [
        "in", "inside", "into", "at", "near", "over", "across", "on", "to", "within", "outside",
    ]
    private static let negations: Set<String> = ["not", "never", "no", "neither", "nor", "cannot"]

    /// `quoted` marks words inside quotes long enough to be someone's statement.
    func events(quoted: [Bool]) -> [Article.Event] {
        var events: [Article.Event] = []
        var previousActor: PhraseResolver.Resolved?
        let resolver = PhraseResolver(body: body, names: names, lexicon: lexicon)
        for (index, sentence) in body.sentences.enumerated() {
            let anchors = triggers(in: sentence.words, quoted: quoted)
            var seen: Set<String> = []
            for (rule, positions) in anchors {
                let type = lexicon.rules[rule].type
                for anchor in positions {
                    let actor = self.actor(anchor, sentence.words, resolver, previous: previousActor)
                    let location = self.location(anchor, sentence.words, type.name)
                    let key = type.name + "|" + (location ?? "")
                    guard !seen.contains(key) else { continue }
                    if seen.contains(type.name + "|"), location == nil { continue }
                    seen.insert(key)
                    seen.insert(type.name + "|")
                    var target = self.target(anchor, sentence.words, excluding: actor?.name)
                    if target == nil, ["missile_strike", "armed_attack"].contains(type.name) { target = location }
                    events.append(
                        Article.Event(
                            type: type.name, cameo: type.cameo, goldstein: type.goldstein, actor: actor?.name,
                            target: target, location: location,
                            date: dates.date(in: sentence.words, of: body, near: anchor), sentence: index,
                            evidence: String(body.text[sentence.range])))
                    if let actor { previousActor = actor }
                }
            }
        }
        return events
    }

    /// Rules whose groups all match in the sentence, with the positions of their first
    /// group's matches, in rule order.
    func triggers(in range: Range<Int>, quoted: [Bool]) -> [(Int, [Int])] {
        var groupHits: [Int: Set<Int>] = [:]
        var anchors: [Int: [Int]] = [:]
        var vetoed: Set<Int> = []
        for i in range where body.words[i].isWord && !quoted[i] {
            let lower = body.words[i].lower
            var keys = [lower]
            if let dash = lower.lastIndex(of: "-"), dash != lower.startIndex {
                keys.append(String(lower[lower.index(after: dash)...]))
            }
            for key in keys {
                let candidates = (lexicon.exact[key] ?? []) + (lexicon.prefixed[Substring(key.prefix(3))] ?? [])
                for slot in candidates where matches(slot.phrase, at: i, key: key, range) {
                    if slot.group < 0 {
                        vetoed.insert(slot.rule)
                    } else {
                        groupHits[slot.rule, default: []].insert(slot.group)
                        if slot.group == 0, anchors[slot.rule]?.last != i { anchors[slot.rule, default: []].append(i) }
                    }
                }
            }
        }
        let sentenceNegated = negatedPhrases(range)
        var result: [(Int, [Int])] = []
        for (rule, positions) in anchors.sorted(by: { $0.key < $1.key }) {
            guard !vetoed.contains(rule), groupHits[rule]?.count == lexicon.rules[rule].groups.count,
                !sentenceNegated
            else { continue }
            let kept = positions.filter { !isNegated($0, range) }
            if !kept.isEmpty { result.append((rule, kept)) }
        }
        return result
    }

    private func matches(_ phrase: EventLexicon.Phrase, at i: Int, key: String, _ range: Range<Int>) -> Bool {
        guard i + phrase.words.count <= range.upperBound else { return false }
        for (k, word) in phrase.words.enumerated() {
            let token = k == 0 ? key : body.words[i + k].lower
            if phrase.isPrefix[k] ? !token.hasPrefix(word) : NameIndex.normalised(token) != word && token != word {
                return false
            }
        }
        return true
    }

    private func negatedPhrases(_ range: Range<Int>) -> Bool {
        let text = range.map { body.words[$0].lower }.joined(separator: " ")
        return ["off the table", "ruled out", "rule out", "no plans", "declined to say whether"].contains {
            text.contains($0)
        }
    }

    private func isNegated(_ anchor: Int, _ range: Range<Int>) -> Bool {
        let window = max(range.lowerBound, anchor - 4)..<min(range.upperBound, anchor + 2)
        return window.contains { i in
            let lower = body.words[i].lower.replacingApostrophes()
            return EventFinder.negations.contains(lower) || lower.hasSuffix("n't")
        }
    }
}
