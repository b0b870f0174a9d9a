import Foundation
import Glibc

/// The spool's file operations: one wrapper per syscall, EINTR retried, errors carrying the path.
public enum FileSystem {
    /// `lstat`: the status of `path` itself; a symlink reports `.symlink` and is not followed.
    public static func linkStatus(path: String) throws(SystemError) -> FileStatus {
        var raw = stat()
        _ = try retryingOnInterrupt("lstat", path: path) { lstat(path, &raw) }
        return FileStatus(raw)
    }

    /// `stat`: the status of what `path` names, following symlinks.
    public static func status(path: String) throws(SystemError) -> FileStatus {
        var raw = stat()
        _ = try retryingOnInterrupt("stat", path: path) { stat(path, &raw) }
        return FileStatus(raw)
    }

    /// True when `path` names anything, a dangling symlink included (`lstat` succeeds).
    public static func exists(path: String) -> Bool {
        (try? linkStatus(path: path)) != nil
    }

    /// `mkdir -p`: creates `path` and any missing parents with `mode` (subject to the umask).
    ///
    /// A directory that already exists is fine (`EEXIST` from a concurrent creator too); an existing
    /// non-directory fails with `ENOTDIR`.
    public static func makeDirectories(path: String, mode: UInt32 = 0o755) throws(SystemError) {
        // An existing directory is checked first: in a sandbox (seccomp, read-only bind
        // mounts) mkdir on it may fail with EPERM or EROFS rather than EEXIST.
        if let existing = try? status(path: path), existing.kind == .directory { return }
        let result = Glibc.mkdir(path, mode_t(mode))
        if result == 0 { return }
        switch Glibc.errno {
        case EEXIST:
            let existing = try status(path: path)
            guard existing.kind == .directory else { throw SystemError(syscall: "mkdir", errno: ENOTDIR, path: path) }
        case ENOENT:
            let parent = parentDirectory(of: path)
            guard parent != path else { throw SystemError(syscall: "mkdir", errno: ENOENT, path: path) }
            try makeDirectories(path: parent, mode: mode)
            try makeDirectories(path: path, mode: mode)
        case EINTR:
            try makeDirectories(path: path, mode: mode)
        case let code:
            throw SystemError(syscall: "mkdir", errno: code, path: path)
        }
    }

    /// `rename(2)`: atomically replaces `to` if it exists; both must be on one filesystem (`EXDEV` otherwise).
    public static func rename(from: String, to: String) throws(SystemError) {
        _ = try retryingOnInterrupt("rename", path: from, destination: to) { Glibc.rename(from, to) }
    }

    /// Renames `from` to `to` only if `to` does not exist; fails with `EEXIST` when it does.
    ///
    /// Uses `renameat2(RENAME_NOREPLACE)`, which is atomic. Where the kernel or filesystem lacks it (`ENOSYS`,
    /// `EINVAL`), falls back to `link` + `unlink`, still atomic about the name; where hard links are refused too
    /// (`EPERM`, `ENOTSUP`: FAT, some FUSE), to a check then `rename`, which can race with another writer.
    public static func renameNoReplace(from: String, to: String) throws(SystemError) {
        if let renameat2 = LateBound.renameat2 {
            while true {
                if renameat2(AT_FDCWD, from, AT_FDCWD, to, LateBound.renameNoReplace) == 0 { return }
                let code = Glibc.errno
                if code == EINTR { continue }
                if code == EINVAL || code == ENOSYS || code == ENOTSUP { break }
                throw SystemError(syscall: "renameat2", errno: code, path: from, destination: to)
            }
        }
        try renameNoReplaceByLinking(from: from, to: to)
    }

    /// The fallback of ``renameNoReplace(from:to:)`` for filesystems without `RENAME_NOREPLACE`.
    static func renameNoReplaceByLinking(from: String, to: String) throws(SystemError) {
        do {
            _ = try retryingOnInterrupt("link", path: from, destination: to) { Glibc.link(from, to) }
        } catch  where error.errno == EPERM || error.errno == ENOTSUP || error.errno == EOPNOTSUPP {
            // EPERM from link also means "source is a directory"; a plain rename handles both cases.
            if exists(path: to) { throw SystemError(syscall: "rename", errno: EEXIST, path: from, destination: to) }
            try rename(from: from, to: to)
            return
        }
        try unlink(path: from)
    }

    /// Moves a file, across filesystems if need be.
    ///
    /// Tries `rename` (or `renameNoReplace` when `replaceExisting` is false). On `EXDEV` it copies the regular
    /// file `from` to a hidden temporary file beside `to`, keeping its permissions and modification time, fsyncs
    /// it, renames it into place, fsyncs the destination directory and only then unlinks `from` — so a crash
    /// leaves the source (and at worst a `.*.tmp` file), never neither. Only regular files cross filesystems.
    public static func move(from: String, to: String, replaceExisting: Bool = true) throws(SystemError) {
        do {
            if replaceExisting { try rename(from: from, to: to) } else { try renameNoReplace(from: from, to: to) }
            return
        } catch  where error.errno == EXDEV {}

        let source = try FileDescriptor.openForReading(path: from)
        defer { source.close() }
        let sourceStatus = try source.status()
        guard sourceStatus.kind == .regular else {
            throw SystemError(syscall: "rename", errno: EXDEV, path: from, destination: to)
        }
        if !replaceExisting && exists(path: to) {
            throw SystemError(syscall: "rename", errno: EEXIST, path: from, destination: to)
        }
        let temporary = temporaryPath(beside: to)
        let target = try FileDescriptor.createExclusive(path: temporary, mode: sourceStatus.permissions)
        do {
            defer { target.close() }
            try copyContents(from: source, to: target)
            var times = [
                timespec(tv_sec: 0, tv_nsec: LateBound.utimeOmit),
                timespec(tv_sec: sourceStatus.modified, tv_nsec: sourceStatus.modifiedNanoseconds),
            ]
            _ = try retryingOnInterrupt("futimens", path: temporary) { futimens(target.rawValue, &times) }
            try target.sync()
            if replaceExisting {
                try rename(from: temporary, to: to)
            } else {
                try renameNoReplace(from: temporary, to: to)
            }
        } catch {
            _ = Glibc.unlink(temporary)
            throw error
        }
        try syncDirectory(path: parentDirectory(of: to))
        try unlink(path: from)
    }

    private static func copyContents(from source: FileDescriptor, to target: FileDescriptor) throws(SystemError) {
        var buffer = [UInt8](repeating: 0, count: 256 * 1024)
        while true {
            let count = try retryingOnInterrupt("read", path: source.path) {
                buffer.withUnsafeMutableBytes { Glibc.read(source.rawValue, $0.baseAddress, $0.count) }
            }
            if count == 0 { return }
            try target.writeAll(Array(buffer[..<count]))
        }
    }

    /// `unlink(2)`: removes a name (not a directory).
    public static func unlink(path: String) throws(SystemError) {
        _ = try retryingOnInterrupt("unlink", path: path) { Glibc.unlink(path) }
    }

    /// `rmdir(2)`: removes an empty directory.
    public static func removeDirectory(path: String) throws(SystemError) {
        _ = try retryingOnInterrupt("rmdir", path: path) { Glibc.rmdir(path) }
    }

    /// Opens the directory `O_DIRECTORY` and fsyncs it, making renames and unlinks in it durable.
    public static func syncDirectory(path: String) throws(SystemError) {
        let directory = try FileDescriptor.openDirectory(path: path)
        defer { directory.close() }
        do {
            try directory.sync()
        } catch  where error.errno == EINVAL {
            // Some filesystems (older FUSE, some network ones) cannot fsync a directory; nothing more can be done.
        }
    }

    /// Writes `bytes` to a temporary file in the same directory, fsyncs it, renames it over `path` and fsyncs the
    /// directory: readers see the old content or the new, never part of it, and no temporary file is left.
    ///
    /// The temporary name starts with `.` and ends in `.tmp`, so a spool watching the directory ignores it.
    /// The file gets exactly `mode`, whatever the umask.
    public static func writeAtomically(path: String, bytes: [UInt8], mode: UInt32 = 0o644) throws(SystemError) {
        let temporary = temporaryPath(beside: path)
        // Created before the cleanup scope: should the name be taken after all, it is not ours to unlink.
        let file = try FileDescriptor.createExclusive(path: temporary, mode: mode)
        do {
            defer { file.close() }
            try file.writeAll(bytes)
            try file.sync()
            try rename(from: temporary, to: path)
        } catch {
            _ = Glibc.unlink(temporary)
            throw error
        }
        try syncDirectory(path: parentDirectory(of: path))
    }

    /// Reads a small file whole (for `/proc`, `/sys` and config files); fails with `EFBIG` past `limit` bytes.
    ///
    /// Follows symlinks unless told not to (a config in `/etc` is often a link); never blocks on a FIFO.
    public static func readFile(
        path: String, limit: Int = 1 << 20, followingSymlinks: Bool = true
    ) throws(SystemError) -> [UInt8] {
        let file = try FileDescriptor.open(path: path, followingSymlinks: followingSymlinks)
        defer { file.close() }
        let bytes = try file.readAll(limit: limit)
        guard bytes.count <= limit else { throw SystemError(syscall: "read", errno: EFBIG, path: path) }
        return bytes
    }

    /// `isatty(fd)`: true when `fd` is a terminal (e.g. to choose progress bars or stderr alerts).
    public static func isTerminal(fd: Int32) -> Bool {
        isatty(fd) == 1
    }

    /// The directory part of `path`: "." for a bare name, "/" for a top-level entry.
    static func parentDirectory(of path: String) -> String {
        var trimmed = Substring(path)
        while trimmed.count > 1 && trimmed.hasSuffix("/") { trimmed.removeLast() }
        guard let slash = trimmed.lastIndex(of: "/") else { return "." }
        if slash == trimmed.startIndex { return "/" }
        var parent = trimmed[..<slash]
        while parent.count > 1 && parent.hasSuffix("/") { parent.removeLast() }
        return String(parent)
    }

    /// A fresh hidden name beside `path`: `.NAME.PID.RANDOM.tmp`.
    static func temporaryPath(beside path: String) -> String {
        let parent = parentDirectory(of: path)
        var name = Substring(path)
        while name.count > 1 && name.hasSuffix("/") { name.removeLast() }
        if let slash = name.lastIndex(of: "/") { name = name[name.index(after: slash)...] }
        // Keep room under NAME_MAX (255 bytes) for the decorations.
        var base = String(name)
        while base.utf8.count > 200 { base.removeLast() }
        let unique = String(UInt64.random(in: 0...UInt64.max), radix: 36)
        let file = ".\(base).\(getpid()).\(unique).tmp"
        return parent == "/" ? "/" + file : parent + "/" + file
    }
}

/// The current process.
public enum CurrentProcess {
    /// `getpid()`.
    public static var id: Int32 { getpid() }
}

/// libc functions that Swift's Glibc module does not import (`renameat2` and `statfs` live behind `_GNU_SOURCE` or
/// in headers the module map leaves out), looked up once in the already-loaded libc.
enum LateBound {
    typealias RenameAt2 =
        @convention(c) (
            Int32, UnsafePointer<CChar>?, Int32, UnsafePointer<CChar>?, UInt32
        ) -> Int32
    typealias StatFS = @convention(c) (UnsafePointer<CChar>?, UnsafeMutableRawPointer?) -> Int32

    /// `RENAME_NOREPLACE` from `<linux/fs.h>`.
    static let renameNoReplace: UInt32 = 1 << 0
    /// `UTIME_OMIT` from `<sys/stat.h>` (a macro expression Swift does not import): leave this timestamp alone.
    static let utimeOmit = (1 << 30) - 2

    static let renameat2: RenameAt2? = lookUp("renameat2", as: RenameAt2.self)
    static let statfs: StatFS? = lookUp("statfs", as: StatFS.self)

    /// The C function `name` in the library `handle` as `type`, or nil when it has none. A null
    /// handle is RTLD_DEFAULT: the global scope, where libc already is.
    static func lookUp<Function>(
        _ name: String, as type: Function.Type, in handle: UnsafeMutableRawPointer? = nil
    ) -> Function? {
        guard let symbol = dlsym(handle, name) else { return nil }
        return unsafeBitCast(symbol, to: type)
    }
}
