import Foundation
import Glibc
import Testing

@testable import WirewatchSystem

@Suite("Inotify against the kernel")
struct InotifyKernelTests {
    static let spoolMask: InotifyMask = [.closeWrite, .movedTo, .movedFrom, .create, .delete, .deleteSelf, .moveSelf]

    @Test("real events carry the exact names, masks and rename cookies")
    func realNames() throws {
        let directory = TemporaryDirectory()
        let inotify = try Inotify()
        let wd = try inotify.addWatch(path: directory.path, mask: Self.spoolMask.union(.onlyDirectory))

        // Lengths straddle the 16-byte padding boundaries of the name field, up to NAME_MAX.
        let names = [
            "a",
            String(repeating: "b", count: 15),
            String(repeating: "c", count: 16),
            String(repeating: "d", count: 17),
            String(repeating: "e", count: 255),
            "Kyïv — 24.txt",
            String(repeating: "ї", count: 127) + "z",  // 255 bytes of UTF-8
        ]
        for name in names {
            #expect(name.utf8.count <= 255)
            try writeFile(directory.child(name))
        }
        let renamedFrom = names[5]
        let renamedTo = "Київ.txt"
        try FileSystem.rename(from: directory.child(renamedFrom), to: directory.child(renamedTo))

        let (events, raw) = try collectEvents(inotify) { $0.contains { $0.mask.contains(.movedTo) } }
        #expect(raw.count >= InotifyEventParser.headerSize * (names.count * 2 + 2))
        for event in events { #expect(event.wd == wd) }

        for name in names {
            let forName = events.filter { $0.name == name }
            #expect(forName.map(\.mask).prefix(2) == [.create, .closeWrite], "events for \(name.prefix(20))…")
        }
        let from = try #require(events.first { $0.mask == .movedFrom })
        let to = try #require(events.first { $0.mask == .movedTo })
        #expect(from.name == renamedFrom)
        #expect(to.name == renamedTo)
        #expect(from.cookie != 0)
        #expect(from.cookie == to.cookie)
        #expect(events.filter { !$0.mask.isDisjoint(with: .move) }.allSatisfy { $0.cookie == from.cookie })
        #expect(events.filter { $0.mask.isDisjoint(with: .move) }.allSatisfy { $0.cookie == 0 })
        #expect(events.count == names.count * 2 + 2)
    }

    @Test("IN_ISDIR|IN_CREATE for a new subdirectory, then IN_IGNORED when its watch goes with it")
    func subdirectoryLifecycle() throws {
        let directory = TemporaryDirectory()
        let inotify = try Inotify()
        let top = try inotify.addWatch(path: directory.path, mask: Self.spoolMask)
        let subdirectory = directory.child("2024-11")
        try FileSystem.makeDirectories(path: subdirectory)

        let created = try collectEvents(inotify) { !$0.isEmpty }.events
        #expect(created == [InotifyEvent(wd: top, mask: [.create, .isDirectory], name: "2024-11")])

        let sub = try inotify.addWatch(path: subdirectory, mask: Self.spoolMask)
        #expect(sub != top)
        try FileSystem.removeDirectory(path: subdirectory)
        let parentSaw = InotifyEvent(wd: top, mask: [.delete, .isDirectory], name: "2024-11")
        let (events, _) = try collectEvents(inotify) {
            $0.contains { $0.mask.contains(.ignored) } && $0.contains(parentSaw)
        }
        #expect(events.contains(parentSaw))
        // The kernel orders events per watch, not across watches: the parent's IN_DELETE may come either side.
        #expect(
            events.filter { $0.wd == sub } == [
                InotifyEvent(wd: sub, mask: .deleteSelf), InotifyEvent(wd: sub, mask: .ignored),
            ])
        // The watch is gone with its directory, so removing it again is an error, not a crash.
        let error = expectSystemError { try inotify.removeWatch(sub) }
        #expect(error?.errno == EINVAL)
        #expect(error?.syscall == "inotify_rm_watch")
    }

    @Test("IN_IGNORED arrives after removeWatch")
    func ignoredAfterRemoveWatch() throws {
        let directory = TemporaryDirectory()
        let inotify = try Inotify()
        let wd = try inotify.addWatch(path: directory.path, mask: Self.spoolMask)
        try inotify.removeWatch(wd)
        let events = try collectEvents(inotify) { !$0.isEmpty }.events
        #expect(events == [InotifyEvent(wd: wd, mask: .ignored)])
        try writeFile(directory.child("after"))
        #expect(try inotify.waitReadable(timeoutMilliseconds: 50) == false)
    }

    @Test("readEvents and waitReadable: nothing pending, then something")
    func readEventsAndWait() throws {
        let directory = TemporaryDirectory()
        let inotify = try Inotify()
        let wd = try inotify.addWatch(path: directory.path, mask: [.closeWrite])
        #expect(try inotify.readEvents() == [])
        #expect(try inotify.waitReadable(timeoutMilliseconds: 20) == false)

        try writeFile(directory.child("one.txt"))
        try writeFile(directory.child("two.html"))
        #expect(try inotify.waitReadable(timeoutMilliseconds: 5000))
        var events: [InotifyEvent] = []
        let deadline = now() + .seconds(5)
        while events.count < 2 && now() < deadline {
            events += try inotify.readEvents()
            if events.count < 2 { _ = try inotify.waitReadable(timeoutMilliseconds: 100) }
        }
        #expect(
            events == [
                InotifyEvent(wd: wd, mask: .closeWrite, name: "one.txt"),
                InotifyEvent(wd: wd, mask: .closeWrite, name: "two.html"),
            ])
        #expect(try inotify.readEvents() == [])
    }

    @Test("a watch on a missing path or a file with onlyDirectory fails with the path")
    func addWatchErrors() throws {
        let directory = TemporaryDirectory()
        let inotify = try Inotify()
        let missing = directory.child("missing")
        let notFound = expectSystemError { _ = try inotify.addWatch(path: missing, mask: .create) }
        #expect(notFound?.errno == ENOENT)
        #expect(notFound?.path == missing)
        #expect(notFound?.description.hasPrefix("inotify_add_watch(\"\(missing)\"): ") == true)

        try writeFile(directory.child("file"))
        let notDirectory = expectSystemError {
            _ = try inotify.addWatch(path: directory.child("file"), mask: [.create, .onlyDirectory])
        }
        #expect(notDirectory?.errno == ENOTDIR)
    }

    @Test("close releases the descriptor once; later calls fail with EBADF")
    func closeOnce() throws {
        let directory = TemporaryDirectory()
        let inotify = try Inotify()
        let fd = inotify.fileDescriptor
        #expect(fd >= 0)
        #expect(fcntl(fd, F_GETFD) & FD_CLOEXEC != 0)
        #expect(fcntl(fd, F_GETFL) & O_NONBLOCK != 0)
        inotify.close()
        #expect(inotify.fileDescriptor == -1)
        inotify.close()
        #expect(expectSystemError { _ = try inotify.readEvents() }?.errno == EBADF)
        #expect(expectSystemError { _ = try inotify.addWatch(path: directory.path, mask: .create) }?.errno == EBADF)
        #expect(expectSystemError { _ = try inotify.waitReadable(timeoutMilliseconds: 0) }?.errno == EBADF)
    }

    @Test(
        "a flood of events ends in IN_Q_OVERFLOW with wd -1",
        .enabled(if: (KernelLimits.inotify().maxQueuedEvents ?? .max) <= 65536, "max_queued_events too large to flood")
    )
    func queueOverflow() throws {
        let limit = try #require(KernelLimits.inotify().maxQueuedEvents)
        let directory = TemporaryDirectory()
        let inotify = try Inotify()
        _ = try inotify.addWatch(path: directory.path, mask: [.closeNoWrite])
        try writeFile(directory.child("x"))
        try writeFile(directory.child("y"))
        // Alternate two names: the kernel merges an event identical to the one queued just before it.
        for index in 0..<(limit + 8) {
            let file = try FileDescriptor.openForReading(path: directory.child(index.isMultiple(of: 2) ? "x" : "y"))
            file.close()
        }
        let events = try inotify.readEvents()
        #expect(events.count == limit + 1)
        #expect(events.last == InotifyEvent(wd: -1, mask: .queueOverflow))
    }
}

@Suite("InotifyEventParser on synthetic buffers")
struct InotifyEventParserTests {
    /// One record as the kernel lays it out: header, name, NUL padding to a multiple of 16 (none when no name).
    static func record(wd: Int32, mask: UInt32, cookie: UInt32 = 0, name: String = "", padTo alignment: Int = 16)
        -> [UInt8]
    {
        var nameField = Array(name.utf8)
        if !nameField.isEmpty {
            nameField.append(0)
            while nameField.count % alignment != 0 { nameField.append(0) }
        }
        var bytes: [UInt8] = []
        for word in [UInt32(bitPattern: wd), mask, cookie, UInt32(nameField.count)] {
            withUnsafeBytes(of: word.littleEndian) { bytes += $0 }
        }
        return bytes + nameField
    }

    @Test func multipleRecords() {
        let buffer =
            Self.record(wd: 1, mask: UInt32(IN_CREATE), name: "a")
            + Self.record(wd: 1, mask: UInt32(IN_MOVED_FROM), cookie: 7, name: "0123456789abcdef")
            + Self.record(wd: 2, mask: UInt32(IN_MOVED_TO), cookie: 7, name: "b.txt", padTo: 4)
            + Self.record(wd: 3, mask: UInt32(IN_CREATE | IN_ISDIR), name: "sub")
        #expect(
            InotifyEventParser.parse(buffer) == [
                InotifyEvent(wd: 1, mask: .create, name: "a"),
                InotifyEvent(wd: 1, mask: .movedFrom, cookie: 7, name: "0123456789abcdef"),
                InotifyEvent(wd: 2, mask: .movedTo, cookie: 7, name: "b.txt"),
                InotifyEvent(wd: 3, mask: [.create, .isDirectory], name: "sub"),
            ])
    }

    @Test func zeroLengthName() {
        let buffer =
            Self.record(wd: 4, mask: UInt32(IN_DELETE_SELF)) + Self.record(wd: 4, mask: UInt32(IN_IGNORED))
            + Self.record(wd: -1, mask: UInt32(IN_Q_OVERFLOW))
        #expect(buffer.count == 3 * 16)
        #expect(
            InotifyEventParser.parse(buffer) == [
                InotifyEvent(wd: 4, mask: .deleteSelf),
                InotifyEvent(wd: 4, mask: .ignored),
                InotifyEvent(wd: -1, mask: .queueOverflow),
            ])
    }

    @Test func nameFieldWithoutTerminator() {
        // A len that is exactly the name length, no NUL: take the whole field rather than run past it.
        var buffer = Self.record(wd: 1, mask: UInt32(IN_CREATE))
        buffer[12] = 3
        buffer += Array("abc".utf8) + Self.record(wd: 1, mask: UInt32(IN_DELETE), name: "d")
        #expect(InotifyEventParser.parse(buffer).map(\.name) == ["abc", "d"])
    }

    @Test func truncatedTrailingRecordIsIgnored() {
        let first = Self.record(wd: 1, mask: UInt32(IN_CLOSE_WRITE), name: "complete.txt")
        let second = Self.record(wd: 1, mask: UInt32(IN_CLOSE_WRITE), name: "cut-short.txt")
        for cut in 0..<second.count {
            let events = InotifyEventParser.parse(first + second.prefix(cut))
            #expect(events == [InotifyEvent(wd: 1, mask: .closeWrite, name: "complete.txt")], "cut at \(cut)")
        }
        #expect(InotifyEventParser.parse(first + second).count == 2)
        #expect(InotifyEventParser.parse([]) == [])
        #expect(InotifyEventParser.parse(Array(first.prefix(15))) == [])
    }

    @Test func absurdLengthDoesNotReadPastTheBuffer() {
        var buffer = Self.record(wd: 1, mask: UInt32(IN_CREATE), name: "x")
        buffer[12] = 0xFF
        buffer[13] = 0xFF
        buffer[14] = 0xFF
        buffer[15] = 0xFF
        #expect(InotifyEventParser.parse(buffer) == [])
    }

    @Test func unalignedBuffer() {
        let buffer = [0xAA] + Self.record(wd: 9, mask: UInt32(IN_MOVED_TO), cookie: 3, name: "Kyïv — 24.txt")
        let events = buffer.withUnsafeBytes { InotifyEventParser.parse(UnsafeRawBufferPointer(rebasing: $0[1...])) }
        #expect(events == [InotifyEvent(wd: 9, mask: .movedTo, cookie: 3, name: "Kyïv — 24.txt")])
    }

    @Test func maskDescription() {
        #expect(InotifyMask([.create, .isDirectory]).description == "IN_CREATE|IN_ISDIR")
        #expect(InotifyMask.queueOverflow.description == "IN_Q_OVERFLOW")
        #expect(InotifyMask([]).description == "0")
        #expect(InotifyMask.allEvents.rawValue == 0xFFF)
        #expect(InotifyMask(rawValue: 0x8000_0000 | 0x4_0000).description == "IN_ONESHOT|0x40000")
    }
}
