/// Decides whether an article joins an existing story (SPEC §5).
///
/// An article joins a story when it matches any one member (single link) received within
/// `window` of it, on one of: a near-duplicate text; the same event type at the same place,
/// with some wording in common; a strong overlap of named entities; or enough distinctive
/// wording in common. The thresholds were set so that reports of one development by
/// different outlets match while different developments in the same conflict, which share
/// the conflict's names (Russia, Ukraine, Kyiv, Biden, Putin), do not. Pure and deterministic:
/// the same article and candidates always give the same answer.
public struct StoryMatcher: Sendable, Equatable {
    /// Seconds two members of one story may lie apart (`alerts.story_window`).
    public var window: Int64
    /// Most SimHash bits in which near-duplicates differ. Unrelated texts differ in about 32 of
    /// 64 (standard deviation 4); a copy with a changed line or a reworded name in 5 or fewer.
    public var nearDuplicateBits = 6
    /// Share of the smaller phrase set that must be shared for `wording`…
    public var wordingOverlap = 0.08
    /// …and the fewest shared phrases, so that two short texts need real common wording.
    public var wordingShared = 5
    /// Share of phrases that makes a shared event and place a topic match rather than a
    /// coincidence (two strikes on one city in the same days are not always one story).
    public var eventWordingOverlap = 0.07
    /// Jaccard similarity of entity sets for `entities`…
    public var entityJaccard = 0.4
    /// …with at least this many shared entities…
    public var entityShared = 6
    /// …of which at least this many people: countries and capitals alone are shared by every
    /// report of a war.
    public var entityPeople = 2

    /// A phrase found in at least this many of the articles in the window…
    public var commonMinimum = 8
    /// …and in at least this share of them is common wording ("town hall", "biden
    /// administration" on a busy desk) and not counted: it says what beat a report is on,
    /// not which development. With fewer articles in the window no phrase is common, so a
    /// quiet window decides the same in any order.
    public var commonShare = 0.1
    /// Members of one story compared, the most recent first: enough to find the thread of a
    /// developing story, and a bound on the work of one append however big a story grows.
    public var membersCompared = 50

    public init(window: Int64 = 72 * 3600) {
        self.window = window
    }

    /// The story `article` joins, or nil when it starts a new one. Among several matching
    /// stories the strongest signal wins, then the larger wording overlap, then the story id.
    /// Candidates' members are expected most recent first (as the store lists them).
    public func match(_ article: StoryFingerprint, candidates: [StoryCandidate]) -> StoryMatch? {
        let common = commonPhrases(article.phrases, in: candidates)
        var best: StoryMatch?
        for candidate in candidates {
            for member in candidate.members.prefix(membersCompared) where member.article != article.article {
                guard let found = compare(article, member, common: common) else { continue }
                let match = StoryMatch(
                    story: candidate.id, member: member.article, signal: found.signal, wordingOverlap: found.overlap)
                if let current = best, !Self.isBetter(match, than: current) { continue }
                best = match
            }
        }
        return best
    }

    /// The signal `a` and `b` share, if any, with their wording overlap.
    /// Phrases in `common` are not counted as shared wording.
    public func compare(
        _ a: StoryFingerprint, _ b: StoryFingerprint, common: Set<UInt32> = []
    ) -> (signal: StoryMatch.Signal, overlap: Double)? {
        guard withinWindow(a.received, b.received) else { return nil }
        if let pa = a.published, let pb = b.published, !withinWindow(pa, pb) { return nil }
        let (shared, overlap) = Self.overlap(a.phrases, b.phrases, excluding: common)
        if let ha = a.simHash, let hb = b.simHash, (ha ^ hb).nonzeroBitCount <= nearDuplicateBits {
            return (.nearDuplicate, overlap)
        }
        if overlap >= eventWordingOverlap, sharesEvent(a, b) { return (.eventAndPlace, overlap) }
        if sharesEntities(a, b) { return (.entities, overlap) }
        if overlap >= wordingOverlap, shared >= wordingShared { return (.wording, overlap) }
        return nil
    }

    func withinWindow(_ a: Int64, _ b: Int64) -> Bool {
        (a > b ? a - b : b - a) <= window
    }

    /// A shared type and place, told in the lead of at least one of the two, on days no
    /// further apart than the window where both are dated.
    func sharesEvent(_ a: StoryFingerprint, _ b: StoryFingerprint) -> Bool {
        for x in a.events {
            for y in b.events where x.type == y.type && x.place == y.place && (x.lead || y.lead) {
                if let dx = x.day, let dy = y.day, !withinWindow(dx, dy) { continue }
                return true
            }
        }
        return false
    }

    func sharesEntities(_ a: StoryFingerprint, _ b: StoryFingerprint) -> Bool {
        let shared = Self.intersectionCount(a.entities, b.entities)
        guard shared >= entityShared else { return false }
        let union = a.entities.count + b.entities.count - shared
        guard Double(shared) / Double(union) >= entityJaccard else { return false }
        return Self.intersectionCount(a.people, b.people) >= entityPeople
    }

    /// Which of `phrases` (an article's) are common in the window (see `commonShare`). Only
    /// the article's own phrases are counted: no other phrase can be shared with it.
    func commonPhrases(_ phrases: [UInt32], in candidates: [StoryCandidate]) -> Set<UInt32> {
        let pool = candidates.reduce(0) { $0 + $1.members.count }
        let floor = max(commonMinimum, Int((Double(pool) * commonShare).rounded(.up)))
        guard pool >= floor, !phrases.isEmpty else { return [] }
        var counts = [Int](repeating: 0, count: phrases.count)
        for candidate in candidates {
            for member in candidate.members {
                // Both lists are sorted: one merge walk per member.
                var i = 0
                var j = 0
                let other = member.phrases
                while i < phrases.count, j < other.count {
                    if phrases[i] == other[j] {
                        counts[i] += 1
                        i += 1
                        j += 1
                    } else if phrases[i] < other[j] {
                        i += 1
                    } else {
                        j += 1
                    }
                }
            }
        }
        return Set(phrases.indices.compactMap { counts[$0] >= floor ? phrases[$0] : nil })
    }

    /// Shared phrases, leaving out `common` ones, and their share of the smaller set.
    static func overlap(
        _ a: [UInt32], _ b: [UInt32], excluding common: Set<UInt32> = []
    ) -> (shared: Int, overlap: Double) {
        let shared = intersectionCount(a, b, excluding: common)
        let smaller = min(a.count, b.count)
        return (shared, smaller == 0 ? 0 : Double(shared) / Double(smaller))
    }

    /// Size of the intersection of two sorted, duplicate-free arrays, not counting `excluded`.
    static func intersectionCount<T: Comparable & Hashable>(_ a: [T], _ b: [T], excluding excluded: Set<T> = []) -> Int
    {
        var i = 0
        var j = 0
        var count = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                if !excluded.contains(a[i]) { count += 1 }
                i += 1
                j += 1
            } else if a[i] < b[j] {
                i += 1
            } else {
                j += 1
            }
        }
        return count
    }

    static func isBetter(_ a: StoryMatch, than b: StoryMatch) -> Bool {
        if a.signal != b.signal { return a.signal < b.signal }
        if a.wordingOverlap != b.wordingOverlap { return a.wordingOverlap > b.wordingOverlap }
        return a.story < b.story
    }
}
