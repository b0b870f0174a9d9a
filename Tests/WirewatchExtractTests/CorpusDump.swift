import Foundation
import Testing
import WirewatchExtract

/// Not a check: when WIREWATCH_DUMP_DIR and WIREWATCH_DUMP_OUT are set, extracts every
/// file in the folder and writes `wirewatch extract`-style JSON lines for
/// corpus/dev/score.py, plus the time taken on stderr.
@Suite struct CorpusDump {
    @Test(.enabled(if: ProcessInfo.processInfo.environment["WIREWATCH_DUMP_DIR"] != nil))
    func writeJSONLines() throws {
        let environment = ProcessInfo.processInfo.environment
        let folder = URL(fileURLWithPath: environment["WIREWATCH_DUMP_DIR"]!)
        let output = URL(fileURLWithPath: environment["WIREWATCH_DUMP_OUT"]!)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix("_") }
            .sorted()
        let inputs = try names.map {
            Dump(
                name: $0, path: folder.appendingPathComponent($0).path,
                bytes: Array(try Data(contentsOf: folder.appendingPathComponent($0))))
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var lines = Data()
        let clock = ContinuousClock()
        var failures = 0
        let elapsed = clock.measure {
            for dump in inputs {
                do {
                    let article = try Extractor().extract(dump)
                    lines += try encoder.encode(article)
                } catch {
                    failures += 1
                    lines += Data("{\"source\":{\"name\":\"\(dump.name)\"},\"body\":\"\",\"error\":\"\(error)\"}".utf8)
                }
                lines += Data("\n".utf8)
            }
        }
        try lines.write(to: output)
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        FileHandle.standardError.write(
            Data(
                "corpus: \(inputs.count) files, \(failures) failed, \(seconds) s, \(Double(inputs.count) / seconds) files/s\n"
                    .utf8))
    }
}
