import Logging

/// A swift-log handler that writes one line per record to stderr, prefixed with the
/// `<N>` syslog level that journald reads from a service's stderr (sd-daemon(3)), so
/// `journalctl -p` filters wirewatch's own logs as well as its alerts.
public struct StderrLogHandler: LogHandler {
    public var logLevel: Logger.Level
    public var metadata: Logger.Metadata = [:]
    private let label: String
    private let write: @Sendable (String) -> Void

    /// - Parameter write: where finished lines go (stderr in the daemon; a buffer in tests).
    public init(label: String, level: Logger.Level = .info, write: @escaping @Sendable (String) -> Void) {
        self.label = label
        self.logLevel = level
        self.write = write
    }

    public subscript(metadataKey key: String) -> Logger.Metadata.Value? {
        get { metadata[key] }
        set { metadata[key] = newValue }
    }

    public func log(event: LogEvent) {
        var merged = metadata
        if let extra = event.metadata { merged.merge(extra) { _, new in new } }
        var line = "<\(Self.syslogLevel(event.level))>\(event.message)"
        if !merged.isEmpty {
            let pairs = merged.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            line += " " + pairs.joined(separator: " ")
        }
        write(Self.oneLine(line) + "\n")
    }

    /// `text` with every control character (C0, DEL, C1) replaced by a space.
    ///
    /// A newline inside a message would start a new journal entry at the default level;
    /// a carriage return or an escape sequence taken from a file name would rewrite what a
    /// terminal running `journalctl` shows.
    static func oneLine(_ text: String) -> String {
        guard text.unicodeScalars.contains(where: isControl) else { return text }
        var scalars = String.UnicodeScalarView()
        for scalar in text.unicodeScalars { scalars.append(isControl(scalar) ? " " : scalar) }
        return String(scalars)
    }

    private static func isControl(_ scalar: Unicode.Scalar) -> Bool {
        scalar.value < 0x20 || (0x7F...0x9F).contains(scalar.value)
    }

    /// swift-log level → syslog priority.
    public static func syslogLevel(_ level: Logger.Level) -> Int {
        switch level {
        case .trace, .debug: 7
        case .info: 6
        case .notice: 5
        case .warning: 4
        case .error: 3
        case .critical: 2
        }
    }
}
