import Glibc

/// Structured entries in the systemd journal through libsystemd's native protocol.
public enum Journal {
    /// The socket journald listens on for native-protocol entries.
    public static let socketPath = "/run/systemd/journal/socket"

    /// sd_journal_sendv with one iovec per "KEY=value" field; throws SystemError(syscall: "sd_journal_sendv").
    ///
    /// Keys must be journal field names: `A`–`Z`, `0`–`9` and `_`, not starting with a digit or `_`, at most
    /// 64 bytes; a bad key throws `EINVAL` before anything is sent, since journald would silently drop it.
    /// `MESSAGE` should be present. Values go through the binary-safe encoding, so newlines cannot start a new
    /// field (the caller sanitises them anyway, for readers).
    ///
    /// Returning normally means journald's socket took the entry. libsystemd reports success when the socket
    /// does not exist (it treats that as "no journal here"), so a missing socket throws `ENOENT` here first:
    /// a caller that keeps undelivered entries can then retry instead of losing them. A socket left behind
    /// by a stopped journald gives `ECONNREFUSED`.
    public static func send(_ fields: [(key: String, value: String)]) throws(SystemError) {
        guard !fields.isEmpty else { throw SystemError(syscall: "sd_journal_sendv", errno: EINVAL) }
        // All fields go into one buffer, so one allocation keeps every iovec's memory alive for the call.
        var storage: [UInt8] = []
        var ranges: [Range<Int>] = []
        storage.reserveCapacity(fields.reduce(0) { $0 + $1.key.utf8.count + $1.value.utf8.count + 1 })
        for field in fields {
            guard isValidFieldName(field.key) else {
                throw SystemError(syscall: "sd_journal_sendv", errno: EINVAL, path: field.key)
            }
            let start = storage.count
            storage.append(contentsOf: field.key.utf8)
            storage.append(UInt8(ascii: "="))
            storage.append(contentsOf: field.value.utf8)
            ranges.append(start..<storage.count)
        }
        guard socketExists else { throw SystemError(syscall: "sd_journal_sendv", errno: ENOENT, path: socketPath) }
        let library = try LibSystemd.shared.get()
        let result = storage.withUnsafeMutableBytes { bytes in
            let vectors = ranges.map { range in
                iovec(iov_base: bytes.baseAddress! + range.lowerBound, iov_len: range.count)
            }
            return vectors.withUnsafeBufferPointer { library.journalSendv($0.baseAddress, Int32($0.count)) }
        }
        if result < 0 { throw SystemError(syscall: "sd_journal_sendv", errno: -result) }
    }

    /// True when journald's socket (/run/systemd/journal/socket) exists AND either we run under systemd (see
    /// ``isServiceManaged``) or stderr is not a terminal.
    ///
    /// On a terminal outside systemd the user is watching stderr, so that is where alerts belong.
    public static var isReachable: Bool {
        socketExists && (isServiceManaged || !FileSystem.isTerminal(fd: STDERR_FILENO))
    }

    /// Whether journald's native socket is there now (it goes away, or stops answering, while journald is
    /// stopped).
    public static var socketExists: Bool {
        guard let status = try? FileSystem.status(path: socketPath) else { return false }
        return status.kind == .socket
    }

    /// True when systemd started this process as (part of) a unit: it sets `$INVOCATION_ID` for every unit
    /// and `$JOURNAL_STREAM` when stdout or stderr goes to the journal. Such a process has a journal even
    /// while journald is briefly away, so it should wait for it rather than write alerts elsewhere.
    public static var isServiceManaged: Bool {
        getenv("INVOCATION_ID") != nil || getenv("JOURNAL_STREAM") != nil
    }

    /// Whether journald accepts `key` as a field name set by a client.
    public static func isValidFieldName(_ key: String) -> Bool {
        let bytes = Array(key.utf8)
        guard let first = bytes.first, bytes.count <= 64 else { return false }
        if first == UInt8(ascii: "_") || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(first) { return false }
        return bytes.allSatisfy { byte in
            (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(byte)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                || byte == UInt8(ascii: "_")
        }
    }
}
