import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// What a finished command printed and how it exited.
struct CommandResult: Sendable, CustomStringConvertible {
    /// The command line, for messages.
    var command: String
    /// Exit status, or 128 + signal number when a signal ended it.
    var status: Int32
    var stdout: String
    var stderr: String

    var succeeded: Bool { status == 0 }

    /// `stdout` without its trailing newline(s).
    var output: String { stdout.trimmingCharacters(in: .whitespacesAndNewlines) }

    /// Non-empty lines of stdout.
    var lines: [Substring] { stdout.split(separator: "\n", omittingEmptySubsequences: true) }

    var description: String {
        "`\(command)` exited \(status)\n--- stdout ---\n\(stdout.suffix(4000))\n--- stderr ---\n\(stderr.suffix(4000))"
    }
}

/// Errors of the harness itself, as opposed to failed expectations about wirewatch.
enum HarnessError: Error, CustomStringConvertible {
    case timedOut(command: String, seconds: Double)
    case failed(CommandResult)
    case boot(String)
    case deadline(what: String, seconds: Double, last: String)

    var description: String {
        switch self {
        case .timedOut(let command, let seconds): "`\(command)` still running after \(seconds) s; killed"
        case .failed(let result): "command failed: \(result)"
        case .boot(let message): "systemd namespace: \(message)"
        case .deadline(let what, let seconds, let last): "gave up after \(seconds) s waiting for \(what); last: \(last)"
        }
    }
}

/// Collects bytes written from another thread; the lock makes it safe to share.
final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()

    func append(_ more: Data) {
        lock.lock()
        data.append(more)
        lock.unlock()
    }

    var value: Data {
        lock.lock()
        defer { lock.unlock() }
        return data
    }
}

/// Runs `executable` with `arguments` to completion and returns what it printed.
///
/// Both pipes are drained concurrently, so a command that prints a lot to stderr cannot
/// stall on a full pipe while stdout is read. A command still running after `timeout`
/// seconds is killed with SIGKILL and `HarnessError.timedOut` is thrown; a timeout is a
/// harness failure, never a result to assert on.
func runCommand(_ executable: String, _ arguments: [String], timeout: Double) throws -> CommandResult {
    let process = Process()
    process.executableURL = URL(fileURLWithPath: executable)
    process.arguments = arguments
    process.standardInput = FileHandle.nullDevice
    let outPipe = Pipe()
    let errPipe = Pipe()
    process.standardOutput = outPipe
    process.standardError = errPipe
    let commandLine = ([executable] + arguments).joined(separator: " ")
    try process.run()

    let out = LockedData()
    let err = LockedData()
    let readers = DispatchGroup()
    for (pipe, sink) in [(outPipe, out), (errPipe, err)] {
        readers.enter()
        DispatchQueue.global().async {
            sink.append(pipe.fileHandleForReading.readDataToEndOfFile())
            readers.leave()
        }
    }
    if readers.wait(timeout: .now() + timeout) == .timedOut {
        kill(process.processIdentifier, SIGKILL)
        // The readers may stay blocked if a grandchild keeps the pipe open; they only
        // hold memory, and the test fails on the throw below anyway.
        _ = readers.wait(timeout: .now() + 5)
        throw HarnessError.timedOut(command: commandLine, seconds: timeout)
    }
    process.waitUntilExit()
    let status =
        process.terminationReason == .uncaughtSignal ? 128 + process.terminationStatus : process.terminationStatus
    return CommandResult(
        command: commandLine, status: status,
        stdout: String(decoding: out.value, as: UTF8.self), stderr: String(decoding: err.value, as: UTF8.self))
}

/// Polls `probe` every `interval` seconds until it returns a value or `timeout` seconds
/// pass; then throws `HarnessError.deadline` naming `what` and the last `progress` seen.
///
/// Every wait in these tests goes through here, so none depends on a fixed sleep being
/// long enough.
func waitFor<T>(
    _ what: String, timeout: Double, interval: Double = 0.1,
    probe: () throws -> T?, progress: () -> String = { "" }
) throws -> T {
    let deadline = Date().addingTimeInterval(timeout)
    while true {
        if let value = try probe() { return value }
        if Date() >= deadline {
            throw HarnessError.deadline(what: what, seconds: timeout, last: progress())
        }
        Thread.sleep(forTimeInterval: interval)
    }
}
