import Glibc

/// A failed system or libsystemd call: which call, the `errno` it left, and the path(s) it was about.
///
/// The description reads like a shell diagnostic so it can go straight into a log line or a quarantine reason:
/// `open("/x/y"): Too many levels of symbolic links (errno 40)`.
public struct SystemError: Error, CustomStringConvertible, Sendable, Hashable {
    /// The name of the call that failed, e.g. `"open"`, `"inotify_add_watch"`, `"sd_journal_sendv"`.
    public var syscall: String
    /// The error number (`errno`, or `-ret` for libsystemd calls that return negative error codes).
    public var errno: Int32
    /// The path the call was about, when there was one.
    public var path: String?
    /// The second path of two-path calls (`rename`, `link`), when there was one.
    public var destination: String?

    /// Creates an error for `syscall` with the given `errno`.
    public init(syscall: String, errno: Int32, path: String? = nil, destination: String? = nil) {
        self.syscall = syscall
        self.errno = errno
        self.path = path
        self.destination = destination
    }

    /// The C library's message for `errno` (`strerror`), e.g. "No such file or directory".
    public var message: String {
        // glibc's strerror returns static strings for known codes and a thread-local buffer otherwise,
        // so it is safe to call from any thread (glibc >= 2.32).
        guard let text = strerror(errno) else { return "Unknown error \(errno)" }
        return String(cString: text)
    }

    public var description: String {
        var arguments: [String] = []
        if let path { arguments.append(quoted(path)) }
        if let destination { arguments.append(quoted(destination)) }
        return "\(syscall)(\(arguments.joined(separator: ", "))): \(message) (errno \(errno))"
    }

    /// `ENOENT`: the path (or a directory on the way to it) does not exist.
    public var isNotFound: Bool { errno == ENOENT }
    /// `EEXIST` (or `ENOTEMPTY` for directories): the destination is taken.
    public var isAlreadyExists: Bool { errno == EEXIST || errno == ENOTEMPTY }
    /// `ELOOP`: the path is a symbolic link and the call was told not to follow it.
    public var isSymbolicLink: Bool { errno == ELOOP }
    /// `ENOSPC`, `EDQUOT` or `EROFS`: the filesystem cannot take writes right now; retrying later may work.
    public var isStorageUnavailable: Bool { errno == ENOSPC || errno == EDQUOT || errno == EROFS }

    private func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    // A file name can hold control bytes; escaping keeps a log line a single line.
                    result += "\\x" + String(scalar.value, radix: 16, uppercase: false).leftPadded(to: 2)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}

extension String {
    fileprivate func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

// MARK: - Calling conventions shared by the wrappers

/// Runs `body` until it does not fail with `EINTR`; returns its result, or throws with the `errno` it left.
///
/// `body` follows the C convention of returning -1 and setting `errno` on failure.
@inline(__always)
func retryingOnInterrupt<Result: FixedWidthInteger>(
    _ syscall: String, path: String? = nil, destination: String? = nil, _ body: () -> Result
) throws(SystemError) -> Result {
    while true {
        let result = body()
        if result != -1 { return result }
        let code = Glibc.errno
        if code == EINTR { continue }
        throw SystemError(syscall: syscall, errno: code, path: path, destination: destination)
    }
}

/// Closes `fd` once, never retrying: on Linux the descriptor is released even when close reports EINTR, and
/// retrying could close a descriptor another thread has just been given.
func closeDescriptor(_ fd: Int32) {
    _ = Glibc.close(fd)
}
