import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Where the tests find what they install: the package checkout and the built binary.
enum Checkout {
    /// Package root, from this file's path (Tests/IntegrationTests/<file>).
    static let root: URL = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    static var packaging: String { root.appendingPathComponent("Packaging").path }
    static var samples: String { root.appendingPathComponent("Tests/Fixtures/samples").path }

    /// The wirewatch executable under test.
    ///
    /// `WIREWATCH_IT_BINARY` wins (to test an installed or release build); then the one
    /// beside the running test bundle, which SwiftPM builds with `--build-tests` because
    /// the test target depends on the executable; then `.build/debug/wirewatch`.
    static func binary() throws -> String {
        var candidates: [String] = []
        if let override = ProcessInfo.processInfo.environment["WIREWATCH_IT_BINARY"], !override.isEmpty {
            candidates.append(override)
        }
        if let argument0 = CommandLine.arguments.first {
            let bundle = URL(fileURLWithPath: argument0).resolvingSymlinksInPath()
            candidates.append(bundle.deletingLastPathComponent().appendingPathComponent("wirewatch").path)
        }
        if let executable = Bundle.main.executableURL?.resolvingSymlinksInPath() {
            candidates.append(executable.deletingLastPathComponent().appendingPathComponent("wirewatch").path)
        }
        candidates.append(root.appendingPathComponent(".build/debug/wirewatch").path)
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw HarnessError.boot("no wirewatch binary; looked at \(candidates)")
        }
        return found
    }
}

/// The journald MESSAGE_IDs of wirewatch alerts (SPEC §6, Packaging/wirewatch.catalog).
enum AlertID {
    static let newStory = "ada25c60588f4db2be41f13b0b2baaf6"
    static let corroborated = "bbd2840e6dc2451482c79a47df30f7ed"
    static let escalated = "37dd39af79044d1f9097fc2a3b489571"
    static let quarantined = "780f55faa5634c669cabe7c3c9dab6c0"
    /// The ids an article (as opposed to a quarantined dump) can raise.
    static let articleKinds: Set<String> = [newStory, corroborated, escalated]
}

/// wirewatch installed by `Packaging/install.sh` into a freshly booted `SystemdNamespace`,
/// exactly as an administrator would, plus a user `dropper` in group `wirewatch` who drops
/// the dumps (so the spool permissions are exercised, not bypassed by root).
///
/// Use `InstalledWirewatch.with { … }`: it shuts the system down on every path.
struct InstalledWirewatch {
    let system: SystemdNamespace

    static let inbox = "/var/lib/wirewatch/inbox"
    static let archive = "/var/lib/wirewatch/archive"
    static let quarantine = "/var/lib/wirewatch/quarantine"
    /// Dumps are written here first: it is on the same filesystem as the inbox, so one
    /// `mv` drops a whole batch as a burst of renames.
    static let stage = "/var/lib/wirewatch-stage"
    static let samples = "/opt/wirewatch-it/samples"

    /// Boots, installs, runs `body`, then shuts down, whether `body` threw or not. When it
    /// threw, the unit's journal tail is printed first, since the namespace (and the
    /// journal in it) is gone afterwards.
    static func with(_ body: (InstalledWirewatch) throws -> Void) throws {
        let system = try SystemdNamespace.boot(payload: [
            .init(source: try Checkout.binary(), destination: "/opt/wirewatch-it/bin/wirewatch"),
            .init(source: Checkout.packaging, destination: "/opt/wirewatch-it/Packaging"),
            .init(source: Checkout.samples, destination: samples),
        ])
        defer { system.shutdown() }
        print(
            "systemd namespace (pid \(system.pid), cgroup \(system.cgroup)) booted in "
                + String(format: "%.2f s", system.bootSeconds))
        let installed = InstalledWirewatch(system: system)
        do {
            try system.checkSh(
                "sh /opt/wirewatch-it/Packaging/install.sh '' /opt/wirewatch-it/bin/wirewatch"
                    + " && useradd --no-create-home --groups wirewatch dropper"
                    + " && install -d -o dropper -g wirewatch \(stage)")
            try body(installed)
        } catch {
            print("---- journalctl -u wirewatch (tail) after: \(error)\n" + installed.journalTail())
            throw error
        }
    }

    /// `systemctl start wirewatch`; with `Type=notify` it returns once READY=1 arrived.
    func start() throws {
        try system.check(["systemctl", "start", "wirewatch"], timeout: 90)
    }

    /// `systemctl show wirewatch -p …` as a dictionary.
    func show(_ properties: [String]) throws -> [String: String] {
        let result = try system.check(["systemctl", "show", "wirewatch"] + properties.flatMap { ["-p", $0] })
        var values: [String: String] = [:]
        for line in result.lines {
            guard let equals = line.firstIndex(of: "=") else { continue }
            values[String(line[..<equals])] = String(line[line.index(after: equals)...])
        }
        return values
    }

    /// Runs a shell command as `dropper`, a member of group wirewatch with umask 022.
    func asDropper(_ script: String) throws {
        try system.check([
            "setpriv", "--reuid=dropper", "--regid=dropper", "--init-groups", "/bin/sh", "-c",
            "umask 022; " + script,
        ])
    }

    /// Regular files below `dir`, counted inside the booted system.
    func fileCount(_ dir: String) throws -> Int {
        Int(try system.checkSh("find \(dir) -type f | wc -l").output) ?? -1
    }

    /// `wirewatch articles --json`, one object per line, read as root.
    func articles() throws -> [[String: Any]] {
        let result = try system.check([
            "wirewatch", "articles", "--json", "--limit", "100000", "--state", "/var/lib/wirewatch",
        ])
        return try result.lines.map { line in
            guard let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                throw HarnessError.failed(result)
            }
            return object
        }
    }

    /// `wirewatch stats --json`: one object.
    func stats() throws -> [String: Any] {
        let result = try system.check(["wirewatch", "stats", "--json", "--state", "/var/lib/wirewatch"])
        guard let object = try JSONSerialization.jsonObject(with: Data(result.output.utf8)) as? [String: Any] else {
            throw HarnessError.failed(result)
        }
        return object
    }

    /// Entries of `journalctl -u wirewatch -o json`, with their text fields.
    func journal() throws -> [[String: String]] {
        let result = try system.check(["journalctl", "-u", "wirewatch", "-o", "json", "--no-pager"], timeout: 120)
        return result.lines.compactMap { line in
            guard let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any] else {
                return nil
            }
            var fields: [String: String] = [:]
            for (key, value) in object {
                if let text = value as? String {
                    fields[key] = text
                } else if let bytes = value as? [Int] {
                    // journald gives non-UTF-8 or binary values as an array of bytes.
                    fields[key] = String(decoding: bytes.map { UInt8(truncatingIfNeeded: $0) }, as: UTF8.self)
                }
            }
            return fields
        }
    }

    /// The journal entries that are article alerts (one of `AlertID.articleKinds`).
    func alerts() throws -> [[String: String]] {
        try journal().filter { AlertID.articleKinds.contains($0["MESSAGE_ID"] ?? "") }
    }

    /// The last lines of the unit's journal, for failure messages.
    func journalTail(_ lines: Int = 60) -> String {
        (try? system.run(["journalctl", "-u", "wirewatch", "-n", String(lines), "--no-pager", "-o", "short-monotonic"])
            .stdout) ?? "(journal unreadable)"
    }

    /// Writes `count` distinct dumps into `stage` (through the host's view of the system,
    /// no process per file), owned by dropper:wirewatch.
    func stageDumps(_ count: Int, prefix: String) throws {
        let ids = try system.checkSh("id -u dropper; getent group wirewatch | cut -d: -f3").lines
        guard ids.count == 2, let uid = uid_t(ids[0]), let gid = gid_t(ids[1]) else {
            throw HarnessError.boot("cannot resolve dropper/wirewatch ids: \(ids)")
        }
        let stage = system.hostPath(Self.stage)
        for index in 1...count {
            let path = "\(stage)/\(prefix)-\(String(format: "%04d", index)).txt"
            guard FileManager.default.createFile(atPath: path, contents: Data(Dumps.text(index, prefix: prefix).utf8))
            else { throw HarnessError.boot("cannot write \(path)") }
            chown(path, uid, gid)
        }
    }

    /// Renames every staged dump into the inbox, as fast as the kernel allows: a burst of
    /// IN_MOVED_TO events.
    ///
    /// rename(2) straight from the test process, through the host's view of the system:
    /// `mv` stats each target after renaming it and reports a bogus error whenever the
    /// daemon has already moved that file on.
    func dropStaged() throws {
        let stage = system.hostPath(Self.stage)
        let inbox = system.hostPath(Self.inbox)
        let names = try FileManager.default.contentsOfDirectory(atPath: stage).filter { $0.hasSuffix(".txt") }.sorted()
        for name in names where rename("\(stage)/\(name)", "\(inbox)/\(name)") != 0 {
            throw HarnessError.boot("rename \(name) into the inbox: \(String(cString: strerror(errno)))")
        }
    }
}

/// Synthetic article dumps: plausible text dumps, distinct per index in every paragraph
/// so that neither their SHA-256 nor their wording coincides.
enum Dumps {
    private static let places = [
        "Aberdeen", "Bergen", "Cork", "Dundee", "Esbjerg", "Flensburg", "Galway", "Hull", "Inverness", "Kiel",
        "Limerick", "Malmo", "Narvik", "Oban", "Plymouth", "Quimper", "Rostock", "Stavanger", "Tromso", "Umea",
    ]
    private static let subjects = [
        "harbour expansion", "rail link", "water treatment plant", "school building programme", "wind farm",
        "hospital wing", "ferry contract", "housing scheme", "bridge repair", "flood barrier", "library",
    ]
    private static let reporters = [
        "Alex Morgan", "Sam Okafor", "Kim Lindqvist", "Ruth Castellano", "Tomasz Nowak", "Ines Ferreira",
        "Oliver Grant",
    ]
    private static let outlets = ["Coastal Herald", "Northern Ledger", "Harbour Times", "Evening Courier", "Tidewater"]

    /// The dump text for `index`; `prefix` keeps batches of one test apart.
    static func text(_ index: Int, prefix: String) -> String {
        let place = places[index % places.count]
        let subject = subjects[(index / places.count) % subjects.count]
        let reporter = reporters[index % reporters.count]
        let outlet = outlets[index % outlets.count]
        let amount = 3 + (index * 37) % 950
        let votes = 11 + index % 29
        let day = 1 + index % 28
        return """
            \(outlet)

            \(place) council approves \(amount) million plan for \(subject) (\(prefix) report \(index))

            By \(reporter)

            \(day) March 2024, 09:\(String(format: "%02d", index % 60))

            Councillors in \(place) voted \(votes) to \(votes / 3) on Tuesday to approve a \(amount) million \
            plan for the \(subject), report number \(index) in the \(prefix) series.
            The leader of the council said the \(subject) would be finished within \(2 + index % 7) years \
            and that \(amount * 12) local jobs depended on it.

            Opponents in \(place) argued that the \(subject) had been planned without consultation and that \
            the cost, now \(amount) million, had risen by \(index % 40 + 5) percent since the first estimate.

            A public meeting about item \(index) will be held in the town hall on \(day + 1) April, \
            \(reporter) reports for the \(outlet).

            """
    }
}
