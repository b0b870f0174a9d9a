import Foundation
import Glibc
import Testing

@testable import WirewatchSystem

/// A fresh directory under `parent` (the system temporary directory by default), removed with everything in it
/// when the value goes away.
final class TemporaryDirectory {
    let path: String

    init(in parent: String = FileManager.default.temporaryDirectory.path, prefix: String = "wirewatch-system") {
        var template = Array("\(parent)/\(prefix).XXXXXX".utf8CString)
        let created = template.withUnsafeMutableBufferPointer { mkdtemp($0.baseAddress!) }
        precondition(created != nil, "mkdtemp in \(parent) failed: errno \(errno)")
        path = String(decoding: template.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    deinit {
        try? FileManager.default.removeItem(atPath: path)
    }

    func child(_ name: String) -> String { path + "/" + name }
}

/// Writes `bytes` to a new file with plain open/write/close, so an inotify watch sees exactly one
/// IN_CREATE and one IN_CLOSE_WRITE for `path` (Foundation may write through a temporary file instead).
func writeFile(_ path: String, _ bytes: [UInt8] = Array("dump\n".utf8), mode: mode_t = 0o644) throws {
    let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode)
    guard fd >= 0 else { throw SystemError(syscall: "open", errno: errno, path: path) }
    defer { close(fd) }
    var offset = 0
    while offset < bytes.count {
        let written = bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
        guard written > 0 else { throw SystemError(syscall: "write", errno: errno, path: path) }
        offset += written
    }
}

/// The current time on the monotonic clock, for deadlines.
func now() -> ContinuousClock.Instant { ContinuousClock.now }

/// Reads events from `inotify` until `done` holds for everything read so far, waiting in poll (never sleeping)
/// and giving up at the deadline. Returns the events and the raw bytes they were parsed from.
func collectEvents(
    _ inotify: Inotify, within timeout: Duration = .seconds(5), until done: ([InotifyEvent]) -> Bool
) throws -> (events: [InotifyEvent], raw: [UInt8]) {
    let deadline = now() + timeout
    var raw: [UInt8] = []
    var events: [InotifyEvent] = []
    var buffer = [UInt8](repeating: 0, count: 64 * 1024)
    while !done(events) {
        let left = deadline - now()
        if left <= .zero { break }
        let milliseconds = Int32(left.components.seconds * 1000 + left.components.attoseconds / 1_000_000_000_000_000)
        guard try inotify.waitReadable(timeoutMilliseconds: max(1, milliseconds)) else { continue }
        let count = try inotify.readRaw(into: &buffer)
        raw += buffer[..<count]
        events = InotifyEventParser.parse(raw)
    }
    return (events, raw)
}

/// Sets (or, for nil, unsets) environment variables for the duration of `body`, then restores them.
func withEnvironment<Result>(_ values: [String: String?], _ body: () throws -> Result) rethrows -> Result {
    var saved: [String: String?] = [:]
    for (key, value) in values {
        saved[key] = getenv(key).map { String(cString: $0) }
        if let value { setenv(key, value, 1) } else { unsetenv(key) }
    }
    defer {
        for (key, value) in saved {
            if let value { setenv(key, value, 1) } else { unsetenv(key) }
        }
    }
    return try body()
}

/// Expects `body` to throw a `SystemError` and returns it.
func expectSystemError(
    _ body: () throws -> Void, sourceLocation: SourceLocation = #_sourceLocation
) -> SystemError? {
    do {
        try body()
        Issue.record("expected a SystemError, got success", sourceLocation: sourceLocation)
        return nil
    } catch let error as SystemError {
        return error
    } catch {
        Issue.record("expected a SystemError, got \(error)", sourceLocation: sourceLocation)
        return nil
    }
}
