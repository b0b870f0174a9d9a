import ArgumentParser
import Foundation
import Glibc
import WirewatchExtract

/// Runs the understanding stages over plain-text article bodies: the speed benchmark's
/// entry point (Benchmarks/understand.sh), hidden from help.
struct Analyze: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "analyze",
        abstract: "Run the entity, quote, figure and event stages over plain-text bodies, one JSON line per file.",
        shouldDisplay: false)

    @Option(name: .customLong("repeat"), help: "Process the whole set this many times (timing only the stages).")
    var repetitions: Int = 1

    @Flag(help: "Print only the timing summary.")
    var quiet = false

    @Argument(help: "Plain-text files, one article body each.")
    var files: [String]

    func run() async throws {
        var texts: [(String, String)] = []
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else {
                Output.error("wirewatch: \(file): cannot read the file")
                throw ExitCode.failure
            }
            texts.append((file, String(decoding: data, as: UTF8.self)))
        }
        let recognizer = EntityRecognizer()
        let words = texts.reduce(0) { $0 + Self.wordCount($1.1) }
        var results: [AnalyzeLine] = []
        // CPU time of this process, as the Python peer measures spaCy (time.process_time):
        // other jobs on a shared core inflate wall time, not CPU time.
        let cpuStart = Glibc.clock()
        let elapsed = ContinuousClock().measure {
            for _ in 0..<max(1, repetitions) {
                results = texts.map { file, body in
                    let entities = recognizer.entities(title: nil, body: body)
                    let facts = ArticleFacts(body: body, published: nil, entities: entities)
                    return AnalyzeLine(
                        file: file, entities: entities, quotes: facts.quotes, quantities: facts.quantities,
                        events: facts.events)
                }
            }
        }
        let cpuSeconds = Double(Glibc.clock() - cpuStart) / Double(CLOCKS_PER_SEC)
        if !quiet {
            for line in results {
                Output.line(try JSONLines.line(line, pretty: false))
            }
        }
        let wall = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        let total = words * max(1, repetitions)
        Output.error(
            "analyze: files \(texts.count) words \(total) seconds \(cpuSeconds) words_per_second "
                + "\(Double(total) / cpuSeconds) wall_seconds \(wall)")
    }

    /// Words as the benchmark counts them for every tool: runs of non-space characters.
    static func wordCount(_ text: String) -> Int {
        var count = 0
        var inWord = false
        for b in text.utf8 {
            let space = b == 0x20 || b == 0x0A || b == 0x09 || b == 0x0D
            if !space && !inWord { count += 1 }
            inWord = !space
        }
        return count
    }
}

private struct AnalyzeLine: Encodable {
    var file: String
    var entities: [Article.Entity]
    var quotes: [Article.Quote]
    var quantities: [Article.Quantity]
    var events: [Article.Event]
}
