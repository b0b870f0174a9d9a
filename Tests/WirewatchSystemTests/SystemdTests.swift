import Foundation
import Glibc
import Testing

@testable import WirewatchSystem

/// Every test that reads or changes NOTIFY_SOCKET / WATCHDOG_* runs here, one at a time, so no other test sees the
/// environment half-changed.
@Suite("sd_notify and the watchdog", .serialized)
struct SystemdNotifyTests {
    @Test("libsystemd is loaded on first use, with all four functions")
    func libraryLoads() throws {
        let library = try LibSystemd.shared.get()
        // sd_watchdog_enabled answers 0 (no watchdog) when WATCHDOG_USEC is unset.
        var microseconds: UInt64 = 7
        withEnvironment(["WATCHDOG_USEC": nil]) {
            #expect(library.watchdogEnabled(0, &microseconds) == 0)
        }
        // The handle stays: the same functions come back.
        #expect(
            unsafeBitCast(try LibSystemd.shared.get().notify, to: UnsafeRawPointer.self)
                == unsafeBitCast(library.notify, to: UnsafeRawPointer.self))
    }

    @Test("send returns false without NOTIFY_SOCKET")
    func notSupervised() {
        withEnvironment(["NOTIFY_SOCKET": nil]) {
            #expect(!SystemdNotify.isSupervised)
            #expect(SystemdNotify.send("READY=1") == false)
            #expect((try? SystemdNotify.trySend("READY=1")) == false)
        }
    }

    @Test("send delivers exactly the state to the datagram socket in NOTIFY_SOCKET, and keeps the variable")
    func deliversDatagram() throws {
        let directory = TemporaryDirectory()
        let path = directory.child("notify")
        let receiver = try makeBoundUnixSocket(at: path, type: Int32(SOCK_DGRAM.rawValue))
        defer { close(receiver) }

        try withEnvironment(["NOTIFY_SOCKET": path]) {
            #expect(SystemdNotify.isSupervised)
            #expect(SystemdNotify.send("READY=1\nSTATUS=x"))
            #expect(try receiveDatagram(receiver) == "READY=1\nSTATUS=x")
            #expect(getenv("NOTIFY_SOCKET").map { String(cString: $0) } == path)

            let reloading = SystemdNotify.reloadingState()
            #expect(try SystemdNotify.trySend(reloading))
            let received = try receiveDatagram(receiver)
            #expect(received == reloading)
            #expect(received.hasPrefix("RELOADING=1\nMONOTONIC_USEC="))
            #expect(UInt64(received.dropFirst("RELOADING=1\nMONOTONIC_USEC=".count)) != nil)

            #expect(SystemdNotify.send("WATCHDOG=1"))
            #expect(try receiveDatagram(receiver) == "WATCHDOG=1")
        }
    }

    @Test("a NOTIFY_SOCKET nobody listens on makes send false and trySend throw")
    func deadSocket() {
        let directory = TemporaryDirectory()
        withEnvironment(["NOTIFY_SOCKET": directory.child("gone")]) {
            #expect(SystemdNotify.send("READY=1") == false)
            let error = expectSystemError { _ = try SystemdNotify.trySend("READY=1") }
            #expect(error?.syscall == "sd_notify")
            #expect(error?.errno == ENOENT)
        }
    }

    @Test("watchdogInterval follows WATCHDOG_USEC and WATCHDOG_PID")
    func watchdog() {
        let me = String(getpid())
        withEnvironment(["WATCHDOG_USEC": "3000000", "WATCHDOG_PID": me]) {
            #expect(SystemdNotify.watchdogInterval() == .seconds(3))
            #expect(getenv("WATCHDOG_USEC") != nil)
        }
        withEnvironment(["WATCHDOG_USEC": "1500", "WATCHDOG_PID": nil]) {
            #expect(SystemdNotify.watchdogInterval() == .microseconds(1500))
        }
        withEnvironment(["WATCHDOG_USEC": "3000000", "WATCHDOG_PID": String(getpid() + 1)]) {
            #expect(SystemdNotify.watchdogInterval() == nil)
        }
        withEnvironment(["WATCHDOG_USEC": "soon", "WATCHDOG_PID": me]) {
            #expect(SystemdNotify.watchdogInterval() == nil)
        }
        withEnvironment(["WATCHDOG_USEC": nil, "WATCHDOG_PID": nil]) {
            #expect(SystemdNotify.watchdogInterval() == nil)
        }
    }

    @Test func monotonicClock() {
        let first = SystemdNotify.monotonicMicroseconds()
        let second = SystemdNotify.monotonicMicroseconds()
        #expect(first > 0)
        #expect(second >= first)
        var now = timespec()
        clock_gettime(CLOCK_MONOTONIC, &now)
        let reference = UInt64(now.tv_sec) * 1_000_000 + UInt64(now.tv_nsec) / 1000
        #expect(reference >= second && reference - second < 5_000_000)
    }
}

/// Waits (in poll, up to 5 s) for one datagram on `fd` and returns it as text.
func receiveDatagram(_ fd: Int32) throws -> String {
    var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
    guard poll(&entry, 1, 5000) == 1 else { throw SystemError(syscall: "poll", errno: ETIMEDOUT) }
    var buffer = [UInt8](repeating: 0, count: 4096)
    let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, Int32(MSG_DONTWAIT)) }
    guard count >= 0 else { throw SystemError(syscall: "recv", errno: errno) }
    return String(decoding: buffer[..<count], as: UTF8.self)
}

@Suite("Journal")
struct JournalTests {
    static let journaldPresent = FileSystem.exists(path: Journal.socketPath)

    @Test func fieldNames() {
        for good in ["MESSAGE", "PRIORITY", "WIREWATCH_EVENT", "A", "X9", String(repeating: "K", count: 64)] {
            #expect(Journal.isValidFieldName(good), "\(good)")
        }
        for bad in [
            "", "message", "_PID", "9LIVES", "WIRE-WATCH", "WIREWATCH EVENT", "ÄRGER", "A=B",
            String(repeating: "K", count: 65),
        ] {
            #expect(!Journal.isValidFieldName(bad), "\(bad)")
        }
    }

    @Test("a bad field name is refused before anything is sent")
    func badKey() {
        let error = expectSystemError {
            try Journal.send([(key: "MESSAGE", value: "x"), (key: "bad key", value: "y")])
        }
        #expect(error?.errno == EINVAL)
        #expect(error?.syscall == "sd_journal_sendv")
        #expect(expectSystemError { try Journal.send([]) }?.errno == EINVAL)
    }

    @Test(
        "send reaches the real journald",
        .enabled(if: journaldPresent, "no journald here: /run/systemd/journal/socket does not exist")
    )
    func sendToJournald() throws {
        try Journal.send([
            (key: "MESSAGE", value: "wirewatch test entry\nwith a second line"),
            (key: "PRIORITY", value: "6"),
            (key: "SYSLOG_IDENTIFIER", value: "wirewatch-test"),
            (key: "WIREWATCH_EVENT", value: "missile_strike"),
        ])
    }

    @Test(
        "without journald, send throws ENOENT instead of libsystemd's silent success",
        .enabled(if: !journaldPresent, "journald is running here")
    )
    func sendWithoutJournald() throws {
        // libsystemd treats a missing socket as "no journal" and reports success; an alert
        // sent that way would be lost, so send must say it did not get through.
        let error = expectSystemError {
            try Journal.send([(key: "MESSAGE", value: "nobody hears this"), (key: "PRIORITY", value: "7")])
        }
        #expect(error?.errno == ENOENT)
        #expect(error?.path == Journal.socketPath)
        #expect(!Journal.isReachable)
        #expect(!Journal.socketExists)
    }
}

@Suite("SystemError")
struct SystemErrorTests {
    @Test func descriptionFormat() {
        #expect(
            SystemError(syscall: "open", errno: ELOOP, path: "/x/y").description
                == "open(\"/x/y\"): Too many levels of symbolic links (errno 40)")
        #expect(
            SystemError(syscall: "inotify_init1", errno: EMFILE).description
                == "inotify_init1(): Too many open files (errno 24)")
        #expect(
            SystemError(syscall: "rename", errno: EXDEV, path: "/a", destination: "/b").description
                == "rename(\"/a\", \"/b\"): Invalid cross-device link (errno 18)")
        #expect(
            SystemError(syscall: "open", errno: ENOENT, path: "line\nbreak\t\u{7F}").description
                == #"open("line\nbreak\t\x7f"): No such file or directory (errno 2)"#)
        #expect(SystemError(syscall: "x", errno: 4242).description.hasSuffix("(errno 4242)"))
    }

    @Test func classification() {
        #expect(SystemError(syscall: "open", errno: ENOENT).isNotFound)
        #expect(SystemError(syscall: "renameat2", errno: EEXIST).isAlreadyExists)
        #expect(SystemError(syscall: "write", errno: ENOSPC).isStorageUnavailable)
        #expect(SystemError(syscall: "open", errno: EROFS).isStorageUnavailable)
        #expect(!SystemError(syscall: "open", errno: EACCES).isStorageUnavailable)
    }
}
