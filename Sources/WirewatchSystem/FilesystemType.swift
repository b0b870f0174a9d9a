import Glibc

/// The type of a mounted filesystem, from `statfs(2)`'s `f_type` magic number.
public struct FilesystemType: Sendable, Hashable, CustomStringConvertible {
    /// `f_type`, e.g. `0xEF53` for ext2/3/4.
    public var magic: UInt64
    /// A short name for the magic (`ext4`, `tmpfs`, `nfs`, `fuse` …), or `0x…` when it is not one we know.
    public var name: String

    public init(magic: UInt64) {
        self.magic = magic
        self.name = Self.known[magic]?.name ?? "0x" + String(magic, radix: 16)
    }

    /// False where inotify cannot be trusted to report new files, so the spool must poll: network and cluster
    /// filesystems (NFS, CIFS/SMB, Ceph, AFS, Coda, GFS2, OCFS2), FUSE (sshfs, rclone…), 9p and VirtualBox
    /// shared folders see only changes made through this kernel, never those made by the server or another host;
    /// pseudo-filesystems (`proc`, `sysfs`) report nothing at all. True for local disk and memory filesystems and
    /// for magics we do not know (most unknown ones are local).
    public var deliversInotifyEvents: Bool {
        Self.known[magic]?.inotify ?? true
    }

    public var description: String { name }

    private static let known: [UInt64: (name: String, inotify: Bool)] = [
        0xEF53: ("ext4", true),  // ext2 and ext3 share the magic
        0x5846_5342: ("xfs", true),
        0x9123_683E: ("btrfs", true),
        0xF2F5_2010: ("f2fs", true),
        0x2FC1_2FC1: ("zfs", true),
        0x0102_1994: ("tmpfs", true),
        0x8584_58F6: ("ramfs", true),
        0x794C_7630: ("overlayfs", true),
        0x7371_7368: ("squashfs", true),
        0xE0F5_E1E2: ("erofs", true),
        0x4D44: ("vfat", true),
        0x2011_BAB0: ("exfat", true),
        0x5346_544E: ("ntfs", true),
        0x3434: ("nilfs2", true),
        0x5265_4973: ("reiserfs", true),
        0x9660: ("iso9660", true),
        0x1501_3346: ("udf", true),
        0xF15F: ("ecryptfs", true),
        0x6969: ("nfs", false),
        0x517B: ("smb", false),
        0xFF53_4D42: ("cifs", false),
        0xFE53_4D42: ("smb2", false),
        0x6573_5546: ("fuse", false),
        0x0102_1997: ("9p", false),
        0x00C3_6400: ("ceph", false),
        0x5346_414F: ("afs", false),
        0x6B41_4653: ("afs", false),
        0x7375_7245: ("coda", false),
        0x0116_1970: ("gfs2", false),
        0x7461_636F: ("ocfs2", false),
        0x786F_4256: ("vboxsf", false),
        0x9FA0: ("proc", false),
        0x6265_6572: ("sysfs", false),
        0x6462_6720: ("debugfs", false),
        0x7472_6163: ("tracefs", false),
        0x6367_7270: ("cgroup2", false),
        0x0027_E0EB: ("cgroup", false),
        0x1CD1: ("devpts", false),
    ]
}

extension FileSystem {
    /// `statfs(path)`: the type of the filesystem holding `path` (symlinks followed).
    public static func filesystemType(path: String) throws(SystemError) -> FilesystemType {
        guard let statfs = LateBound.statfs else { throw SystemError(syscall: "statfs", errno: ENOSYS, path: path) }
        // struct statfs is 120 bytes on 64-bit Linux; f_type, a word-sized __fsword_t, comes first on every
        // architecture Swift runs on. The buffer is oversized so a larger layout can never be overrun.
        let buffer = UnsafeMutableRawPointer.allocate(byteCount: 512, alignment: 16)
        defer { buffer.deallocate() }
        buffer.initializeMemory(as: UInt8.self, repeating: 0, count: 512)
        _ = try retryingOnInterrupt("statfs", path: path) { statfs(path, buffer) }
        let type = buffer.load(as: Int.self)
        return FilesystemType(magic: UInt64(UInt32(truncatingIfNeeded: type)))
    }
}
