import Foundation
import Glibc

/// Makes a file or directory unwritable even for root, through the ext4/xfs/btrfs immutable
/// attribute (what `chattr +i` sets): tests run as root, which permission bits do not stop.
enum ImmutableFlag {
    // _IOR('f', 1, long) and _IOW('f', 2, long) from <linux/fs.h>; the kernel reads an int.
    private static let getFlags: UInt = 0x8008_6601
    private static let setFlags: UInt = 0x4008_6602
    private static let immutable: Int32 = 0x10

    /// Whether the temporary directory's filesystem and our privileges allow the attribute.
    static let isSupported: Bool = {
        let probe = FileManager.default.temporaryDirectory.appendingPathComponent("wirewatch-immutable-\(UUID())").path
        guard FileManager.default.createFile(atPath: probe, contents: Data()) else { return false }
        defer { try? FileManager.default.removeItem(atPath: probe) }
        guard (try? set(probe, true)) != nil else { return false }
        try? set(probe, false)
        return true
    }()

    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func set(_ path: String, _ on: Bool) throws {
        let fd = open(path, O_RDONLY | O_NONBLOCK)
        guard fd >= 0 else { throw Failure(description: "open \(path): errno \(errno)") }
        defer { close(fd) }
        var flags: Int32 = 0
        guard ioctl(fd, getFlags, &flags) == 0 else { throw Failure(description: "get flags \(path): errno \(errno)") }
        flags = on ? flags | immutable : flags & ~immutable
        guard ioctl(fd, setFlags, &flags) == 0 else { throw Failure(description: "set flags \(path): errno \(errno)") }
    }
}
