import ArgumentParser
import Foundation
import WirewatchDaemon
import WirewatchStore

/// `--state` and `--config` for the read commands.
struct StoreOptions: ParsableArguments {
    @Option(help: "State directory holding wirewatch.sqlite (default: the config's, else /var/lib/wirewatch).")
    var state: String?

    @Option(help: "Config file whose [store] path to read.")
    var config: String?

    @Flag(help: "JSON lines instead of a table.")
    var json = false

    func openStore() throws -> Store {
        let path = try Locations.storePath(state: state, config: config)
        do {
            return try Store.openReadOnly(path: path)
        } catch {
            throw ValidationError("cannot open the store: \(error)")
        }
    }
}

extension ConfigurationError: LocalizedError {
    public var errorDescription: String? { description }
}

/// Writes lines to stdout without buffering surprises when piped.
enum Output {
    static func line(_ text: String) {
        FileHandle.standardOutput.write(Data((text + "\n").utf8))
    }

    /// Bytes that already end in a newline.
    static func write(_ bytes: [UInt8]) {
        FileHandle.standardOutput.write(Data(bytes))
    }

    static func error(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    /// Left-aligned columns cut to a width, for the human tables.
    static func table(_ header: [String], _ rows: [[String]], widths: [Int]) {
        func cell(_ s: String, _ w: Int) -> String {
            let flat = s.replacingOccurrences(of: "\n", with: " ")
            if flat.count > w { return String(flat.prefix(max(1, w - 1))) + "…" }
            return flat + String(repeating: " ", count: w - flat.count)
        }
        func render(_ r: [String]) -> String {
            zip(r, widths).map { cell($0, $1) }.joined(separator: "  ").trimmingCharacters(in: .whitespaces)
        }
        line(render(header))
        for r in rows { line(render(r)) }
    }
}
