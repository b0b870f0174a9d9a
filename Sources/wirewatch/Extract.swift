import ArgumentParser
import Foundation
import WirewatchExtract
import WirewatchSystem

struct Extract: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "extract",
        abstract: "Extract dumps and print one JSON object per file (SPEC §4); exit 1 if any failed.")

    @Flag(help: "Indented JSON.")
    var pretty = false

    @Flag(
        help: """
            Body and metadata only: skip entities, quotes, figures and events (their arrays stay empty). \
            For readers that want the clean article, as article extractors give it.
            """)
    var articleOnly = false

    @Option(help: "Largest file read, in bytes.")
    var maxFileSize = 32 << 20

    @Argument(
        help: """
            Dump files (text or HTML, optionally gzipped), or directories: every file below one, \
            in name order, names starting with "." skipped.
            """)
    var files: [String]

    func run() async throws {
        Heap.reuseFreedMemory()
        let extractor = Extractor(depth: articleOnly ? .article : .facts)
        var failed = 0
        var output = OutputBuffer()
        // Written out before run() returns or throws, the error exit included.
        defer { output.flush() }
        for (file, listed) in DumpReader.expand(files) {
            switch listed.flatMap({ DumpReader.read(path: file, limit: maxFileSize) }).flatMap({
                extractor.extractResult($0)
            }) {
            case .success(let article):
                if var json = article.json(pretty: pretty) {
                    json.append(0x0A)
                    output.append(json)
                } else {
                    // A NaN or infinite number: the encoder's error, as before.
                    output.appendLine(try JSONLines.line(article, pretty: pretty))
                }
            case .failure(let error):
                failed += 1
                output.appendLine(try JSONLines.line(["file": file, "error": error.description]))
                Output.error("wirewatch: \(file): \(error.description)")
            }
        }
        if failed > 0 { throw ExitCode.failure }
    }
}

extension Extractor {
    func extractResult(_ dump: Dump) -> Result<Article, DumpReader.Failure> {
        do {
            return .success(try extract(dump))
        } catch {
            return .failure(DumpReader.Failure(description: error.description))
        }
    }
}
