import Foundation

/// One row of the ledger: a dump file and what became of it.
public struct LedgerEntry: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        /// Extracted and appended as a new article.
        case stored
        /// Same content as an article already stored; not extracted again.
        case duplicate
        /// Moved to quarantine; `reason` says why.
        case quarantined
    }

    public var sha256: String
    public var name: String
    public var path: String
    public var size: Int
    public var outcome: Outcome
    /// The article stored from this content (`stored`, `duplicate`), else nil.
    public var article: String?
    /// Why the dump was quarantined, else nil.
    public var reason: String?
    /// When the outcome was recorded.
    public var at: Date

    public init(
        sha256: String, name: String, path: String, size: Int, outcome: Outcome, article: String?, reason: String?,
        at: Date
    ) {
        self.sha256 = sha256
        self.name = name
        self.path = path
        self.size = size
        self.outcome = outcome
        self.article = article
        self.reason = reason
        self.at = at
    }
}
