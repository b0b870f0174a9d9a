import Foundation
import Glibc

/// What kind of object a directory entry or inode is.
public enum FileKind: Sendable, Hashable, CustomStringConvertible {
    case regular, directory, symlink, fifo, socket, characterDevice, blockDevice, unknown

    /// The kind encoded in the `S_IFMT` bits of an `st_mode`.
    public init(mode: UInt32) {
        switch mode & UInt32(S_IFMT) {
        case UInt32(S_IFREG): self = .regular
        case UInt32(S_IFDIR): self = .directory
        case UInt32(S_IFLNK): self = .symlink
        case UInt32(S_IFIFO): self = .fifo
        case UInt32(S_IFSOCK): self = .socket
        case UInt32(S_IFCHR): self = .characterDevice
        case UInt32(S_IFBLK): self = .blockDevice
        default: self = .unknown
        }
    }

    /// The kind a `readdir` `d_type` names; `.unknown` for `DT_UNKNOWN`.
    init(directoryEntryType type: UInt8) {
        switch Int(type) {
        case Int(DT_REG): self = .regular
        case Int(DT_DIR): self = .directory
        case Int(DT_LNK): self = .symlink
        case Int(DT_FIFO): self = .fifo
        case Int(DT_SOCK): self = .socket
        case Int(DT_CHR): self = .characterDevice
        case Int(DT_BLK): self = .blockDevice
        default: self = .unknown
        }
    }

    public var description: String {
        switch self {
        case .regular: "regular file"
        case .directory: "directory"
        case .symlink: "symbolic link"
        case .fifo: "FIFO"
        case .socket: "socket"
        case .characterDevice: "character device"
        case .blockDevice: "block device"
        case .unknown: "unknown file type"
        }
    }
}

/// The parts of `struct stat` the spool looks at.
public struct FileStatus: Sendable, Hashable {
    /// The object's kind (for `lstat`, a symlink is `.symlink`).
    public var kind: FileKind
    /// Size in bytes (`st_size`).
    public var size: Int
    /// The device holding the inode (`st_dev`); with `inode` it identifies the file.
    public var device: UInt64
    /// The inode number (`st_ino`).
    public var inode: UInt64
    /// Last modification, whole seconds since the epoch (`st_mtim.tv_sec`).
    public var modified: Int
    /// The nanoseconds part of the last modification (`st_mtim.tv_nsec`).
    public var modifiedNanoseconds: Int
    /// The full `st_mode`: kind bits and permission bits.
    public var mode: UInt32
    /// Hard link count (`st_nlink`).
    public var linkCount: Int
    /// Owner (`st_uid`).
    public var userID: UInt32
    /// Group (`st_gid`).
    public var groupID: UInt32

    /// The permission bits of `mode` (`mode & 0o7777`).
    public var permissions: UInt32 { mode & 0o7777 }

    init(_ raw: stat) {
        kind = FileKind(mode: raw.st_mode)
        size = Int(raw.st_size)
        device = UInt64(raw.st_dev)
        inode = UInt64(raw.st_ino)
        modified = Int(raw.st_mtim.tv_sec)
        modifiedNanoseconds = Int(raw.st_mtim.tv_nsec)
        mode = raw.st_mode
        linkCount = Int(raw.st_nlink)
        userID = raw.st_uid
        groupID = raw.st_gid
    }
}

/// An open file descriptor with exactly one owner: it is closed once, by `close()` or at deinit.
///
/// Not meant to be shared between threads while in use; hand it over instead.
public final class FileDescriptor: @unchecked Sendable {
    // @unchecked: the descriptor number only changes in close(), which the single owner calls.
    private var fd: Int32
    /// The path it was opened with, for error messages.
    public let path: String

    /// Takes ownership of an open descriptor.
    init(owning fd: Int32, path: String) {
        self.fd = fd
        self.path = path
    }

    deinit {
        if fd >= 0 { closeDescriptor(fd) }
    }

    /// The descriptor number; -1 after `close()`. Do not close it yourself.
    public var rawValue: Int32 { fd }

    /// Opens a dump for reading without ever following a symlink or blocking.
    ///
    /// `open(path, O_RDONLY | O_NOFOLLOW | O_NONBLOCK | O_CLOEXEC | O_NOCTTY)`: a symlink as the last component
    /// fails with `ELOOP`; a FIFO or device opens at once without waiting for a writer. Check `status().kind`
    /// before reading.
    public static func openForReading(path: String) throws(SystemError) -> FileDescriptor {
        try open(path: path, followingSymlinks: false)
    }

    /// Opens for reading without blocking, following a symlink only when asked.
    static func open(path: String, followingSymlinks: Bool) throws(SystemError) -> FileDescriptor {
        let flags = O_RDONLY | O_NONBLOCK | O_CLOEXEC | O_NOCTTY | (followingSymlinks ? 0 : O_NOFOLLOW)
        let fd = try retryingOnInterrupt("open", path: path) { Glibc.open(path, flags) }
        return FileDescriptor(owning: fd, path: path)
    }

    /// Opens a directory (following symlinks) for `fsync`, `fstatat` or `fdopendir`.
    public static func openDirectory(path: String) throws(SystemError) -> FileDescriptor {
        let flags = O_RDONLY | O_DIRECTORY | O_CLOEXEC
        let fd = try retryingOnInterrupt("open", path: path) { Glibc.open(path, flags) }
        return FileDescriptor(owning: fd, path: path)
    }

    /// Creates a new file for writing; fails with `EEXIST` if the name is taken (never follows a symlink there).
    ///
    /// The permission bits are set to exactly `mode`, whatever the umask.
    static func createExclusive(path: String, mode: UInt32) throws(SystemError) -> FileDescriptor {
        let flags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC | O_NOCTTY
        let fd = try retryingOnInterrupt("open", path: path) { Glibc.open(path, flags, mode_t(mode)) }
        let file = FileDescriptor(owning: fd, path: path)
        _ = try retryingOnInterrupt("fchmod", path: path) { fchmod(fd, mode_t(mode)) }
        return file
    }

    private func live(_ syscall: String) throws(SystemError) -> Int32 {
        guard fd >= 0 else { throw SystemError(syscall: syscall, errno: EBADF, path: path) }
        return fd
    }

    /// `fstat` of the open file: the object actually opened, not whatever the path names now.
    public func status() throws(SystemError) -> FileStatus {
        let fd = try live("fstat")
        var raw = stat()
        _ = try retryingOnInterrupt("fstat", path: path) { fstat(fd, &raw) }
        return FileStatus(raw)
    }

    /// Reads from the current position to end of file, but stops once it has `limit + 1` bytes, so a result
    /// longer than `limit` tells the caller "too big" without reading a huge file.
    ///
    /// A FIFO without a writer reads as empty; one with a writer but no data fails with `EAGAIN`.
    public func readAll(limit: Int) throws(SystemError) -> [UInt8] {
        precondition(limit >= 0, "readAll(limit:) needs a non-negative limit")
        let fd = try live("read")
        let wanted = limit == Int.max ? limit : limit + 1
        // A regular file's size, plus one byte to see the end of file in the same buffer.
        let sizeHint = (try? status()).map { $0.kind == .regular ? $0.size + 1 : 0 } ?? 0
        var bytes: [UInt8] = []
        var capacity = min(max(sizeHint, 4096), wanted)
        // Straight into the array's own storage, growing it only for files that are larger
        // than they said (still being written) or have no size (pipes): no zeroed bounce
        // buffer and no copy out of it, for each of the thousands of dumps a batch reads.
        while bytes.count < wanted {
            var failure: SystemError?
            var ended = false
            let start = bytes.count
            let next = [UInt8](unsafeUninitializedCapacity: capacity) { buffer, count in
                bytes.withUnsafeBufferPointer { old in
                    _ = buffer.initialize(fromContentsOf: old)
                }
                count = start
                while count < buffer.count {
                    let read = Glibc.read(fd, buffer.baseAddress! + count, buffer.count - count)
                    if read > 0 {
                        count += read
                    } else if read == 0 {
                        ended = true
                        return
                    } else if Glibc.errno != EINTR {
                        failure = SystemError(syscall: "read", errno: Glibc.errno, path: path)
                        return
                    }
                }
            }
            if let failure { throw failure }
            bytes = next
            if ended { break }
            capacity = min(capacity * 2, wanted)
        }
        return bytes
    }

    /// Writes all of `bytes`, continuing after short writes.
    public func writeAll(_ bytes: [UInt8]) throws(SystemError) {
        let fd = try live("write")
        var offset = 0
        while offset < bytes.count {
            let count = try retryingOnInterrupt("write", path: path) {
                bytes.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            }
            offset += count
        }
    }

    /// `fsync`: the file's data and metadata are on stable storage when this returns.
    public func sync() throws(SystemError) {
        let fd = try live("fsync")
        _ = try retryingOnInterrupt("fsync", path: path) { fsync(fd) }
    }

    /// Closes the descriptor. A second call is a no-op; deinit closes if still open.
    public func close() {
        if fd >= 0 {
            closeDescriptor(fd)
            fd = -1
        }
    }
}

/// The spool's name for a file it opened for reading.
public typealias ReadOnlyFile = FileDescriptor
