import Foundation
import Logging
import ServiceLifecycle
import WirewatchExtract
import WirewatchStore
import WirewatchStories
import WirewatchSystem

/// Assembles the daemon: store, watcher, pipeline and their services in one ServiceGroup.
public enum Daemon {
    /// Everything the daemon takes from outside, injected for tests.
    public struct Environment: Sendable {
        public var notifySink: any NotifySink
        public var alertSink: any AlertSink
        /// Re-reads the configuration on SIGHUP.
        public var reload: (@Sendable () throws -> Configuration)?
        public var watchdogInterval: Duration?
        public var logger: Logger

        public init(
            notifySink: any NotifySink, alertSink: any AlertSink, reload: (@Sendable () throws -> Configuration)?,
            watchdogInterval: Duration?, logger: Logger
        ) {
            self.notifySink = notifySink
            self.alertSink = alertSink
            self.reload = reload
            self.watchdogInterval = watchdogInterval
            self.logger = logger
        }

        /// The real thing: systemd's notify socket and watchdog, the journal when reachable.
        public static func system(reload: (@Sendable () throws -> Configuration)?, logger: Logger) -> Environment {
            Environment(
                notifySink: SystemdNotifySink(), alertSink: AlertRoute.system(), reload: reload,
                watchdogInterval: SystemdNotify.watchdogInterval(), logger: logger)
        }
    }

    /// Opens the store, installs the watches and runs until SIGTERM/SIGINT (exit 0) or a
    /// service fails (throws).
    public static func run(configuration config: Configuration, environment env: Environment) async throws {
        let logger = env.logger
        let group = try start(configuration: config, environment: env)
        try await group.run()
        logger.info("wirewatch stopped")
    }

    /// Everything up to readiness: returns the group ready to run. Throws with the path and
    /// reason when the store cannot be opened or the inbox cannot be watched.
    public static func start(configuration config: Configuration, environment env: Environment) throws -> ServiceGroup {
        let logger = env.logger
        ProcessStreams.ignoreBrokenPipe()
        report(config: config, logger: logger)
        for dir in [config.spool.inbox, config.spool.quarantine, Path.parent(config.store.path)]
            + (config.spool.archive.map { [$0] } ?? [])
        {
            try FileSystem.makeDirectories(path: dir, mode: Spool.directoryMode)
        }
        let store = try Store(path: config.store.path)
        logger.info(
            "store open", metadata: ["path": "\(config.store.path)", "articles": "\((try? store.articleCount()) ?? 0)"])

        // Watch first, then scan (SPEC §3): the startup scan is queued after the watches exist.
        let watcher = try Watcher(root: config.spool.inbox, recursive: config.spool.recursive, logger: logger)
        let queue = EventQueue(capacity: config.pipeline.queueCapacity, rescanRoot: config.spool.inbox)
        queue.post(.scan(directory: config.spool.inbox, reason: .startup))

        var rescanInterval = config.spool.rescanInterval
        var note = ""
        if let fs = try? FileSystem.filesystemType(path: config.spool.inbox), !fs.deliversInotifyEvents {
            rescanInterval = min(rescanInterval, .seconds(2))
            note = "polling every 2 s: \(fs.name) delivers no inotify events"
            logger.warning(
                "the inbox is on a filesystem without inotify events; falling back to polling",
                metadata: ["inbox": "\(config.spool.inbox)", "filesystem": "\(fs.name)"])
        }

        let spool = Spool(
            config: config.spool, store: store, policy: config.alerts.alertPolicy,
            matcher: config.alerts.storyMatcher, logger: logger)
        let dispatcher = AlertDispatcher(
            store: store, sink: env.alertSink, minPriority: config.alerts.minPriority,
            burstLimit: config.alerts.burstLimit, logger: logger)
        let deps = Pipeline.Dependencies(
            queue: queue, processor: spool, scan: { watcher.scan(directory: $0) },
            notifier: Notifier(sink: env.notifySink), dispatcher: dispatcher, reload: env.reload,
            apply: { newConfig in
                var updated = spool
                updated.config.ignore = newConfig.spool.ignore
                updated.config.maxFileSize = newConfig.spool.maxFileSize
                updated.config.archive = newConfig.spool.archive
                updated.config.quarantine = newConfig.spool.quarantine
                updated.policy = newConfig.alerts.alertPolicy
                updated.matcher = newConfig.alerts.storyMatcher
                return updated
            },
            time: .system, monotonicMicroseconds: { SystemdNotify.monotonicMicroseconds() }, logger: logger)
        let pipeline = Pipeline(
            dependencies: deps, inbox: config.spool.inbox, rescanInterval: rescanInterval,
            watchdogInterval: env.watchdogInterval, workers: config.pipeline.workers, startupNote: note)

        let tick = heartbeatInterval(watchdog: env.watchdogInterval)
        // Graceful shutdown runs in reverse order: the pipeline first (STOPPING=1, finish
        // the dump in flight), then the signal handler, the heartbeat and the watcher.
        let services: [ServiceGroupConfiguration.ServiceConfiguration] = [
            .init(service: WatcherService(watcher: watcher, queue: queue)),
            .init(service: Heartbeat(queue: queue, interval: tick)),
            .init(service: ReloadSignal(queue: queue)),
            .init(service: pipeline, successTerminationBehavior: .gracefullyShutdownGroup),
        ]
        var groupConfig = ServiceGroupConfiguration(services: services, logger: logger)
        groupConfig.gracefulShutdownSignals = [.sigterm, .sigint]
        return ServiceGroup(configuration: groupConfig)
    }

    /// Ticks often enough for the watchdog (a quarter of its interval) and at most every second.
    static func heartbeatInterval(watchdog: Duration?) -> Duration {
        guard let watchdog else { return .seconds(1) }
        return min(.seconds(1), watchdog / 4)
    }

    /// Logs the kernel's inotify limits once, since a low `max_user_watches` silently
    /// leaves deep inboxes unwatched.
    static func report(config: Configuration, logger: Logger) {
        let limits = KernelLimits.inotify()
        logger.info(
            "starting wirewatch",
            metadata: [
                "inbox": "\(config.spool.inbox)", "store": "\(config.store.path)",
                "archive": "\(config.spool.archive ?? "(delete)")", "quarantine": "\(config.spool.quarantine)",
                "max_user_watches": "\(limits.maxUserWatches.map(String.init) ?? "unknown")",
                "max_queued_events": "\(limits.maxQueuedEvents.map(String.init) ?? "unknown")",
            ])
    }
}

/// Unbuffered, line-at-a-time writes to stderr, safe from any thread. A broken stderr
/// (journald stopped) drops the text instead of ending the process.
public enum StandardError {
    public static func write(_ text: String) {
        ProcessStreams.writeToStandardError(text)
    }
}
