import Glibc

/// One name in a directory listing.
public struct DirectoryEntry: Sendable, Hashable {
    /// The entry's name (not a path). Names that are not valid UTF-8 are repaired with U+FFFD.
    public var name: String
    /// The entry's kind, from `d_type`, or from `lstat` where the filesystem reports `DT_UNKNOWN`. A symlink is
    /// `.symlink`, never what it points to; `.unknown` if the entry vanished before it could be looked at.
    public var kind: FileKind
    /// The inode number (`d_ino`).
    public var inode: UInt64

    public init(name: String, kind: FileKind, inode: UInt64 = 0) {
        self.name = name
        self.kind = kind
        self.inode = inode
    }
}

extension FileSystem {
    /// Lists `path` with `opendir`/`readdir`, skipping `.` and `..`, sorted by name (byte order) so scans are
    /// reproducible. `path` itself may be a symlink to a directory.
    public static func listDirectory(path: String) throws(SystemError) -> [DirectoryEntry] {
        let directory = try FileDescriptor.openDirectory(path: path)
        // fdopendir takes the descriptor over and closedir closes it, so give up our ownership without closing.
        let fd = dup(directory.rawValue)
        directory.close()
        guard fd >= 0 else { throw SystemError(syscall: "dup", errno: Glibc.errno, path: path) }
        guard let stream = fdopendir(fd) else {
            let code = Glibc.errno
            closeDescriptor(fd)
            throw SystemError(syscall: "fdopendir", errno: code, path: path)
        }
        defer { closedir(stream) }

        let nameOffset = MemoryLayout<dirent>.offset(of: \dirent.d_name)!
        var entries: [DirectoryEntry] = []
        while true {
            // readdir returns nil both at the end and on error; only errno tells them apart.
            Glibc.errno = 0
            guard let entry = readdir(stream) else {
                let code = Glibc.errno
                if code == 0 { break }
                if code == EINTR { continue }
                throw SystemError(syscall: "readdir", errno: code, path: path)
            }
            // Point at d_name in place: the kernel's record may be shorter than sizeof(struct dirent).
            let namePointer = (UnsafeRawPointer(entry) + nameOffset).assumingMemoryBound(to: CChar.self)
            let name = String(cString: namePointer)
            if name == "." || name == ".." { continue }
            var kind = FileKind(directoryEntryType: entry.pointee.d_type)
            if kind == .unknown {
                var raw = stat()
                if fstatat(fd, namePointer, &raw, AT_SYMLINK_NOFOLLOW) == 0 {
                    kind = FileKind(mode: raw.st_mode)
                }
            }
            entries.append(DirectoryEntry(name: name, kind: kind, inode: UInt64(entry.pointee.d_ino)))
        }
        entries.sort { $0.name.utf8.lexicographicallyPrecedes($1.name.utf8) }
        return entries
    }
}
