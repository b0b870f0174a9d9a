import Foundation
import Glibc

/// The `IN_*` bits of an inotify watch mask or event mask.
public struct InotifyMask: OptionSet, Sendable, Hashable, CustomStringConvertible {
    public var rawValue: UInt32
    public init(rawValue: UInt32) { self.rawValue = rawValue }

    // Events a watch can ask for (and the kernel reports).
    /// `IN_ACCESS`: a file was read.
    public static let access = InotifyMask(rawValue: UInt32(IN_ACCESS))
    /// `IN_MODIFY`: a file was written.
    public static let modify = InotifyMask(rawValue: UInt32(IN_MODIFY))
    /// `IN_ATTRIB`: metadata changed.
    public static let attrib = InotifyMask(rawValue: UInt32(IN_ATTRIB))
    /// `IN_CLOSE_WRITE`: a file opened for writing was closed — a dump is complete.
    public static let closeWrite = InotifyMask(rawValue: UInt32(IN_CLOSE_WRITE))
    /// `IN_CLOSE_NOWRITE`: a file opened read-only was closed.
    public static let closeNoWrite = InotifyMask(rawValue: UInt32(IN_CLOSE_NOWRITE))
    /// `IN_OPEN`: a file was opened.
    public static let open = InotifyMask(rawValue: UInt32(IN_OPEN))
    /// `IN_MOVED_FROM`: a name left the watched directory (pairs with `movedTo` by `cookie`).
    public static let movedFrom = InotifyMask(rawValue: UInt32(IN_MOVED_FROM))
    /// `IN_MOVED_TO`: a name arrived in the watched directory — a dump renamed into place is complete.
    public static let movedTo = InotifyMask(rawValue: UInt32(IN_MOVED_TO))
    /// `IN_CREATE`: a name was created in the watched directory.
    public static let create = InotifyMask(rawValue: UInt32(IN_CREATE))
    /// `IN_DELETE`: a name was deleted from the watched directory.
    public static let delete = InotifyMask(rawValue: UInt32(IN_DELETE))
    /// `IN_DELETE_SELF`: the watched directory itself was deleted.
    public static let deleteSelf = InotifyMask(rawValue: UInt32(IN_DELETE_SELF))
    /// `IN_MOVE_SELF`: the watched directory itself was moved.
    public static let moveSelf = InotifyMask(rawValue: UInt32(IN_MOVE_SELF))

    // Bits only the kernel sets in events.
    /// `IN_UNMOUNT`: the filesystem holding the watched object was unmounted.
    public static let unmount = InotifyMask(rawValue: UInt32(IN_UNMOUNT))
    /// `IN_Q_OVERFLOW`: the kernel queue overflowed and events were lost (`wd` is -1); rescan.
    public static let queueOverflow = InotifyMask(rawValue: UInt32(IN_Q_OVERFLOW))
    /// `IN_IGNORED`: the watch is gone (removed, or its object deleted or unmounted); `wd` may be reused.
    public static let ignored = InotifyMask(rawValue: UInt32(IN_IGNORED))
    /// `IN_ISDIR`: the subject of the event is a directory.
    public static let isDirectory = InotifyMask(rawValue: UInt32(IN_ISDIR))

    // Flags that change how `addWatch` behaves.
    /// `IN_ONLYDIR`: only watch the path if it is a directory (fails with `ENOTDIR` otherwise).
    public static let onlyDirectory = InotifyMask(rawValue: UInt32(IN_ONLYDIR))
    /// `IN_DONT_FOLLOW`: do not follow the path if it is a symbolic link.
    public static let dontFollow = InotifyMask(rawValue: UInt32(IN_DONT_FOLLOW))
    /// `IN_EXCL_UNLINK`: stop reporting events for children once they are unlinked.
    public static let excludeUnlink = InotifyMask(rawValue: UInt32(IN_EXCL_UNLINK))
    /// `IN_MASK_CREATE`: fail with `EEXIST` instead of changing an existing watch on the same object.
    public static let maskCreate = InotifyMask(rawValue: 0x1000_0000)
    /// `IN_MASK_ADD`: add to an existing watch's mask instead of replacing it.
    public static let maskAdd = InotifyMask(rawValue: UInt32(IN_MASK_ADD))
    /// `IN_ONESHOT`: remove the watch after its first event.
    public static let oneShot = InotifyMask(rawValue: UInt32(IN_ONESHOT))

    /// `IN_CLOSE`: both close events.
    public static let close: InotifyMask = [.closeWrite, .closeNoWrite]
    /// `IN_MOVE`: both halves of a rename.
    public static let move: InotifyMask = [.movedFrom, .movedTo]
    /// `IN_ALL_EVENTS`: every event a watch can ask for.
    public static let allEvents = InotifyMask(rawValue: 0x0000_0FFF)

    private static let names: [(InotifyMask, String)] = [
        (.access, "ACCESS"), (.modify, "MODIFY"), (.attrib, "ATTRIB"), (.closeWrite, "CLOSE_WRITE"),
        (.closeNoWrite, "CLOSE_NOWRITE"), (.open, "OPEN"), (.movedFrom, "MOVED_FROM"), (.movedTo, "MOVED_TO"),
        (.create, "CREATE"), (.delete, "DELETE"), (.deleteSelf, "DELETE_SELF"), (.moveSelf, "MOVE_SELF"),
        (.unmount, "UNMOUNT"), (.queueOverflow, "Q_OVERFLOW"), (.ignored, "IGNORED"), (.onlyDirectory, "ONLYDIR"),
        (.dontFollow, "DONT_FOLLOW"), (.excludeUnlink, "EXCL_UNLINK"), (.maskCreate, "MASK_CREATE"),
        (.maskAdd, "MASK_ADD"), (.isDirectory, "ISDIR"), (.oneShot, "ONESHOT"),
    ]

    /// The set bits as `IN_` names joined by `|`, e.g. `IN_CREATE|IN_ISDIR`, for logs and test failures.
    public var description: String {
        var remaining = rawValue
        var parts: [String] = []
        for (flag, name) in Self.names where contains(flag) {
            parts.append("IN_" + name)
            remaining &= ~flag.rawValue
        }
        if remaining != 0 { parts.append("0x" + String(remaining, radix: 16)) }
        return parts.isEmpty ? "0" : parts.joined(separator: "|")
    }
}

/// One `struct inotify_event` as read from an inotify descriptor.
public struct InotifyEvent: Sendable, Equatable, CustomStringConvertible {
    /// The watch descriptor the event belongs to (-1 for `queueOverflow`).
    public var wd: Int32
    /// What happened.
    public var mask: InotifyMask
    /// Links the `movedFrom` and `movedTo` halves of one rename; 0 for other events.
    public var cookie: UInt32
    /// The name of the child inside the watched directory, or "" for events about the watched object itself.
    ///
    /// Linux names are bytes: a name that is not valid UTF-8 is repaired with U+FFFD here and will not open.
    public var name: String

    public init(wd: Int32, mask: InotifyMask, cookie: UInt32 = 0, name: String = "") {
        self.wd = wd
        self.mask = mask
        self.cookie = cookie
        self.name = name
    }

    public var description: String {
        "InotifyEvent(wd: \(wd), mask: \(mask), cookie: \(cookie), name: \(name.debugDescription))"
    }
}

/// Decodes the records an inotify `read(2)` returns.
public enum InotifyEventParser {
    /// The size of the fixed part of `struct inotify_event` (wd, mask, cookie, len).
    public static let headerSize = MemoryLayout<inotify_event>.size

    /// Parses the variable-length `struct inotify_event` records in a read() buffer.
    ///
    /// Each record is the 16-byte header followed by `len` bytes of name, NUL-terminated and NUL-padded (`len`
    /// includes the padding; it is 0 for events without a name). A trailing record that is cut short — header or
    /// name — is ignored, never read past the buffer. The buffer need not be aligned.
    public static func parse(_ buffer: UnsafeRawBufferPointer) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        var offset = 0
        while buffer.count - offset >= headerSize {
            let wd = buffer.loadUnaligned(fromByteOffset: offset, as: Int32.self)
            let mask = buffer.loadUnaligned(fromByteOffset: offset + 4, as: UInt32.self)
            let cookie = buffer.loadUnaligned(fromByteOffset: offset + 8, as: UInt32.self)
            let length = Int(buffer.loadUnaligned(fromByteOffset: offset + 12, as: UInt32.self))
            let nameStart = offset + headerSize
            guard length <= buffer.count - nameStart else { break }
            let nameBytes = UnsafeRawBufferPointer(rebasing: buffer[nameStart..<(nameStart + length)])
            let nameLength = nameBytes.firstIndex(of: 0) ?? nameBytes.count
            let name = String(decoding: nameBytes.prefix(nameLength), as: UTF8.self)
            events.append(InotifyEvent(wd: wd, mask: InotifyMask(rawValue: mask), cookie: cookie, name: name))
            offset = nameStart + length
        }
        return events
    }

    /// Parses records from a byte array, with the same rules as the buffer-pointer overload.
    public static func parse(_ bytes: [UInt8]) -> [InotifyEvent] {
        bytes.withUnsafeBytes { parse($0) }
    }
}

/// An inotify instance: owns one non-blocking, close-on-exec inotify descriptor.
///
/// All methods may be called from any thread. `close()` releases the descriptor exactly once; calls made after it
/// throw `EBADF` without touching whatever descriptor the number may since have been given to.
public final class Inotify: @unchecked Sendable {
    // The descriptor is read and closed under the lock so a close on one thread cannot let another thread operate
    // on a reused descriptor number. waitReadable polls outside the lock (it may block for long); poll on a stale
    // number only ever wakes early, and the following readEvents takes the lock and sees the close.
    private let lock = NSLock()
    private var fd: Int32
    private static let readBufferSize = 64 * 1024

    /// Creates an inotify instance with `inotify_init1(IN_NONBLOCK | IN_CLOEXEC)`.
    ///
    /// Fails with `EMFILE` when the user has `max_user_instances` instances already.
    public init() throws(SystemError) {
        fd = try retryingOnInterrupt("inotify_init1") { inotify_init1(Int32(IN_NONBLOCK | IN_CLOEXEC)) }
    }

    deinit {
        if fd >= 0 { closeDescriptor(fd) }
    }

    /// The descriptor, for registering with an event loop; -1 after `close()`. Do not close it yourself.
    public var fileDescriptor: Int32 {
        lock.withLock { fd }
    }

    private func withDescriptor<Result>(
        _ syscall: String, path: String? = nil, _ body: (Int32) throws(SystemError) -> Result
    ) throws(SystemError) -> Result {
        lock.lock()
        defer { lock.unlock() }
        guard fd >= 0 else { throw SystemError(syscall: syscall, errno: EBADF, path: path) }
        return try body(fd)
    }

    /// Adds (or, for an object already watched, replaces) a watch on `path`; returns its watch descriptor.
    ///
    /// Fails with `ENOSPC` when `max_user_watches` is reached, `ENOENT` for a missing path, `ENOTDIR` with
    /// `.onlyDirectory` on a non-directory.
    public func addWatch(path: String, mask: InotifyMask) throws(SystemError) -> Int32 {
        try withDescriptor("inotify_add_watch", path: path) { (fd) throws(SystemError) in
            try retryingOnInterrupt("inotify_add_watch", path: path) {
                inotify_add_watch(fd, path, mask.rawValue)
            }
        }
    }

    /// Removes a watch; the kernel then queues an `ignored` event for it.
    ///
    /// Fails with `EINVAL` when the watch is already gone (for example its directory was deleted).
    public func removeWatch(_ wd: Int32) throws(SystemError) {
        _ = try withDescriptor("inotify_rm_watch") { (fd) throws(SystemError) in
            try retryingOnInterrupt("inotify_rm_watch") { inotify_rm_watch(fd, wd) }
        }
    }

    /// Non-blocking read of all pending events; [] when none (EAGAIN).
    ///
    /// Reads until the queue is drained, so one call may return up to the kernel's `max_queued_events` events
    /// plus a `queueOverflow` event.
    public func readEvents() throws(SystemError) -> [InotifyEvent] {
        var events: [InotifyEvent] = []
        var buffer = [UInt8](repeating: 0, count: Self.readBufferSize)
        // A read returns only whole records; one that leaves room for a maximal record means the queue was empty.
        let drainedBelow = Self.readBufferSize - (InotifyEventParser.headerSize + Int(NAME_MAX) + 1)
        // Bounded so a directory that is written to without pause cannot keep the caller here for ever.
        for _ in 0..<64 {
            let count = try readRaw(into: &buffer)
            if count == 0 { break }
            events += buffer.withUnsafeBytes { bytes in
                InotifyEventParser.parse(UnsafeRawBufferPointer(rebasing: bytes[..<count]))
            }
            if count < drainedBelow { break }
        }
        return events
    }

    /// One `read(2)` into `buffer`; returns the byte count, 0 when no event is pending.
    func readRaw(into buffer: inout [UInt8]) throws(SystemError) -> Int {
        try withDescriptor("read") { (fd) throws(SystemError) in
            while true {
                let count = buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) }
                if count >= 0 { return count }
                let code = Glibc.errno
                if code == EINTR { continue }
                if code == EAGAIN || code == EWOULDBLOCK { return 0 }
                throw SystemError(syscall: "read", errno: code)
            }
        }
    }

    /// poll(2) on the fd: true when readable within timeout (ms; -1 = forever); false on timeout.
    ///
    /// An interrupted poll is resumed with the time that is left. Throws `EBADF` once the instance is closed.
    public func waitReadable(timeoutMilliseconds: Int32) throws(SystemError) -> Bool {
        let descriptor = fileDescriptor
        guard descriptor >= 0 else { throw SystemError(syscall: "poll", errno: EBADF) }
        return try Poll.waitReadable(descriptor, timeoutMilliseconds: timeoutMilliseconds)
    }

    /// Closes the descriptor, which drops every watch. A second call is a no-op; deinit closes if still open.
    public func close() {
        lock.lock()
        defer { lock.unlock() }
        if fd >= 0 {
            closeDescriptor(fd)
            fd = -1
        }
    }
}

enum Poll {
    /// Waits until `fd` is readable (or hung up, or in error — a read will then tell which); false on timeout.
    static func waitReadable(_ fd: Int32, timeoutMilliseconds: Int32) throws(SystemError) -> Bool {
        let deadline =
            timeoutMilliseconds >= 0
            ? SystemdNotify.monotonicMicroseconds() + UInt64(timeoutMilliseconds) * 1000 : nil
        var remaining = timeoutMilliseconds
        while true {
            var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let result = Glibc.poll(&entry, 1, remaining)
            if result > 0 {
                if entry.revents & Int16(POLLNVAL) != 0 { throw SystemError(syscall: "poll", errno: EBADF) }
                return true
            }
            if result == 0 { return false }
            let code = Glibc.errno
            guard code == EINTR else { throw SystemError(syscall: "poll", errno: code) }
            if let deadline {
                let now = SystemdNotify.monotonicMicroseconds()
                if now >= deadline { return false }
                remaining = Int32((deadline - now + 999) / 1000)
            }
        }
    }
}
