import Logging
import Synchronization
import WirewatchSystem

/// Owns the inotify instance and the table of watched directories, and turns kernel
/// events into pipeline events.
///
/// Order matters (SPEC §3): a directory is watched first and listed second, so a file
/// that lands in between is seen by one or the other, never by neither.
public final class Watcher: Sendable {
    private let inotify: Inotify
    private let root: String
    private let recursive: Bool
    private let logger: Logger
    /// wd → directory path, and the reverse.
    private let table = Mutex(WatchTable())

    struct WatchTable {
        var paths: [Int32: String] = [:]
        var wds: [String: Int32] = [:]
    }

    static let directoryMask: InotifyMask = [
        .closeWrite, .movedTo, .create, .deleteSelf, .moveSelf, .onlyDirectory, .dontFollow, .excludeUnlink,
    ]

    /// Creates the inotify instance and watches `root` (and, when `recursive`, every
    /// directory below it). Throws when the inbox itself cannot be watched.
    public init(root: String, recursive: Bool, logger: Logger) throws(SystemError) {
        self.inotify = try Inotify()
        self.root = root
        self.recursive = recursive
        self.logger = logger
        try watch(directory: root)
        if recursive { watchTree(below: root) }
    }

    public var watchCount: Int { table.withLock { $0.paths.count } }

    /// Adds a watch on `directory` if it has none.
    func watch(directory: String) throws(SystemError) {
        if table.withLock({ $0.wds[directory] != nil }) { return }
        let wd = try inotify.addWatch(path: directory, mask: Self.directoryMask)
        table.withLock { t in
            // A directory renamed away and back can come back under the same wd.
            if let old = t.paths[wd] { t.wds[old] = nil }
            t.paths[wd] = directory
            t.wds[directory] = wd
        }
    }

    /// Watches every directory below `directory` that is not watched yet; a directory
    /// that cannot be watched or listed is logged and skipped so one bad folder never
    /// stops the rest.
    func watchTree(below directory: String) {
        _ = walk(directory)
    }

    /// Regular-looking files below `directory` (recursively when configured), sorted, for
    /// a reconciling scan. Directories met on the way are watched before being listed.
    public func scan(directory: String) -> [String] {
        walk(directory)
    }

    /// Lists `directory` (and, when recursive, the directories below it, each watched
    /// before it is listed); returns the non-directory entries, sorted per directory.
    private func walk(_ directory: String) -> [String] {
        var files: [String] = []
        var stack = [directory]
        while let dir = stack.popLast() {
            let entries: [DirectoryEntry]
            do {
                entries = try FileSystem.listDirectory(path: dir)
            } catch {
                logger.warning("cannot list directory", metadata: ["directory": "\(dir)", "error": "\(error)"])
                continue
            }
            for entry in entries {
                let path = Path.join(dir, entry.name)
                guard entry.kind == .directory else {
                    files.append(path)
                    continue
                }
                guard recursive, !entry.name.hasPrefix(".") else { continue }
                do {
                    try watch(directory: path)
                } catch {
                    logger.warning("cannot watch directory", metadata: ["directory": "\(path)", "error": "\(error)"])
                }
                stack.append(path)
            }
        }
        return files
    }

    /// Turns one kernel event into what the pipeline must do, updating the watch table.
    func translate(_ event: InotifyEvent) -> [PipelineEvent] {
        if event.mask.contains(.queueOverflow) {
            logger.warning("inotify queue overflowed; rescanning the inbox")
            return [.scan(directory: root, reason: .overflow)]
        }
        if event.mask.contains(.ignored) {
            table.withLock { t in
                if let path = t.paths.removeValue(forKey: event.wd) { t.wds[path] = nil }
            }
            return []
        }
        guard let dir = table.withLock({ $0.paths[event.wd] }) else { return [] }
        if event.mask.contains(.deleteSelf) || event.mask.contains(.moveSelf) {
            if dir == root { logger.error("the inbox was removed or moved away", metadata: ["inbox": "\(root)"]) }
            return []
        }
        guard !event.name.isEmpty else { return [] }
        let path = Path.join(dir, event.name)
        if event.mask.contains(.isDirectory) {
            guard recursive, event.mask.contains(.create) || event.mask.contains(.movedTo),
                !event.name.hasPrefix(".")
            else { return [] }
            // Watch before listing; the scan then watches anything nested below it.
            do {
                try watch(directory: path)
            } catch {
                logger.warning("cannot watch new directory", metadata: ["directory": "\(path)", "error": "\(error)"])
            }
            return [.scan(directory: path, reason: .newDirectory)]
        }
        if event.mask.contains(.closeWrite) || event.mask.contains(.movedTo) { return [.file(path)] }
        return []
    }

    /// Reads inotify until `shouldStop` says so, feeding `queue`. Blocks the calling thread:
    /// run it on a thread of its own. When the queue refuses an event, it stops reading
    /// (the kernel queue then fills and overflows, which triggers a rescan) until the
    /// pipeline has drained the queue to half.
    func readLoop(into queue: EventQueue, shouldStop: @Sendable () -> Bool, waitForSpace: @Sendable () -> Void) {
        while !shouldStop() {
            do {
                guard try inotify.waitReadable(timeoutMilliseconds: 200) else { continue }
                let events = try inotify.readEvents()
                for event in events {
                    for pipelineEvent in translate(event) {
                        switch pipelineEvent {
                        case .file:
                            if !queue.offer(pipelineEvent) {
                                // Refused and remembered: the queue schedules a scan once it drains.
                                waitForSpace()
                            }
                        default:
                            queue.post(pipelineEvent)
                        }
                    }
                }
            } catch {
                logger.error("reading inotify failed", metadata: ["error": "\(error)"])
                queue.post(.scan(directory: root, reason: .overflow))
                if shouldStop() { break }
                _ = try? inotify.waitReadable(timeoutMilliseconds: 1000)
            }
        }
    }

    public func close() {
        inotify.close()
    }
}
