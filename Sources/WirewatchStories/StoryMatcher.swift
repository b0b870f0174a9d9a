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
    public var eventWordingOverlap = 0.05
    /// Jaccard similarity of entity sets for `entities`…
    public var entityJaccard = 0.4
    /// …with at least this many shared entities…
    public var entityShared = 6
    /// …of which at least this many people: countries and capitals alone are shared by every
    /// report of a war.
    public var entityPeople = 2

    public init(window: Int64 = 72 * 3600) {
        self.window = window
    }

    /// The story `article` joins, or nil when it starts a new one. Among several matching
    /// stories the strongest signal wins, then the larger wording overlap, then the story id.
    public func match(_ article: StoryFingerprint, candidates: [StoryCandidate]) -> StoryMatch? {
        var best: StoryMatch?
        for candidate in candidates {
            for member in candidate.members where member.article != article.article {
                guard let found = compare(article, member) else { continue }
                let match = StoryMatch(
                    story: candidate.id, member: member.article, signal: found.signal, wordingOverlap: found.overlap)
                if let current = best, !Self.isBetter(match, than: current) { continue }
                best = match
            }
        }
        return best
    }

    /// The signal `a` and `b` share, if any, with their wording overlap.
    public func compare(_ a: StoryFingerprint, _ b: StoryFingerprint) -> (signal: StoryMatch.Signal, overlap: Double)? {
        guard withinWindow(a.received, b.received) else { return nil }
        if let pa = a.published, let pb = b.published, !withinWindow(pa, pb) { return nil }
        let (shared, overlap) = Self.overlap(a.phrases, b.phrases)
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

    /// Shared phrases and their share of the smaller set.
    static func overlap(_ a: [UInt32], _ b: [UInt32]) -> (shared: Int, overlap: Double) {
        let shared = intersectionCount(a, b)
        let smaller = min(a.count, b.count)
        return (shared, smaller == 0 ? 0 : Double(shared) / Double(smaller))
    }

    /// Size of the intersection of two sorted, duplicate-free arrays.
    static func intersectionCount<T: Comparable>(_ a: [T], _ b: [T]) -> Int {
        var i = 0
        var j = 0
        var count = 0
        while i < a.count, j < b.count {
            if a[i] == b[j] {
                count += 1
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
