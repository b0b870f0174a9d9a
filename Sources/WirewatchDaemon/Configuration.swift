import WirewatchStories

/// The daemon's settings: SPEC §10, with every path resolved and every value checked.
///
/// Built by `Configuration.load(...)` from a TOML file and command-line overrides; the
/// daemon never reads a setting from anywhere else, so tests inject one directly.
public struct Configuration: Sendable, Equatable {
    public struct Spool: Sendable, Equatable {
        public var inbox: String
        /// Where processed dumps go; `nil` deletes them after the store commits (`archive = ""`).
        public var archive: String?
        public var quarantine: String
        public var recursive: Bool
        /// Extra glob patterns (`*.crdownload`) matched against file names, on top of the fixed
        /// in-progress rules (leading `.`, `.part`, `.tmp`, `~`).
        public var ignore: [String]
        public var maxFileSize: Int
        public var rescanInterval: Duration
    }

    public struct Store: Sendable, Equatable {
        public var path: String
    }

    public struct Pipeline: Sendable, Equatable {
        public var workers: Int
        /// Events the in-process queue holds before the watcher stops reading inotify.
        public var queueCapacity: Int
    }

    public struct Alerts: Sendable, Equatable {
        public var storyWindow: Duration
        /// Alerts less severe than this syslog level are stored but not sent.
        public var minPriority: Int
        /// Most alerts sent per minute; the rest stay stored and are counted.
        public var burstLimit: Int
        /// `[[alerts.rule]]` in file order; empty means the default rule (priority from Goldstein).
        public var rules: [AlertRule] = []

        /// The story matcher these settings ask for.
        public var storyMatcher: StoryMatcher {
            StoryMatcher(window: max(1, storyWindow.components.seconds))
        }

        /// The alert policy these settings ask for.
        public var alertPolicy: AlertPolicy {
            AlertPolicy(rules: rules, minPriority: minPriority)
        }
    }

    public var spool: Spool
    public var store: Store
    public var pipeline: Pipeline
    public var alerts: Alerts
    /// The file this came from, if any (reload reads it again).
    public var source: String?

    /// Defaults for a state directory: inbox, archive and quarantine beside the store.
    public static func defaults(state: String, inbox: String? = nil) -> Configuration {
        Configuration(
            spool: Spool(
                inbox: inbox ?? Path.join(state, "inbox"), archive: Path.join(state, "archive"),
                quarantine: Path.join(state, "quarantine"), recursive: true, ignore: [],
                maxFileSize: 32 << 20, rescanInterval: .seconds(300)),
            store: Store(path: Path.join(state, "wirewatch.sqlite")),
            pipeline: Pipeline(workers: 2, queueCapacity: 4096),
            alerts: Alerts(storyWindow: .seconds(72 * 3600), minPriority: 7, burstLimit: 30),
            source: nil)
    }
}

/// A setting that is missing, misspelt or out of range, named by its dotted key.
public struct ConfigurationError: Error, Equatable, CustomStringConvertible {
    public var file: String?
    public var key: String
    public var problem: String

    public init(file: String?, key: String, problem: String) {
        self.file = file
        self.key = key
        self.problem = problem
    }

    public var description: String {
        let place = file.map { "\($0): " } ?? ""
        return key.isEmpty ? "\(place)\(problem)" : "\(place)\(key): \(problem)"
    }
}

/// Small path helpers; paths stay strings because every syscall wrapper takes one.
enum Path {
    static func join(_ base: String, _ rest: String) -> String {
        if rest.hasPrefix("/") || base.isEmpty { return rest }
        return base.hasSuffix("/") ? base + rest : base + "/" + rest
    }

    /// Makes `path` absolute against `base` (itself absolute or relative to the cwd).
    static func resolve(_ path: String, against base: String) -> String {
        path.hasPrefix("/") ? path : join(base, path)
    }

    static func lastComponent(_ path: String) -> String {
        path.split(separator: "/", omittingEmptySubsequences: true).last.map(String.init) ?? path
    }

    static func parent(_ path: String) -> String {
        guard let slash = path.lastIndex(of: "/") else { return "." }
        return slash == path.startIndex ? "/" : String(path[..<slash])
    }
}
