import Logging
import ServiceLifecycle

/// The daemon's main loop: takes events from the queue one at a time, processes dumps,
/// delivers alerts, keeps `STATUS=` current and pings the watchdog.
///
/// The watchdog is pinged here and nowhere else: if processing a dump hangs, the loop
/// stops turning, the pings stop, and systemd restarts the service (SPEC §8).
public struct Pipeline: Service {
    /// What the loop needs from the rest of the daemon, injected so tests drive it with fakes.
    public struct Dependencies: Sendable {
        public var queue: EventQueue
        public var processor: any DumpProcessing
        /// Lists files for a reconciling scan (the watcher's `scan(directory:)`).
        public var scan: @Sendable (String) -> [String]
        public var notifier: Notifier
        public var dispatcher: AlertDispatcher?
        /// Re-reads the configuration for SIGHUP; returns the new settings or throws.
        public var reload: (@Sendable () throws -> Configuration)?
        /// Applies a reloaded configuration to the processor; returns the new processor.
        public var apply: (@Sendable (Configuration) -> any DumpProcessing)?
        public var time: MonotonicTime
        public var monotonicMicroseconds: @Sendable () -> UInt64
        public var logger: Logger

        public init(
            queue: EventQueue, processor: any DumpProcessing, scan: @escaping @Sendable (String) -> [String],
            notifier: Notifier, dispatcher: AlertDispatcher?, reload: (@Sendable () throws -> Configuration)?,
            apply: (@Sendable (Configuration) -> any DumpProcessing)?, time: MonotonicTime,
            monotonicMicroseconds: @escaping @Sendable () -> UInt64, logger: Logger
        ) {
            self.queue = queue
            self.processor = processor
            self.scan = scan
            self.notifier = notifier
            self.dispatcher = dispatcher
            self.reload = reload
            self.apply = apply
            self.time = time
            self.monotonicMicroseconds = monotonicMicroseconds
            self.logger = logger
        }
    }

    let deps: Dependencies
    let inbox: String
    var rescanInterval: Duration
    let watchdogInterval: Duration?
    /// Dumps processed at once (`[pipeline] workers`).
    let workers: Int
    /// Extra words for the ready status (kernel limits, polling fallback).
    let startupNote: String

    public init(
        dependencies: Dependencies, inbox: String, rescanInterval: Duration, watchdogInterval: Duration?,
        workers: Int = 1, startupNote: String = ""
    ) {
        self.workers = workers
        self.deps = dependencies
        self.inbox = inbox
        self.rescanInterval = rescanInterval
        self.watchdogInterval = watchdogInterval
        self.startupNote = startupNote
    }

    /// Counters shown in `STATUS=`.
    struct Counters {
        var stored = 0
        var duplicates = 0
        var quarantined = 0
        var lastAlert: String?
        var storeProblem: String?
    }

    public func run() async throws {
        var loop = Loop(pipeline: self)
        // The store is open and migrated and the watches are in place before this service
        // exists (see Daemon.start); readiness is therefore the first thing the loop says.
        deps.notifier.ready(status: loop.statusLine())
        loop.lastStatus = loop.statusLine()
        await withGracefulShutdownHandler {
            await loop.run()
        } onGracefulShutdown: { [deps] in
            deps.notifier.stopping()
            deps.queue.finish()
        }
        // Folded alerts get their summary now rather than wait in the outbox for the next start.
        _ = loop.dispatcher?.finish(now: deps.time.now())
        deps.logger.info("pipeline stopped", metadata: ["stored": "\(loop.counters.stored)"])
    }

    /// The loop's mutable state, owned by the one task that runs it.
    struct Loop {
        let pipeline: Pipeline
        var deps: Dependencies { pipeline.deps }
        var processor: any DumpProcessing
        var dispatcher: AlertDispatcher?
        var watchdog: Watchdog
        var rescanInterval: Duration
        var lastScan: Duration
        var retryAt: Duration?
        /// When files a scan found still changing are looked at again.
        var settleScanAt: Duration?
        var retryDelay: Duration = .seconds(2)
        var counters = Counters()
        var lastStatus = ""
        var workers: Int

        init(pipeline: Pipeline) {
            self.pipeline = pipeline
            self.processor = pipeline.deps.processor
            self.dispatcher = pipeline.deps.dispatcher
            self.watchdog = Watchdog(interval: pipeline.watchdogInterval)
            self.rescanInterval = pipeline.rescanInterval
            self.lastScan = pipeline.deps.time.now()
            self.workers = pipeline.workers
        }

        mutating func run() async {
            while let event = await deps.queue.next() {
                switch event {
                case .file(let path):
                    let burst = [path] + deps.queue.takeFiles(limit: max(0, workers * 8 - 1))
                    await handle(paths: burst, fromScan: false)
                case .scan(let directory, let reason):
                    await scan(directory, reason: reason)
                case .tick:
                    await tick()
                case .reload:
                    reload()
                }
                turned()
            }
        }

        /// Everything the loop does after each event: ping, alerts, status.
        mutating func turned() {
            let now = deps.time.now()
            if watchdog.loopTurned(at: now) { deps.notifier.watchdog() }
            if var d = dispatcher {
                let sent = d.flush(now: now)
                dispatcher = d
                if let last = sent.last { counters.lastAlert = last.title ?? last.message }
            }
            let status = statusLine()
            if status != lastStatus {
                deps.notifier.status(status)
                lastStatus = status
            }
        }

        /// Processes `paths` with up to `workers` at a time (extraction in parallel; the
        /// store serialises its own writes), then counts the outcomes in order.
        mutating func handle(paths: [String], fromScan: Bool) async {
            let processor = self.processor
            let width = max(1, workers)
            let outcomes = await withTaskGroup(of: (Int, SpoolOutcome).self) { group in
                var results = [SpoolOutcome](repeating: .vanished, count: paths.count)
                var next = 0
                func start(_ index: Int) {
                    group.addTask { (index, await processor.process(path: paths[index], fromScan: fromScan)) }
                }
                while next < min(width, paths.count) {
                    start(next)
                    next += 1
                }
                for await (index, outcome) in group {
                    results[index] = outcome
                    if next < paths.count {
                        start(next)
                        next += 1
                    }
                }
                return results
            }
            for outcome in outcomes { count(outcome) }
        }

        mutating func count(_ outcome: SpoolOutcome) {
            switch outcome {
            case .stored: counters.stored += 1
            case .duplicate: counters.duplicates += 1
            case .quarantined: counters.quarantined += 1
            case .deferred:
                let at = deps.time.now() + Spool.settleTime
                settleScanAt = min(settleScanAt ?? at, at)
            case .retryLater(let why):
                counters.storeProblem = why
                if retryAt == nil {
                    retryAt = deps.time.now() + retryDelay
                    retryDelay = min(retryDelay * 2, .seconds(300))
                }
            default: break
            }
            if !outcome.isRetry, case .stored = outcome, counters.storeProblem != nil {
                counters.storeProblem = nil
                retryDelay = .seconds(2)
            }
        }

        mutating func scan(_ directory: String, reason: ScanReason) async {
            let files = deps.scan(directory)
            deps.logger.info(
                "scanning",
                metadata: ["directory": "\(directory)", "reason": "\(reason.rawValue)", "files": "\(files.count)"])
            if directory == pipeline.inbox { lastScan = deps.time.now() }
            var start = 0
            while start < files.count {
                // A stop request ends the scan between batches; the rest stay in the inbox.
                if Task.isShuttingDownGracefully || Task.isCancelled { return }
                let end = min(files.count, start + max(1, workers) * 8)
                await handle(paths: Array(files[start..<end]), fromScan: true)
                turned()
                start = end
            }
        }

        mutating func tick() async {
            let now = deps.time.now()
            if let at = retryAt, now >= at {
                retryAt = nil
                await scan(pipeline.inbox, reason: .retry)
            } else if let at = settleScanAt, now >= at {
                settleScanAt = nil
                await scan(pipeline.inbox, reason: .settle)
            } else if now - lastScan >= rescanInterval {
                await scan(pipeline.inbox, reason: .timer)
            }
        }

        mutating func reload() {
            deps.notifier.reloading(monotonicMicroseconds: deps.monotonicMicroseconds())
            guard let load = deps.reload else {
                deps.notifier.reloaded(status: statusLine())
                return
            }
            do {
                let config = try load()
                if let apply = deps.apply { processor = apply(config) }
                rescanInterval = config.spool.rescanInterval
                workers = config.pipeline.workers
                dispatcher?.minPriority = config.alerts.minPriority
                dispatcher?.burstLimit = config.alerts.burstLimit
                if config.spool.inbox != pipeline.inbox {
                    deps.logger.warning(
                        "spool.inbox changed; the new inbox is watched after a restart",
                        metadata: ["inbox": "\(config.spool.inbox)"])
                }
                deps.logger.notice("reloaded configuration", metadata: ["file": "\(config.source ?? "(none)")"])
            } catch {
                deps.logger.error("reload failed; keeping the previous configuration", metadata: ["error": "\(error)"])
            }
            deps.notifier.reloaded(status: statusLine())
            deps.queue.post(.scan(directory: pipeline.inbox, reason: .reload))
        }

        func statusLine() -> String {
            var parts = ["Watching \(pipeline.inbox)"]
            parts.append("\(counters.stored) stored")
            if counters.duplicates > 0 { parts.append("\(counters.duplicates) duplicates") }
            if counters.quarantined > 0 { parts.append("\(counters.quarantined) quarantined") }
            let backlog = deps.queue.count
            if backlog > 0 { parts.append("backlog \(backlog)") }
            if let problem = counters.storeProblem {
                parts.append("STORE UNAVAILABLE, dumps wait in the inbox: \(problem)")
            }
            if dispatcher?.problem != nil { parts.append("JOURNAL UNREACHABLE, alerts wait in the store") }
            if let last = counters.lastAlert { parts.append("last alert: \(last)") }
            if !pipeline.startupNote.isEmpty { parts.append(pipeline.startupNote) }
            return parts.joined(separator: "; ")
        }
    }
}
