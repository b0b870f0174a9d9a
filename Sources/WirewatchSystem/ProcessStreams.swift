import Glibc

/// The process's own stderr, written so that losing its reader never takes the daemon down.
///
/// A service's stderr is a stream to journald. When journald stops, that stream breaks:
/// a write then raises SIGPIPE, whose default action ends the process, and systemd counts
/// a SIGPIPE exit as clean, so `Restart=on-failure` would not even bring the daemon back.
public enum ProcessStreams {
    /// Ignores SIGPIPE for the whole process, so a broken stderr (or any pipe) shows as an
    /// `EPIPE` error from the write instead of ending the process. Call once at start.
    public static func ignoreBrokenPipe() {
        signal(SIGPIPE, SIG_IGN)
    }

    /// Writes `text` to stderr with write(2), retrying short writes and `EINTR`. Returns
    /// false when the stream is gone: the text is dropped, the caller goes on. Never throws
    /// or traps.
    ///
    /// Under systemd a broken stderr means journald went away: the write reconnects stderr to
    /// journald's stream socket (`sd_journal_stream_fd`, `<N>` prefixes honoured) and tries
    /// again, so the daemon's log comes back with journald instead of staying lost until a
    /// restart. While journald is still away the reconnect fails and the text is dropped.
    @discardableResult
    public static func writeToStandardError(_ text: String) -> Bool {
        let bytes = Array(text.utf8)
        let failure = writeAll(bytes)
        guard let failure else { return true }
        guard failure == EPIPE || failure == ECONNRESET, Journal.isServiceManaged, reconnectStandardError() else {
            return false
        }
        return writeAll(bytes) == nil
    }

    /// nil when every byte was written, else the errno that stopped it (EIO for a zero write).
    private static func writeAll(_ bytes: [UInt8]) -> Int32? {
        var offset = 0
        while offset < bytes.count {
            do {
                let written = try retryingOnInterrupt("write", path: "stderr") {
                    bytes.withUnsafeBytes { Glibc.write(STDERR_FILENO, $0.baseAddress! + offset, $0.count - offset) }
                }
                if written == 0 { return EIO }
                offset += written
            } catch {
                return error.errno
            }
        }
        return nil
    }

    /// Points stderr at a new stream to journald. False while journald does not answer.
    private static func reconnectStandardError() -> Bool {
        guard let library = try? LibSystemd.shared.get() else { return false }
        let fd = library.journalStreamFD("wirewatch", LOG_INFO, 1)
        guard fd >= 0 else { return false }
        defer { closeDescriptor(fd) }
        return dup2(fd, STDERR_FILENO) >= 0
    }
}
