/// Decides from a file name alone whether a dump is still being written or unwanted.
///
/// SPEC §2: names starting with `.` or ending in `.part`, `.tmp` or `~` are in progress
/// and ignored until renamed; the config adds glob patterns (`*`, `?`, `[abc]`).
public struct IgnoreRules: Sendable, Equatable {
    public var patterns: [String]

    public init(patterns: [String] = []) {
        self.patterns = patterns
    }

    /// True when the file named `name` (no directories) must be left alone for now.
    public func ignores(_ name: String) -> Bool {
        if name.isEmpty || name.hasPrefix(".") || name.hasSuffix("~") { return true }
        let lower = name.lowercased()
        if lower.hasSuffix(".part") || lower.hasSuffix(".tmp") { return true }
        // The quarantine sidecars never live in the inbox, but a user copying a quarantine
        // folder back must not get its sidecars extracted as articles.
        if lower.hasSuffix(".reason.json") { return true }
        return patterns.contains { Glob.matches(pattern: $0, name: name) }
    }
}

/// fnmatch-style matching on a single path component.
enum Glob {
    static func matches(pattern: String, name: String) -> Bool {
        match(Array(pattern.unicodeScalars), 0, Array(name.unicodeScalars), 0)
    }

    private static func match(_ p: [Unicode.Scalar], _ pi: Int, _ n: [Unicode.Scalar], _ ni: Int) -> Bool {
        var pi = pi
        var ni = ni
        // Position to return to after the last `*`, so that backtracking stays linear per star.
        var starP = -1
        var starN = 0
        while ni < n.count {
            if pi < p.count {
                switch p[pi] {
                case "*":
                    starP = pi
                    starN = ni
                    pi += 1
                    continue
                case "?":
                    pi += 1
                    ni += 1
                    continue
                case "[":
                    if let (matched, next) = bracket(p, pi, n[ni]) {
                        if matched {
                            pi = next
                            ni += 1
                            continue
                        }
                    } else if n[ni] == "[" {
                        pi += 1
                        ni += 1
                        continue
                    }
                case "\\" where pi + 1 < p.count:
                    if p[pi + 1] == n[ni] {
                        pi += 2
                        ni += 1
                        continue
                    }
                default:
                    if p[pi] == n[ni] {
                        pi += 1
                        ni += 1
                        continue
                    }
                }
            }
            guard starP >= 0 else { return false }
            starN += 1
            ni = starN
            pi = starP + 1
        }
        while pi < p.count && p[pi] == "*" { pi += 1 }
        return pi == p.count
    }

    /// Matches `[...]` at `p[start]`; nil when the bracket is not closed (then it is literal).
    private static func bracket(_ p: [Unicode.Scalar], _ start: Int, _ c: Unicode.Scalar) -> (Bool, Int)? {
        var i = start + 1
        var negate = false
        if i < p.count && (p[i] == "!" || p[i] == "^") {
            negate = true
            i += 1
        }
        var matched = false
        var first = true
        while i < p.count && (p[i] != "]" || first) {
            first = false
            if i + 2 < p.count && p[i + 1] == "-" && p[i + 2] != "]" {
                if p[i].value <= c.value && c.value <= p[i + 2].value { matched = true }
                i += 3
            } else {
                if p[i] == c { matched = true }
                i += 1
            }
        }
        guard i < p.count else { return nil }
        return (matched != negate, i + 1)
    }
}
