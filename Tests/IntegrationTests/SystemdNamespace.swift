import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// A throwaway systemd booted as PID 1 of private PID, mount, network, UTS and IPC
/// namespaces (SPEC §11), on an overlay of `/` whose upper layer is a tmpfs.
///
/// Everything the tests install lands in that tmpfs, so the host's files are never
/// changed; `/run`, `/tmp`, `/var/tmp` and `/var/log/journal` are fresh tmpfs too, so
/// systemd's boot-time cleanup never sees the host's. udev and the units that change
/// global kernel state (sysctl, binfmt, module loading) are masked.
///
/// systemd runs in a cgroup of its own, `wirewatch-it.<runner pid>.<n>`, so that two
/// booted systems (or a systemd that another tool boots) never share cgroups, and so that
/// everything it leaves is found by name and removed.
///
/// Lifecycle: `boot(payload:)` returns once `systemctl is-system-running` says `running`
/// or `degraded`; `shutdown()` powers off, waits for every process of the namespace to
/// be gone (SIGKILL after a deadline) and removes the cgroups. Call `shutdown()` on every
/// path (`defer`); the namespaces and mounts die with the last process in them.
final class SystemdNamespace {
    /// A host file or folder copied into the overlay before systemd starts.
    struct Payload {
        /// Path on the host.
        var source: String
        /// Absolute path inside the booted system.
        var destination: String
    }

    /// PID of the namespace's systemd, as the host sees it.
    let pid: pid_t
    /// Seconds from launching `unshare` to `is-system-running` answering `running`.
    private(set) var bootSeconds: Double = 0
    /// Name of the cgroup (below each hierarchy's root) that holds the booted system.
    let cgroup: String

    private let launcher: Process
    private let launcherOutput: LockedData
    private var isShutDown = false

    /// True where the tests can boot a systemd: root, systemd, util-linux tools.
    static var isAvailable: Bool {
        let tools = ["/lib/systemd/systemd", "/usr/bin/unshare", "/usr/bin/nsenter", "/usr/sbin/chroot"]
        return getuid() == 0 && tools.allSatisfy { FileManager.default.isExecutableFile(atPath: $0) }
    }

    /// Boots systemd to `basic.target` with `payload` copied in, and waits until it is up.
    ///
    /// Throws `HarnessError.boot` (after cleaning up) when systemd does not come up within
    /// `timeout` seconds.
    static func boot(payload: [Payload], timeout: Double = 120) throws -> SystemdNamespace {
        reapStaleSystems()
        InotifyLimit.restoreSaved()
        let cgroup = "wirewatch-it.\(getpid()).\(String(UInt32.random(in: .min ... .max), radix: 16))"
        let started = Date()
        let launcher = Process()
        launcher.executableURL = URL(fileURLWithPath: "/usr/bin/unshare")
        // The overlay and every mount below it live in the new mount namespace only;
        // --fork makes the shell (then systemd, by exec) PID 1 of the new PID namespace.
        launcher.arguments =
            [
                "--pid", "--mount", "--net", "--uts", "--ipc", "--fork", "--mount-proc",
                "--propagation", "private", "/bin/sh", "-c", bootScript, "boot", cgroup,
            ] + payload.flatMap { [$0.source, $0.destination] }
        launcher.standardInput = FileHandle.nullDevice
        let output = LockedData()
        let pipe = Pipe()
        pipe.fileHandleForReading.readabilityHandler = { handle in
            let data = handle.availableData
            // At end of file the handler would otherwise fire again and again.
            if data.isEmpty { handle.readabilityHandler = nil } else { output.append(data) }
        }
        launcher.standardOutput = pipe
        launcher.standardError = pipe
        try launcher.run()

        // unshare's only child becomes systemd once the script has exec'd into it.
        var child: pid_t = 0
        do {
            child = try waitFor("systemd to start", timeout: timeout, interval: 0.02) {
                guard launcher.isRunning else {
                    throw HarnessError.boot("boot script ended: \(String(decoding: output.value, as: UTF8.self))")
                }
                guard let pid = childPID(of: launcher.processIdentifier),
                    commandLine(of: pid).first == "/lib/systemd/systemd"
                else { return nil }
                return pid
            }
        } catch {
            killAndReap(launcher: launcher, systemd: nil, cgroup: cgroup)
            throw error
        }
        let system = SystemdNamespace(pid: child, cgroup: cgroup, launcher: launcher, launcherOutput: output)
        do {
            var state = ""
            try waitFor("systemctl is-system-running", timeout: timeout, interval: 0.05) { () throws -> Bool? in
                // On a loaded machine (two cores, a debug build, other suites busy) one
                // systemctl call can outlast its own bound; that is "not yet", not a failed
                // boot, as long as the overall deadline has not passed.
                do {
                    state = try system.run(["systemctl", "is-system-running"], timeout: 10).output
                } catch HarnessError.timedOut(let command, let seconds) {
                    state = "no answer from `\(command)` within \(seconds) s"
                    return nil
                }
                return state == "running" || state == "degraded" ? true : nil
            } progress: {
                state
            }
        } catch {
            system.shutdown()
            throw HarnessError.boot("\(error)\nlauncher output: \(String(decoding: output.value, as: UTF8.self))")
        }
        system.bootSeconds = Date().timeIntervalSince(started)
        return system
    }

    private init(pid: pid_t, cgroup: String, launcher: Process, launcherOutput: LockedData) {
        self.pid = pid
        self.cgroup = cgroup
        self.launcher = launcher
        self.launcherOutput = launcherOutput
    }

    /// Runs `arguments` inside the booted system, as root, with its root and working
    /// directory (`nsenter -m -p -r -w`), killed after `timeout` seconds.
    ///
    /// `timeout(1)` inside the namespace bounds the command there too: killing nsenter
    /// from outside would leave its child running in the namespace.
    func run(_ arguments: [String], timeout: Double = 60) throws -> CommandResult {
        let seconds = String(Int(timeout.rounded(.up)))
        var result = try runCommand(
            "/usr/bin/nsenter",
            ["-t", String(pid), "-m", "-p", "-r", "-w", "--", "timeout", "-k", "5", seconds] + arguments,
            timeout: timeout + 10)
        result.command = arguments.joined(separator: " ")
        return result
    }

    /// Runs a `/bin/sh -c` script inside the booted system; see `run(_:timeout:)`.
    func sh(_ script: String, timeout: Double = 60) throws -> CommandResult {
        try run(["/bin/sh", "-c", script], timeout: timeout)
    }

    /// Like `run`, but throws `HarnessError.failed` unless the command exits 0.
    @discardableResult
    func check(_ arguments: [String], timeout: Double = 60) throws -> CommandResult {
        let result = try run(arguments, timeout: timeout)
        guard result.succeeded else { throw HarnessError.failed(result) }
        return result
    }

    /// Like `sh`, but throws `HarnessError.failed` unless the script exits 0.
    @discardableResult
    func checkSh(_ script: String, timeout: Double = 60) throws -> CommandResult {
        try check(["/bin/sh", "-c", script], timeout: timeout)
    }

    /// The host path through which the booted system's file `path` is reached
    /// (`/proc/PID/root/…`), for writing many files without a process per file.
    func hostPath(_ path: String) -> String {
        "/proc/\(pid)/root" + (path.hasPrefix("/") ? path : "/" + path)
    }

    /// Powers the system off and waits until every process of it is gone, killing what
    /// remains after `timeout` seconds; then removes its cgroups. Safe to call twice.
    func shutdown(timeout: Double = 30) {
        guard !isShutDown else { return }
        isShutDown = true
        // poweroff may be cut off as systemd goes down; its exit status tells nothing.
        _ = try? run(["systemctl", "--no-block", "poweroff"], timeout: 10)
        let deadline = Date().addingTimeInterval(timeout)
        while launcher.isRunning && Date() < deadline {
            Thread.sleep(forTimeInterval: 0.05)
        }
        Self.killAndReap(launcher: launcher, systemd: pid, cgroup: cgroup)
    }

    /// What `unshare` and the boot script printed (systemd's console output included).
    var launcherLog: String { String(decoding: launcherOutput.value, as: UTF8.self) }

    // MARK: - Internals

    /// Runs as PID 1 of the new namespaces, before systemd: joins the cgroup named in $1,
    /// builds the overlay root, copies the payload pairs ($2 $3, $4 $5, …) into it, makes it
    /// the namespace's root and execs systemd.
    private static let bootScript = """
        set -eu
        cg=$1; shift
        if [ -e /sys/fs/cgroup/cgroup.controllers ]; then hierarchies=/sys/fs/cgroup
        else hierarchies="/sys/fs/cgroup/systemd /sys/fs/cgroup/unified"; fi
        for h in $hierarchies; do
            if [ -d "$h" ]; then mkdir -p "$h/$cg"; echo $$ > "$h/$cg/cgroup.procs"; fi
        done
        base=/mnt; r=$base/r
        mount -t tmpfs -o mode=0755 wirewatch-it $base
        mkdir $base/upper $base/work $r
        mount -t overlay overlay -o lowerdir=/,upperdir=$base/upper,workdir=$base/work $r
        for d in proc sys dev; do mount --rbind /$d $r/$d; done
        for d in run tmp var/tmp var/log/journal; do mkdir -p $r/$d; mount -t tmpfs tmpfs $r/$d; done
        chmod 1777 $r/tmp $r/var/tmp
        for u in systemd-udevd.service systemd-udevd-control.socket systemd-udevd-kernel.socket \\
                 systemd-udev-trigger.service systemd-sysctl.service systemd-binfmt.service \\
                 proc-sys-fs-binfmt_misc.automount proc-sys-fs-binfmt_misc.mount systemd-modules-load.service; do
            ln -sf /dev/null $r/etc/systemd/system/$u
        done
        while [ $# -ge 2 ]; do
            mkdir -p "$r$(dirname "$2")"
            cp -a "$1" "$r$2"
            shift 2
        done
        # pivot_root, not chroot: the kernel refuses new user namespaces (PrivateUsers=)
        # to a chrooted process, whose root differs from its mount namespace's root.
        cd $r
        pivot_root . .
        umount -l .
        exec /lib/systemd/systemd --system --unit=basic.target
        """

    private static func childPID(of parent: pid_t) -> pid_t? {
        guard let text = try? String(contentsOfFile: "/proc/\(parent)/task/\(parent)/children", encoding: .utf8)
        else { return nil }
        return text.split(separator: " ").first.flatMap { pid_t($0) }
    }

    private static func commandLine(of pid: pid_t) -> [String] {
        guard let data = FileManager.default.contents(atPath: "/proc/\(pid)/cmdline") else { return [] }
        return data.split(separator: 0).map { String(decoding: $0, as: UTF8.self) }
    }

    private static var hierarchies: [String] {
        if FileManager.default.fileExists(atPath: "/sys/fs/cgroup/cgroup.controllers") { return ["/sys/fs/cgroup"] }
        return ["/sys/fs/cgroup/systemd", "/sys/fs/cgroup/unified"]
    }

    /// Every PID in the cgroup `name` and below it, in any hierarchy.
    private static func processes(inCgroup name: String) -> [pid_t] {
        var pids: Set<pid_t> = []
        for hierarchy in hierarchies {
            let root = "\(hierarchy)/\(name)"
            let dirs = [""] + ((try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? [])
            for dir in dirs {
                guard let text = try? String(contentsOfFile: "\(root)/\(dir)/cgroup.procs", encoding: .utf8)
                else { continue }
                pids.formUnion(text.split(separator: "\n").compactMap { pid_t($0) })
            }
        }
        return Array(pids)
    }

    /// SIGKILLs whatever is left of a system and removes its cgroups, deepest first.
    ///
    /// Killing systemd, the namespace's PID 1, makes the kernel kill every other process
    /// of the PID namespace; the mount namespace, and with it the overlay and the tmpfs
    /// mounts, goes away with the last of them.
    private static func killAndReap(launcher: Process?, systemd: pid_t?, cgroup: String) {
        if let systemd, let launcher, launcher.isRunning { kill(systemd, SIGKILL) }
        for pid in processes(inCgroup: cgroup) { kill(pid, SIGKILL) }
        if let launcher {
            let deadline = Date().addingTimeInterval(10)
            while launcher.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.02) }
            if launcher.isRunning { kill(launcher.processIdentifier, SIGKILL) }
            launcher.waitUntilExit()
        }
        removeCgroup(cgroup)
    }

    /// Removes the cgroup directories `name` (rmdir, deepest first), retrying while the
    /// kernel still counts processes that have just died.
    private static func removeCgroup(_ name: String) {
        let deadline = Date().addingTimeInterval(5)
        for hierarchy in hierarchies {
            let root = "\(hierarchy)/\(name)"
            while FileManager.default.fileExists(atPath: root) {
                let subdirectories = ((try? FileManager.default.subpathsOfDirectory(atPath: root)) ?? [])
                    .map { "\(root)/\($0)" }
                    .filter { isDirectory($0) }
                    .sorted { $0.count > $1.count }
                for dir in subdirectories + [root] { rmdir(dir) }
                if Date() >= deadline { break }
                if FileManager.default.fileExists(atPath: root) { Thread.sleep(forTimeInterval: 0.05) }
            }
        }
    }

    private static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    /// Kills and removes systems that an earlier test run left behind when it died
    /// before `shutdown()`: cgroups named `wirewatch-it.<pid>.<n>` whose runner is gone.
    private static func reapStaleSystems() {
        for hierarchy in hierarchies {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: hierarchy)) ?? []
            for name in names where name.hasPrefix("wirewatch-it.") {
                let parts = name.split(separator: ".")
                guard parts.count == 3, let runner = pid_t(parts[1]), runner != getpid(), kill(runner, 0) != 0
                else { continue }
                killAndReap(launcher: nil, systemd: nil, cgroup: name)
            }
        }
    }
}
