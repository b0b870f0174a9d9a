/// What the pipeline loop acts on, in arrival order.
public enum PipelineEvent: Sendable, Equatable {
    /// A dump that inotify reported complete (`IN_CLOSE_WRITE`, `IN_MOVED_TO`): absolute path.
    case file(String)
    /// List a directory (recursively when configured) and process what the ledger has not seen.
    case scan(directory: String, reason: ScanReason)
    /// The heartbeat: lets the loop ping the watchdog, run timers and retry, while idle.
    case tick
    /// SIGHUP: read the configuration again.
    case reload
}

/// Why a reconciling scan runs; it shows in the logs and in `STATUS=`.
public enum ScanReason: String, Sendable, Equatable {
    case startup
    case overflow = "inotify queue overflow"
    case newDirectory = "new directory"
    case timer = "rescan interval"
    case backpressure = "queue was full"
    case retry = "retry after store error"
    case reload
    case settle = "files still changing during the last scan"
}
