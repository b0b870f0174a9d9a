/// What `Store.append` did.
public enum AppendOutcome: Sendable, Equatable {
    /// The article was new: it, its story membership, ledger row and alerts were committed.
    /// `alertIDs` are the outbox ids of the alerts, in the order they were passed.
    case stored(articleID: String, alertIDs: [Int64])
    /// Content with the same hash was already stored; nothing was written.
    case alreadyStored(articleID: String)

    /// The id of the article, new or existing.
    public var articleID: String {
        switch self {
        case .stored(let id, _), .alreadyStored(let id): id
        }
    }
}
