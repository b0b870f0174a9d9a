import TOMLKit
import WirewatchStories

extension Configuration {
    /// Reads a config file (or none), then applies command-line overrides.
    ///
    /// Relative paths in the file resolve against the state directory. Unknown sections and
    /// keys and values of the wrong type or range are errors naming the dotted key.
    /// - Parameters:
    ///   - text: the file's contents, or nil when there is no file.
    ///   - file: the file's path, for messages and for reload.
    ///   - state: `--state`, else the file's `[store] path` directory, else `defaultState`.
    public static func load(
        text: String?, file: String?, inbox: String? = nil, state: String? = nil, defaultState: String
    ) throws(ConfigurationError) -> Configuration {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text ?? "")
        } catch let error as TOMLParseError {
            throw ConfigurationError(
                file: file, key: "",
                problem: "TOML syntax error at line \(error.source.begin.line): \(error.description)")
        } catch {
            throw ConfigurationError(file: file, key: "", problem: "cannot parse TOML: \(error)")
        }
        var reader = TableReader(table: table, file: file)
        return try reader.read(inbox: inbox, state: state, defaultState: defaultState, source: file)
    }
}

/// Walks the TOML tables once, checking every key against the known ones.
private struct TableReader {
    let table: TOMLTable
    let file: String?

    static let known: [String: Set<String>] = [
        "spool": ["inbox", "archive", "quarantine", "recursive", "ignore", "max_file_size", "rescan_interval"],
        "store": ["path"],
        "pipeline": ["workers", "queue_capacity"],
        "alerts": ["story_window", "min_priority", "burst_limit", "rule"],
    ]
    static let ruleKeys: Set<String> = [
        "name", "events", "entities", "locations", "keywords", "publishers", "min_sources", "priority",
    ]

    func fail(_ key: String, _ problem: String) -> ConfigurationError {
        ConfigurationError(file: file, key: key, problem: problem)
    }

    mutating func read(
        inbox: String?, state: String?, defaultState: String, source: String?
    ) throws(ConfigurationError) -> Configuration {
        for key in table.keys where Self.known[key] == nil {
            throw fail(key, "unknown section (known: \(Self.known.keys.sorted().joined(separator: ", ")))")
        }
        var sections: [String: TOMLTable] = [:]
        for (name, keys) in Self.known {
            guard let value = table[name] else { continue }
            guard let section = value.table else { throw fail(name, "must be a table ([\(name)])") }
            for key in section.keys where !keys.contains(key) {
                throw fail("\(name).\(key)", "unknown key (known: \(keys.sorted().joined(separator: ", ")))")
            }
            sections[name] = section
        }
        let rules = try readRules(sections["alerts"])

        let storePath = try string(sections["store"], "store", "path")
        let stateDir = state ?? storePath.map { Path.parent($0) } ?? defaultState
        var config = Configuration.defaults(state: stateDir)
        config.source = source
        if let storePath { config.store.path = Path.resolve(storePath, against: stateDir) }
        if state != nil { config.store.path = Path.join(stateDir, "wirewatch.sqlite") }

        let spool = sections["spool"]
        if let v = try string(spool, "spool", "inbox") { config.spool.inbox = Path.resolve(v, against: stateDir) }
        if let v = try string(spool, "spool", "archive") {
            config.spool.archive = v.isEmpty ? nil : Path.resolve(v, against: stateDir)
        }
        if let v = try string(spool, "spool", "quarantine") {
            guard !v.isEmpty else { throw fail("spool.quarantine", "must not be empty") }
            config.spool.quarantine = Path.resolve(v, against: stateDir)
        }
        if let v = try bool(spool, "spool", "recursive") { config.spool.recursive = v }
        if let v = try strings(spool, "spool", "ignore") { config.spool.ignore = v }
        if let v = try size(spool, "spool", "max_file_size") { config.spool.maxFileSize = v }
        if let v = try duration(spool, "spool", "rescan_interval") { config.spool.rescanInterval = v }
        if let inbox { config.spool.inbox = inbox }

        let pipeline = sections["pipeline"]
        if let v = try int(pipeline, "pipeline", "workers", in: 1...64) { config.pipeline.workers = v }
        if let v = try int(pipeline, "pipeline", "queue_capacity", in: 1...1_000_000) {
            config.pipeline.queueCapacity = v
        }

        let alerts = sections["alerts"]
        if let v = try duration(alerts, "alerts", "story_window") { config.alerts.storyWindow = v }
        if let v = try priority(alerts, "alerts", "min_priority") { config.alerts.minPriority = v }
        if let v = try int(alerts, "alerts", "burst_limit", in: 1...100_000) { config.alerts.burstLimit = v }
        config.alerts.rules = rules

        try checkLayout(config)
        return config
    }

    /// Parses `[[alerts.rule]]` into typed rules; every problem names the rule's key
    /// (`alerts.rule[2].events`) and, where it helps, the rule's name.
    func readRules(_ alerts: TOMLTable?) throws(ConfigurationError) -> [AlertRule] {
        guard let value = alerts?["rule"] else { return [] }
        guard let tables = value.array else {
            throw fail("alerts.rule", "must be an array of tables ([[alerts.rule]])")
        }
        var rules: [AlertRule] = []
        for (index, element) in tables.enumerated() {
            let key = "alerts.rule[\(index)]"
            guard let table = element.table else { throw fail(key, "must be a table") }
            for name in table.keys where !Self.ruleKeys.contains(name) {
                throw fail(
                    "\(key).\(name)", "unknown key (known: \(Self.ruleKeys.sorted().joined(separator: ", ")))")
            }
            guard let name = table["name"]?.string?.trimmingCharacters(in: " "), !name.isEmpty else {
                throw fail("\(key).name", "is required and must be a non-empty string")
            }
            if rules.contains(where: { $0.name == name }) {
                throw fail("\(key).name", "rule name \"\(name)\" is used twice; names must be unique")
            }
            var rule = AlertRule(name: name)
            rule.events = try strings(table, key, "events") ?? []
            for type in rule.events where EventVocabulary.goldstein[type] == nil {
                throw fail(
                    "\(key).events",
                    "unknown event type \"\(type)\" in rule \"\(name)\" (known: "
                        + EventVocabulary.types.joined(separator: ", ") + ")")
            }
            rule.entities = try strings(table, key, "entities") ?? []
            rule.locations = try strings(table, key, "locations") ?? []
            rule.keywords = try strings(table, key, "keywords") ?? []
            rule.publishers = try strings(table, key, "publishers") ?? []
            rule.minSources = try int(table, key, "min_sources", in: 1...1000) ?? 1
            rule.priority = try priority(table, key, "priority")
            rules.append(rule)
        }
        return rules
    }

    func checkLayout(_ config: Configuration) throws(ConfigurationError) {
        let inbox = config.spool.inbox.hasSuffix("/") ? config.spool.inbox : config.spool.inbox + "/"
        if let archive = config.spool.archive, (archive + "/").hasPrefix(inbox) || archive == config.spool.inbox {
            throw fail("spool.archive", "must not be inside the inbox (\(config.spool.inbox))")
        }
        if (config.spool.quarantine + "/").hasPrefix(inbox) {
            throw fail("spool.quarantine", "must not be inside the inbox (\(config.spool.inbox))")
        }
    }

    func string(_ t: TOMLTable?, _ s: String, _ k: String) throws(ConfigurationError) -> String? {
        guard let v = t?[k] else { return nil }
        guard let str = v.string else { throw fail("\(s).\(k)", "must be a string") }
        return str
    }

    func bool(_ t: TOMLTable?, _ s: String, _ k: String) throws(ConfigurationError) -> Bool? {
        guard let v = t?[k] else { return nil }
        guard let b = v.bool else { throw fail("\(s).\(k)", "must be true or false") }
        return b
    }

    func int(_ t: TOMLTable?, _ s: String, _ k: String, in range: ClosedRange<Int>) throws(ConfigurationError) -> Int? {
        guard let v = t?[k] else { return nil }
        guard let i = v.int else { throw fail("\(s).\(k)", "must be an integer") }
        guard range.contains(i) else {
            throw fail("\(s).\(k)", "must be between \(range.lowerBound) and \(range.upperBound), got \(i)")
        }
        return i
    }

    func strings(_ t: TOMLTable?, _ s: String, _ k: String) throws(ConfigurationError) -> [String]? {
        guard let v = t?[k] else { return nil }
        guard let array = v.array else { throw fail("\(s).\(k)", "must be an array of strings") }
        var out: [String] = []
        for element in array {
            guard let str = element.string, !str.isEmpty else {
                throw fail("\(s).\(k)", "must be an array of non-empty strings")
            }
            out.append(str)
        }
        return out
    }

    func size(_ t: TOMLTable?, _ s: String, _ k: String) throws(ConfigurationError) -> Int? {
        guard let v = t?[k] else { return nil }
        if let i = v.int {
            guard i > 0 else { throw fail("\(s).\(k)", "must be a positive number of bytes") }
            return i
        }
        guard let str = v.string, let bytes = Units.bytes(str), bytes > 0 else {
            throw fail("\(s).\(k)", "must be a positive size such as 33554432 or \"32MiB\"")
        }
        return bytes
    }

    func duration(_ t: TOMLTable?, _ s: String, _ k: String) throws(ConfigurationError) -> Duration? {
        guard let v = t?[k] else { return nil }
        if let i = v.int {
            guard i > 0 else { throw fail("\(s).\(k)", "must be a positive number of seconds") }
            return .seconds(i)
        }
        guard let str = v.string, let d = Units.duration(str), d > .zero else {
            throw fail("\(s).\(k)", "must be a positive duration such as 300 or \"5min\", \"72h\"")
        }
        return d
    }

    func priority(_ t: TOMLTable?, _ s: String, _ k: String) throws(ConfigurationError) -> Int? {
        guard let v = t?[k] else { return nil }
        if let i = v.int, (0...7).contains(i) { return i }
        if let str = v.string, let p = Units.priority(str) { return p }
        throw fail(
            "\(s).\(k)", "must be a syslog level 0–7 or one of emerg, alert, crit, err, warning, notice, info, debug")
    }
}

/// Parsing of human units in config values.
enum Units {
    /// "32MiB", "500k", "1G", "4096" → bytes (binary multiples for K/M/G with or without "iB").
    static func bytes(_ text: String) -> Int? {
        let (number, unit) = split(text)
        guard let number, number >= 0 else { return nil }
        let multipliers: [String: Double] = [
            "": 1, "b": 1, "k": 1024, "kb": 1000, "kib": 1024, "m": 1_048_576, "mb": 1_000_000, "mib": 1_048_576,
            "g": 1_073_741_824, "gb": 1_000_000_000, "gib": 1_073_741_824,
        ]
        guard let m = multipliers[unit] else { return nil }
        return Int(number * m)
    }

    /// "300", "5min", "72h", "1.5s", "250ms", "2d" → Duration.
    static func duration(_ text: String) -> Duration? {
        let (number, unit) = split(text)
        guard let number, number >= 0 else { return nil }
        let seconds: [String: Double] = [
            "": 1, "s": 1, "sec": 1, "second": 1, "seconds": 1, "ms": 0.001, "m": 60, "min": 60, "minute": 60,
            "minutes": 60, "h": 3600, "hour": 3600, "hours": 3600, "d": 86400, "day": 86400, "days": 86400,
        ]
        guard let m = seconds[unit] else { return nil }
        return .milliseconds(Int64((number * m * 1000).rounded()))
    }

    static func priority(_ text: String) -> Int? {
        let names = ["emerg", "alert", "crit", "err", "warning", "notice", "info", "debug"]
        let lower = text.lowercased()
        if let i = names.firstIndex(of: lower) { return i }
        let synonyms = ["emergency": 0, "critical": 2, "error": 3, "warn": 4]
        return synonyms[lower] ?? Int(lower).flatMap { (0...7).contains($0) ? $0 : nil }
    }

    private static func split(_ text: String) -> (Double?, String) {
        let trimmed = text.trimmingCharacters(in: " ")
        let digits = trimmed.prefix { $0.isNumber || $0 == "." }
        let unit = trimmed.dropFirst(digits.count).trimmingCharacters(in: " ").lowercased()
        return (Double(digits), unit)
    }
}

extension StringProtocol {
    fileprivate func trimmingCharacters(in character: Character) -> String {
        var s = Substring(self)
        while s.first == character { s = s.dropFirst() }
        while s.last == character { s = s.dropLast() }
        return String(s)
    }
}
