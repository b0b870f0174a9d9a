import Foundation
import Logging
import WirewatchDigest
import WirewatchExtract
import WirewatchStore
import WirewatchStories
import WirewatchSystem

/// Moves one dump through `inbox → extract → store → archive` (or quarantine), SPEC §3.
///
/// The order of steps is what makes a crash at any point safe: the file leaves the inbox
/// only after the store has committed it, and the store's content-hash ledger makes a
/// second pass over the same file a no-op apart from finishing the move.
public struct Spool: Sendable {
    public var config: Configuration.Spool
    public let store: Store
    public let extractor: Extractor
    /// Decides each stored article's alert (`[alerts]` min_priority and rules).
    public var policy: AlertPolicy
    /// Assigns each stored article to a story (`alerts.story_window`).
    public var matcher: StoryMatcher
    public let logger: Logger
    /// Backfill mode (`wirewatch ingest`): files are read where they lie and never moved.
    public var keepsFiles = false
    let now: @Sendable () -> Date

    public init(
        config: Configuration.Spool, store: Store, extractor: Extractor = Extractor(),
        policy: AlertPolicy = AlertPolicy(), matcher: StoryMatcher = StoryMatcher(),
        logger: Logger, now: @escaping @Sendable () -> Date = { Date() }
    ) {
        self.config = config
        self.store = store
        self.extractor = extractor
        self.policy = policy
        self.matcher = matcher
        self.logger = logger
        self.now = now
    }

    /// The path of `path` below the inbox (`sub/a.txt`), or nil when it lies outside it.
    func relativePath(_ path: String) -> String? {
        let root = config.inbox.hasSuffix("/") ? config.inbox : config.inbox + "/"
        guard path.hasPrefix(root) else { return nil }
        let rel = String(path.dropFirst(root.count))
        return rel.isEmpty ? nil : rel
    }

    /// Mode of the folders the daemon creates. No setgid bit: the unit's
    /// `RestrictSUIDSGID=yes` refuses a mkdir that asks for one, and the kernel gives every
    /// folder created inside the setgid spool folders that bit and their group anyway.
    public static let directoryMode: UInt32 = 0o770

    /// How long a file found by a scan must have been left unmodified before it is taken.
    /// inotify says when a write is complete; a scan cannot, so it leaves a file that is
    /// still changing to the `IN_CLOSE_WRITE` that will follow, or to the next scan.
    public static let settleTime: Duration = .seconds(2)

    /// Processes the file at `path` (absolute, inside the inbox). Never throws: every
    /// failure is an outcome, and a dump is only ever moved, never dropped.
    /// - Parameter fromScan: true when a scan, not an inotify event, found the file.
    public func process(path: String, fromScan: Bool = false) -> SpoolOutcome {
        guard let rel = relativePath(path) ?? (keepsFiles ? path : nil) else { return .skipped("outside the inbox") }
        let name = Path.lastComponent(rel)
        if IgnoreRules(patterns: config.ignore).ignores(name) { return .skipped("ignored name") }

        let file: FileDescriptor
        do {
            file = try FileDescriptor.openForReading(path: path)
        } catch {
            if error.isNotFound { return .vanished }
            if error.isSymbolicLink { return .skipped("symbolic link (never followed)") }
            logger.error("cannot open dump", metadata: ["file": "\(path)", "error": "\(error)"])
            return .failed("\(error)")
        }
        let bytes: [UInt8]
        let modified: Int
        do {
            let status = try file.status()
            modified = status.modified
            switch SpoolDecision.admit(kind: status.kind, size: status.size, maxFileSize: config.maxFileSize) {
            case .read:
                if fromScan, SpoolDecision.isUnsettled(modified: status.modified, now: now()) {
                    return .deferred
                }
            case .skip(let why): return .skipped(why)
            case .quarantine(let reason):
                file.close()
                return quarantine(path: path, relative: rel, bytes: nil, size: status.size, reason: reason)
            }
            bytes = try file.readAll(limit: config.maxFileSize)
            file.close()
        } catch {
            file.close()
            logger.error("cannot read dump", metadata: ["file": "\(path)", "error": "\(error)"])
            return .failed("\(error)")
        }
        if bytes.count > config.maxFileSize {
            return quarantine(
                path: path, relative: rel, bytes: nil, size: bytes.count,
                reason: "file grew past max_file_size \(config.maxFileSize) while being read")
        }
        if bytes.isEmpty { return quarantine(path: path, relative: rel, bytes: nil, size: 0, reason: "empty file") }

        let sha = SHA256.hex(bytes)
        let record = DumpFile(name: name, path: rel, sha256: sha, size: bytes.count)
        do {
            switch SpoolDecision.identify(ledger: try store.ledgerEntry(sha256: sha), path: rel) {
            case .alreadyStored(let id):
                return finish(path: path, relative: rel, id: id) ?? .recovered(articleID: id)
            case .duplicate(let id):
                try store.recordDuplicate(file: record, of: id, at: now())
                logger.info("duplicate dump", metadata: ["file": "\(rel)", "article": "\(id)"])
                return finish(path: path, relative: rel, id: id) ?? .duplicate(of: id)
            case .new:
                break
            }
        } catch {
            return storeFailed(error, path: rel)
        }

        let article: Article
        do {
            article = try extractor.extract(Dump(name: name, path: path, bytes: bytes, modified: modified))
        } catch {
            return quarantine(path: path, relative: rel, bytes: bytes, size: bytes.count, reason: error.description)
        }
        let appended: StoryAppend
        do {
            appended = try store.append(article, file: record, received: now(), matcher: matcher, policy: policy)
        } catch {
            return storeFailed(error, path: rel)
        }
        switch appended.outcome {
        case .stored(let id, let alertIDs):
            logger.info(
                "stored article",
                metadata: [
                    "file": "\(rel)", "article": "\(id)", "title": "\(article.title ?? "")",
                    "story": "\(appended.story)", "joined": "\(appended.match?.signal.rawValue ?? "new story")",
                    "alert": "\(appended.decision?.outcome.rawValue ?? "none")",
                ])
            return finish(path: path, relative: rel, id: id) ?? .stored(articleID: id, alertIDs: alertIDs)
        case .alreadyStored(let id):
            // Another worker stored the same bytes from another name between our ledger
            // check and this append: this copy is a duplicate of that one.
            do {
                try store.recordDuplicate(file: record, of: id, at: now())
            } catch {
                return storeFailed(error, path: rel)
            }
            return finish(path: path, relative: rel, id: id) ?? .duplicate(of: id)
        }
    }

    private func storeFailed(_ error: any Error, path: String) -> SpoolOutcome {
        let retryable = (error as? StoreError)?.isRetryable ?? false
        logger.error(
            "store cannot take dump; it stays in the inbox",
            metadata: ["file": "\(path)", "error": "\(error)", "retry": "\(retryable)"])
        return .retryLater("\(error)")
    }

    /// Archives (or deletes) a dump the store holds. nil on success, else the failure.
    private func finish(path: String, relative: String, id: String) -> SpoolOutcome? {
        if keepsFiles { return nil }
        guard let archive = config.archive else {
            do {
                try FileSystem.unlink(path: path)
                return nil
            } catch {
                if error.isNotFound { return nil }
                logger.error("cannot delete processed dump", metadata: ["file": "\(path)", "error": "\(error)"])
                return .failed("\(error)")
            }
        }
        do {
            try place(path, under: archive, relative: relative, id: id)
            return nil
        } catch {
            logger.error("cannot archive dump", metadata: ["file": "\(path)", "error": "\(error)"])
            return .failed("\(error)")
        }
    }

    /// Moves `path` to the first free destination below `root`, never overwriting.
    @discardableResult
    private func place(_ path: String, under root: String, relative: String, id: String) throws(SystemError) -> String {
        var taken: SystemError?
        for candidate in SpoolDecision.destinations(relativePath: relative, id: String(id.prefix(8))) {
            let target = Path.join(root, candidate)
            try FileSystem.makeDirectories(path: Path.parent(target), mode: Spool.directoryMode)
            do {
                try FileSystem.move(from: path, to: target, replaceExisting: false)
                return target
            } catch {
                guard error.isAlreadyExists else { throw error }
                taken = error
            }
        }
        // Every candidate name was taken; destinations() is never empty, so `taken` is set.
        throw taken!
    }

    /// Sidecar first, then the file: a crash in between leaves the dump in the inbox, and
    /// the next pass writes the sidecar again.
    private func quarantine(path: String, relative: String, bytes: [UInt8]?, size: Int, reason: String) -> SpoolOutcome
    {
        let sha = bytes.map { SHA256.hex($0) } ?? ""
        let id = sha.isEmpty ? String(UInt64(truncatingIfNeeded: relative.hashValue), radix: 16) : String(sha.prefix(8))
        do {
            if keepsFiles { throw SkipMove() }
            let target = try place(path, under: config.quarantine, relative: relative, id: id)
            let sidecar = QuarantineReason(
                file: relative, error: reason, extractor: extractorVersion,
                time: ISO8601DateFormatter().string(from: now()),
                size: size, sha256: sha.isEmpty ? nil : sha)
            try FileSystem.writeAtomically(path: target + ".reason.json", bytes: sidecar.json(), mode: 0o640)
            logger.warning(
                "quarantined dump", metadata: ["file": "\(relative)", "reason": "\(reason)", "to": "\(target)"])
        } catch is SkipMove {
        } catch {
            logger.error(
                "cannot quarantine dump; it stays in the inbox",
                metadata: ["file": "\(path)", "reason": "\(reason)", "error": "\(error)"])
            return .failed("\(error)")
        }
        let record = DumpFile(name: Path.lastComponent(relative), path: relative, sha256: sha, size: size)
        do {
            try store.recordQuarantine(
                file: record, reason: reason, alert: policy.quarantined(file: relative, reason: reason), at: now())
        } catch {
            logger.error(
                "cannot record quarantine in the store", metadata: ["file": "\(relative)", "error": "\(error)"])
        }
        return .quarantined(reason: reason)
    }
}

/// Backfill leaves a failing file where it is; only the ledger records it.
private struct SkipMove: Error {}

/// The `NAME.reason.json` sidecar beside a quarantined dump.
struct QuarantineReason: Codable {
    var file: String
    var error: String
    var extractor: String
    var time: String
    var size: Int
    var sha256: String?

    func json() -> [UInt8] {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return Array((try? encoder.encode(self)) ?? Data()) + [0x0A]
    }
}
