/// What became of one path the pipeline was asked to process.
public enum SpoolOutcome: Sendable, Equatable {
    case stored(articleID: String, alertIDs: [Int64])
    /// Already in the store from this path (crash recovery): only the archive step ran.
    case recovered(articleID: String)
    case duplicate(of: String)
    case quarantined(reason: String)
    /// Ignored by name or kind, or already gone: nothing to do, nothing moved.
    case skipped(String)
    case vanished
    /// Found by a scan while still changing: left for its `IN_CLOSE_WRITE` or a later scan.
    case deferred
    /// The store cannot be written now (disk full, read-only): the dump stays in the inbox.
    case retryLater(String)
    /// An I/O error left the dump where it was; the next scan tries again.
    case failed(String)

    var isRetry: Bool {
        if case .retryLater = self { return true }
        return false
    }
}
