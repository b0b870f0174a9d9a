import Foundation
import Glibc
import Testing

@testable import WirewatchSystem

@Suite("FileDescriptor.openForReading")
struct OpenForReadingTests {
    @Test("a symlink is never followed: ELOOP, with the path in the description")
    func symlinkRefused() throws {
        let directory = TemporaryDirectory()
        let target = directory.child("target.txt")
        let link = directory.child("link.txt")
        try writeFile(target)
        #expect(symlink(target, link) == 0)

        let error = try #require(expectSystemError { _ = try FileDescriptor.openForReading(path: link) })
        #expect(error.errno == ELOOP)
        #expect(error.isSymbolicLink)
        #expect(error.syscall == "open")
        #expect(error.path == link)
        #expect(error.description == "open(\"\(link)\"): Too many levels of symbolic links (errno 40)")
        #expect(try FileSystem.linkStatus(path: link).kind == .symlink)
        #expect(try FileSystem.status(path: link).kind == .regular)
    }

    @Test("a FIFO opens at once without a writer and reports .fifo")
    func fifoDoesNotBlock() throws {
        let directory = TemporaryDirectory()
        let fifo = directory.child("pipe")
        #expect(mkfifo(fifo, 0o600) == 0)
        let start = now()
        let file = try FileDescriptor.openForReading(path: fifo)
        #expect(now() - start < .seconds(2))
        #expect(try file.status().kind == .fifo)
        #expect(try file.readAll(limit: 10) == [])  // no writer: end of file, not a wait
        file.close()
        file.close()
        #expect(file.rawValue == -1)
        #expect(expectSystemError { _ = try file.status() }?.errno == EBADF)
    }

    @Test("a character device opens without blocking and reports its kind")
    func device() throws {
        let file = try FileDescriptor.openForReading(path: "/dev/null")
        #expect(try file.status().kind == .characterDevice)
    }

    @Test("a regular file reads whole, with its status")
    func regularFile() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("000_94253fa690feff79.txt")
        let bytes = (0..<300_001).map { UInt8(truncatingIfNeeded: $0 &* 2_654_435_761 >> 7) }
        try writeFile(path, bytes, mode: 0o640)
        let file = try ReadOnlyFile.openForReading(path: path)
        let status = try file.status()
        #expect(status.kind == .regular)
        #expect(status.size == bytes.count)
        #expect(status.permissions == 0o640)
        #expect(status.linkCount == 1)
        #expect(status.inode == (try FileSystem.linkStatus(path: path)).inode)
        #expect(abs(status.modified - Int(Date().timeIntervalSince1970)) < 120)
        #expect(try file.readAll(limit: 32 << 20) == bytes)
        #expect(try file.readAll(limit: 100) == [])  // at end of file already
    }

    @Test("readAll(limit:) stops one byte past the limit", arguments: [0, 1, 99, 100, 999, 1000, 1001, 70_000])
    func readAllLimit(limit: Int) throws {
        let directory = TemporaryDirectory()
        let path = directory.child("dump.html")
        let size = 1000
        try writeFile(path, [UInt8](repeating: 0x41, count: size))
        let file = try FileDescriptor.openForReading(path: path)
        let read = try file.readAll(limit: limit)
        #expect(read.count == min(size, limit + 1))
    }

    @Test("readAll(limit:) grows past its first guess when a descriptor has no size (a pipe)")
    func readAllWithoutSize() throws {
        var ends: [Int32] = [0, 0]
        #expect(pipe(&ends) == 0)
        let bytes = (0..<60_000).map { UInt8(truncatingIfNeeded: $0 &* 7) }
        let written = bytes.withUnsafeBytes { write(ends[1], $0.baseAddress, $0.count) }
        #expect(written == bytes.count)  // fits the pipe's 64 KiB buffer
        close(ends[1])
        let reader = FileDescriptor(owning: ends[0], path: "pipe")
        #expect(try reader.status().kind == .fifo)
        #expect(try reader.readAll(limit: 1 << 20) == bytes)
        reader.close()
    }

    @Test func missingFile() throws {
        let path = "/nonexistent-wirewatch/\u{1}x\"y"
        let error = try #require(expectSystemError { _ = try FileDescriptor.openForReading(path: path) })
        #expect(error.isNotFound)
        #expect(error.description == #"open("/nonexistent-wirewatch/\x01x\"y"): No such file or directory (errno 2)"#)
    }
}

@Suite("FileSystem operations")
struct FileSystemOperationTests {
    @Test("renameNoReplace refuses to overwrite and leaves both files as they were")
    func renameNoReplace() throws {
        let directory = TemporaryDirectory()
        let a = directory.child("a.txt")
        let b = directory.child("b.txt")
        try writeFile(a, Array("A".utf8))
        try writeFile(b, Array("B".utf8))
        let error = try #require(expectSystemError { try FileSystem.renameNoReplace(from: a, to: b) })
        #expect(error.errno == EEXIST)
        #expect(error.isAlreadyExists)
        #expect(error.path == a)
        #expect(error.destination == b)
        #expect(error.description.hasPrefix("renameat2(\"\(a)\", \"\(b)\"): File exists"))
        #expect(try FileSystem.readFile(path: a) == Array("A".utf8))
        #expect(try FileSystem.readFile(path: b) == Array("B".utf8))

        let c = directory.child("c.txt")
        try FileSystem.renameNoReplace(from: a, to: c)
        #expect(!FileSystem.exists(path: a))
        #expect(try FileSystem.readFile(path: c) == Array("A".utf8))
    }

    @Test("the link+unlink fallback of renameNoReplace has the same contract")
    func renameNoReplaceByLinking() throws {
        let directory = TemporaryDirectory()
        let a = directory.child("a")
        let b = directory.child("b")
        try writeFile(a, Array("A".utf8))
        try writeFile(b, Array("B".utf8))
        #expect(expectSystemError { try FileSystem.renameNoReplaceByLinking(from: a, to: b) }?.errno == EEXIST)
        #expect(try FileSystem.readFile(path: b) == Array("B".utf8))
        try FileSystem.renameNoReplaceByLinking(from: a, to: directory.child("c"))
        #expect(!FileSystem.exists(path: a))
        #expect(try FileSystem.linkStatus(path: directory.child("c")).linkCount == 1)
    }

    @Test("rename replaces; move within a filesystem renames")
    func renameAndMove() throws {
        let directory = TemporaryDirectory()
        try writeFile(directory.child("new"), Array("new".utf8))
        try writeFile(directory.child("old"), Array("old".utf8))
        try FileSystem.rename(from: directory.child("new"), to: directory.child("old"))
        #expect(try FileSystem.readFile(path: directory.child("old")) == Array("new".utf8))

        try FileSystem.makeDirectories(path: directory.child("archive/2024/11"))
        let inode = try FileSystem.linkStatus(path: directory.child("old")).inode
        try FileSystem.move(from: directory.child("old"), to: directory.child("archive/2024/11/old"))
        #expect(!FileSystem.exists(path: directory.child("old")))
        #expect(try FileSystem.linkStatus(path: directory.child("archive/2024/11/old")).inode == inode)

        try writeFile(directory.child("again"), Array("again".utf8))
        let error = expectSystemError {
            try FileSystem.move(
                from: directory.child("again"), to: directory.child("archive/2024/11/old"), replaceExisting: false)
        }
        #expect(error?.errno == EEXIST)
    }

    static let otherFilesystem: String? = {
        guard let temporary = try? FileSystem.status(path: FileManager.default.temporaryDirectory.path),
            let shm = try? FileSystem.status(path: "/dev/shm"), shm.kind == .directory,
            shm.device != temporary.device, access("/dev/shm", W_OK) == 0
        else { return nil }
        return "/dev/shm"
    }()

    @Test(
        "move across filesystems copies, keeps mode and mtime, and unlinks the source",
        .enabled(if: otherFilesystem != nil, "/dev/shm is not a separate writable filesystem here")
    )
    func moveAcrossFilesystems() throws {
        let here = TemporaryDirectory()
        let there = TemporaryDirectory(in: try #require(Self.otherFilesystem))
        let source = here.child("dump.txt.gz")
        let bytes = (0..<600_000).map { UInt8(truncatingIfNeeded: $0 % 251) }
        try writeFile(source, bytes, mode: 0o604)
        var times = [
            timespec(tv_sec: 1_700_000_000, tv_nsec: 123_456_789), timespec(tv_sec: 1_700_000_000, tv_nsec: 0),
        ]
        #expect(utimensat(AT_FDCWD, source, &times, 0) == 0)
        times[1] = times[0]
        #expect(utimensat(AT_FDCWD, source, &times, 0) == 0)

        let destination = there.child("dump.txt.gz")
        #expect(expectSystemError { try FileSystem.rename(from: source, to: destination) }?.errno == EXDEV)
        try FileSystem.move(from: source, to: destination)
        #expect(!FileSystem.exists(path: source))
        #expect(try FileSystem.readFile(path: destination, limit: 1 << 20) == bytes)
        let status = try FileSystem.linkStatus(path: destination)
        #expect(status.permissions == 0o604)
        #expect(status.modified == 1_700_000_000)
        #expect(status.modifiedNanoseconds == 123_456_789)
        #expect(try FileSystem.listDirectory(path: there.path).map(\.name) == ["dump.txt.gz"])

        // Without replacing, an existing destination stops the move and the source stays.
        try writeFile(source, Array("second".utf8))
        #expect(
            expectSystemError { try FileSystem.move(from: source, to: destination, replaceExisting: false) }?
                .errno == EEXIST)
        #expect(FileSystem.exists(path: source))
        #expect(try FileSystem.readFile(path: destination, limit: 1 << 20) == bytes)
    }

    @Test("writeAtomically writes the exact bytes and mode, replaces, and leaves no temporary file")
    func writeAtomically() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("000.txt.reason.json")
        let reason = Array(#"{"error":"binary file","extractor":"wirewatch 0.1.0"}"#.utf8)
        try FileSystem.writeAtomically(path: path, bytes: reason, mode: 0o640)
        #expect(try FileSystem.readFile(path: path) == reason)
        #expect(try FileSystem.linkStatus(path: path).permissions == 0o640)

        try FileSystem.writeAtomically(path: path, bytes: [], mode: 0o600)
        #expect(try FileSystem.readFile(path: path) == [])
        #expect(try FileSystem.linkStatus(path: path).permissions == 0o600)
        #expect(try FileSystem.listDirectory(path: directory.path).map(\.name) == ["000.txt.reason.json"])

        let error = expectSystemError {
            try FileSystem.writeAtomically(path: directory.child("missing/x.json"), bytes: reason)
        }
        #expect(error?.errno == ENOENT)
        #expect(try FileSystem.listDirectory(path: directory.path).count == 1)
    }

    @Test("writeAtomically's temporary file is hidden from the spool (leading dot, .tmp suffix)")
    func temporaryNames() {
        let long = String(repeating: "n", count: 255)
        for path in ["/a/b/dump.txt", "dump.txt", "/x/" + long] {
            let temporary = FileSystem.temporaryPath(beside: path)
            let name = String(temporary.split(separator: "/").last!)
            #expect(name.hasPrefix("."))
            #expect(name.hasSuffix(".tmp"))
            #expect(name.utf8.count <= 255)
            #expect(FileSystem.parentDirectory(of: temporary) == FileSystem.parentDirectory(of: path))
        }
        #expect(FileSystem.parentDirectory(of: "/inbox") == "/")
        #expect(FileSystem.parentDirectory(of: "inbox") == ".")
        #expect(FileSystem.parentDirectory(of: "/var/lib//inbox/") == "/var/lib")
    }

    @Test("makeDirectories creates parents, accepts an existing directory, refuses a file in the way")
    func makeDirectories() throws {
        let directory = TemporaryDirectory()
        let nested = directory.child("state/quarantine/2024")
        try FileSystem.makeDirectories(path: nested, mode: 0o750)
        #expect(try FileSystem.linkStatus(path: nested).kind == .directory)
        try FileSystem.makeDirectories(path: nested)
        try writeFile(directory.child("file"))
        let error = expectSystemError { try FileSystem.makeDirectories(path: directory.child("file")) }
        #expect(error?.errno == ENOTDIR)
        #expect(
            expectSystemError { try FileSystem.makeDirectories(path: directory.child("file/sub")) }?.errno
                == ENOTDIR)
    }

    @Test("unlink, removeDirectory and syncDirectory")
    func unlinkAndSync() throws {
        let directory = TemporaryDirectory()
        try writeFile(directory.child("x"))
        try FileSystem.syncDirectory(path: directory.path)
        try FileSystem.unlink(path: directory.child("x"))
        #expect(expectSystemError { try FileSystem.unlink(path: directory.child("x")) }?.isNotFound == true)
        try FileSystem.makeDirectories(path: directory.child("d"))
        try FileSystem.removeDirectory(path: directory.child("d"))
        #expect(!FileSystem.exists(path: directory.child("d")))
        #expect(expectSystemError { try FileSystem.syncDirectory(path: directory.child("d")) }?.errno == ENOENT)
    }

    @Test("listDirectory: names sorted, . and .. skipped, kinds from d_type without following links")
    func listDirectory() throws {
        let directory = TemporaryDirectory()
        try writeFile(directory.child("b-regular.txt"))
        try FileSystem.makeDirectories(path: directory.child("c-directory"))
        #expect(symlink(directory.child("c-directory"), directory.child("d-symlink")) == 0)
        #expect(symlink("/nonexistent", directory.child("e-dangling")) == 0)
        #expect(mkfifo(directory.child("f-fifo"), 0o600) == 0)
        try bindUnixSocket(at: directory.child("g-socket"))
        try writeFile(directory.child("Kyïv — 24.txt"))
        try writeFile(directory.child(".hidden.part"))

        let entries = try FileSystem.listDirectory(path: directory.path)
        #expect(
            entries.map(\.name) == [
                ".hidden.part", "Kyïv — 24.txt", "b-regular.txt", "c-directory", "d-symlink", "e-dangling", "f-fifo",
                "g-socket",
            ])
        #expect(
            entries.map(\.kind) == [
                .regular, .regular, .regular, .directory, .symlink, .symlink, .fifo, .socket,
            ])
        for entry in entries {
            #expect(entry.inode == (try FileSystem.linkStatus(path: directory.child(entry.name))).inode)
        }
        #expect(try FileSystem.listDirectory(path: directory.child("c-directory")) == [])
        // The listed directory itself may be reached through a symlink.
        #expect(try FileSystem.listDirectory(path: directory.child("d-symlink")) == [])
        #expect(
            expectSystemError { _ = try FileSystem.listDirectory(path: directory.child("b-regular.txt")) }?
                .errno == ENOTDIR)
        #expect(expectSystemError { _ = try FileSystem.listDirectory(path: directory.child("nope")) }?.errno == ENOENT)
    }

    @Test("filesBelow: depth first in byte order, hidden names skipped, symlinks listed and not followed")
    func filesBelow() throws {
        let directory = TemporaryDirectory()
        for name in ["b.txt", "a/z.txt", "a/b/y.txt", "a/b/.swap", "c/x.txt", ".git/config", "Ä.txt"] {
            try FileSystem.makeDirectories(path: FileSystem.parentDirectory(of: directory.child(name)))
            try writeFile(directory.child(name))
        }
        try FileSystem.makeDirectories(path: directory.child("empty"))
        // A link back to the top would loop if followed.
        #expect(symlink(directory.path, directory.child("c/loop")) == 0)

        let files = FileSystem.filesBelow(directory: directory.path + "/") { path, error in
            Issue.record("unexpected unreadable \(path): \(error)")
        }
        #expect(
            files == ["a/b/y.txt", "a/z.txt", "b.txt", "c/loop", "c/x.txt", "Ä.txt"].map { directory.child($0) })
        #expect(FileSystem.filesBelow(directory: directory.child("empty")) == [])

        var unreadable: [String] = []
        #expect(
            FileSystem.filesBelow(directory: directory.child("missing")) { path, _ in unreadable.append(path) } == [])
        #expect(unreadable == [directory.child("missing")])
    }

    @Test("listDirectory copes with a big directory")
    func listManyEntries() throws {
        let directory = TemporaryDirectory()
        for index in 0..<2000 {
            let number = String(index).leftPadded(to: 4)
            try writeFile(directory.child(number + "-" + String(repeating: "x", count: index % 200)))
        }
        let entries = try FileSystem.listDirectory(path: directory.path)
        #expect(entries.count == 2000)
        #expect(entries.allSatisfy { $0.kind == .regular })
        #expect(entries.first?.name.hasPrefix("0000-") == true)
        #expect(entries.last?.name.hasPrefix("1999-") == true)
    }

    @Test("readFile refuses more than its limit and follows symlinks only when told to")
    func readFileLimit() throws {
        let directory = TemporaryDirectory()
        try writeFile(directory.child("big"), [UInt8](repeating: 1, count: 100))
        #expect(try FileSystem.readFile(path: directory.child("big"), limit: 100).count == 100)
        #expect(
            expectSystemError { _ = try FileSystem.readFile(path: directory.child("big"), limit: 99) }?.errno
                == EFBIG)
        #expect(symlink(directory.child("big"), directory.child("link")) == 0)
        #expect(try FileSystem.readFile(path: directory.child("link")).count == 100)
        let refused = expectSystemError {
            _ = try FileSystem.readFile(path: directory.child("link"), followingSymlinks: false)
        }
        #expect(refused?.errno == ELOOP)
    }

    @Test func isTerminal() {
        var pipeEnds: [Int32] = [0, 0]
        #expect(pipe(&pipeEnds) == 0)
        defer { close(pipeEnds[0]); close(pipeEnds[1]) }
        #expect(!FileSystem.isTerminal(fd: pipeEnds[0]))
        #expect(!FileSystem.isTerminal(fd: -1))
    }

    @Test func processID() {
        #expect(CurrentProcess.id == getpid())
        #expect(CurrentProcess.id > 0)
    }
}

@Suite("Filesystem types and kernel limits")
struct FilesystemTypeTests {
    @Test func proc() throws {
        let type = try FileSystem.filesystemType(path: "/proc")
        #expect(type.magic == 0x9FA0)
        #expect(type.name == "proc")
        #expect(!type.deliversInotifyEvents)
    }

    @Test func temporaryDirectory() throws {
        let directory = TemporaryDirectory()
        let type = try FileSystem.filesystemType(path: directory.path)
        #expect(["ext4", "xfs", "btrfs", "tmpfs", "overlayfs", "zfs", "f2fs"].contains(type.name), "got \(type)")
        #expect(type.deliversInotifyEvents)
    }

    @Test func networkAndFuseNeedPolling() {
        #expect(FilesystemType(magic: 0x6969).name == "nfs")
        #expect(!FilesystemType(magic: 0x6969).deliversInotifyEvents)
        #expect(!FilesystemType(magic: 0xFF53_4D42).deliversInotifyEvents)
        #expect(!FilesystemType(magic: 0xFE53_4D42).deliversInotifyEvents)
        #expect(!FilesystemType(magic: 0x6573_5546).deliversInotifyEvents)
        #expect(FilesystemType(magic: 0x1234_5678).name == "0x12345678")
        #expect(FilesystemType(magic: 0x1234_5678).deliversInotifyEvents)
    }

    @Test func missingPath() {
        let error = expectSystemError { _ = try FileSystem.filesystemType(path: "/nonexistent-wirewatch") }
        #expect(error?.syscall == "statfs")
        #expect(error?.errno == ENOENT)
    }

    @Test func inotifyLimits() throws {
        let limits = KernelLimits.inotify()
        #expect(try #require(limits.maxUserWatches) > 0)
        #expect(try #require(limits.maxQueuedEvents) > 0)
        #expect(try #require(limits.maxUserInstances) > 0)
    }

    @Test func inotifyLimitsFromMissingOrOddFiles() throws {
        let directory = TemporaryDirectory()
        try writeFile(directory.child("max_user_watches"), Array(" 8192\n".utf8))
        try writeFile(directory.child("max_queued_events"), Array("lots\n".utf8))
        let limits = KernelLimits.inotify(directory: directory.path)
        #expect(limits.maxUserWatches == 8192)
        #expect(limits.maxQueuedEvents == nil)
        #expect(limits.maxUserInstances == nil)
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: "0", count: width - count) + self
    }
}

/// Binds a Unix socket at `path` and leaves it there (the descriptor is closed; the name stays).
func bindUnixSocket(at path: String, type: Int32 = Int32(SOCK_STREAM.rawValue)) throws {
    let fd = try makeBoundUnixSocket(at: path, type: type)
    close(fd)
}

/// A Unix socket bound at `path`; the caller closes it.
func makeBoundUnixSocket(at path: String, type: Int32) throws -> Int32 {
    let fd = socket(AF_UNIX, type | Int32(SOCK_CLOEXEC.rawValue), 0)
    guard fd >= 0 else { throw SystemError(syscall: "socket", errno: errno) }
    var address = sockaddr_un()
    address.sun_family = sa_family_t(AF_UNIX)
    let bytes = Array(path.utf8)
    precondition(bytes.count < MemoryLayout.size(ofValue: address.sun_path), "socket path too long: \(path)")
    withUnsafeMutableBytes(of: &address.sun_path) { raw in
        raw.copyBytes(from: bytes)
        raw[bytes.count] = 0
    }
    let result = withUnsafePointer(to: &address) {
        $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_un>.size)) }
    }
    guard result == 0 else {
        let code = errno
        close(fd)
        throw SystemError(syscall: "bind", errno: code, path: path)
    }
    return fd
}
