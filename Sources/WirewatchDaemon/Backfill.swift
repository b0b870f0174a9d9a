import Foundation
import Logging
import WirewatchStore
import WirewatchSystem

/// `wirewatch ingest`: the spool in backfill mode over files named by the user.
public enum Backfill {
    public struct Summary: Sendable, CustomStringConvertible {
        public var stored = 0
        public var alreadyStored = 0
        public var quarantined = 0
        public var skipped = 0
        public var failed = 0

        public var description: String {
            "\(stored) stored, \(alreadyStored) already in the store, \(quarantined) quarantined, \(skipped) skipped, \(failed) failed"
        }
    }

    public static func run(
        paths: [String], configuration: Configuration, sendAlerts: Bool, progress: ProgressBar?, logger: Logger
    ) throws -> Summary {
        try FileSystem.makeDirectories(path: Path.parent(configuration.store.path), mode: Spool.directoryMode)
        let store = try Store(path: configuration.store.path)
        var spool = Spool(
            config: configuration.spool, store: store, policy: configuration.alerts.alertPolicy,
            matcher: configuration.alerts.storyMatcher, logger: logger)
        spool.keepsFiles = true
        let files = collect(paths, logger: logger)
        var summary = Summary()
        for (index, file) in files.enumerated() {
            switch spool.process(path: file) {
            case .stored(_, let alertIDs):
                summary.stored += 1
                if !sendAlerts { try store.markDelivered(alertIDs, at: Date()) }
            case .recovered, .duplicate: summary.alreadyStored += 1
            case .quarantined(let reason):
                summary.quarantined += 1
                logger.warning("not ingested", metadata: ["file": "\(file)", "reason": "\(reason)"])
            case .skipped, .vanished, .deferred: summary.skipped += 1
            case .retryLater(let why), .failed(let why):
                summary.failed += 1
                logger.error("failed", metadata: ["file": "\(file)", "error": "\(why)"])
            }
            progress?.update(done: index + 1, total: files.count)
        }
        if !sendAlerts {
            // Quarantine alerts of a backfill are history too.
            let pending = try store.undeliveredAlerts(limit: 100_000)
            try store.markDelivered(pending.map(\.id), at: Date())
        }
        progress?.finish()
        return summary
    }

    /// Files named, and files below directories named (`FileSystem.filesBelow`), in a stable order.
    static func collect(_ paths: [String], logger: Logger) -> [String] {
        var out: [String] = []
        for path in paths {
            guard let status = try? FileSystem.linkStatus(path: path) else {
                logger.error("no such file", metadata: ["file": "\(path)"])
                continue
            }
            guard status.kind == .directory else {
                out.append(path)
                continue
            }
            out += FileSystem.filesBelow(directory: path) { directory, error in
                logger.error("cannot list the directory", metadata: ["file": "\(directory)", "error": "\(error)"])
            }
        }
        return out
    }
}

/// A one-line progress bar on stderr, drawn only on a terminal.
public final class ProgressBar: @unchecked Sendable {
    private var lastDrawn = -1

    public static func forStandardError() -> ProgressBar? {
        FileSystem.isTerminal(fd: 2) ? ProgressBar() : nil
    }

    public func update(done: Int, total: Int) {
        guard total > 0 else { return }
        let percent = done * 100 / total
        guard percent != lastDrawn else { return }
        lastDrawn = percent
        let width = 40
        let filled = width * done / total
        let bar = String(repeating: "#", count: filled) + String(repeating: "-", count: width - filled)
        StandardError.write("\r[\(bar)] \(percent)% \(done)/\(total)")
    }

    public func finish() {
        StandardError.write("\n")
    }
}
