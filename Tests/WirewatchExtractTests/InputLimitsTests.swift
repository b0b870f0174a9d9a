import Foundation
import Testing

@testable import WirewatchExtract

/// Bytes in at the edges: pages near `max_file_size`, encodings that lie, empty and
/// binary payloads inside gzip, and the whole development corpus through the inflater.
///
/// Serialized: the two 30 MiB pages each keep a core busy for most of a minute in a debug
/// build; run side by side they starve the systemd namespaces other suites boot meanwhile.
@Suite(.serialized) struct InputLimitsTests {
    static let sentence =
        "Officials said on Tuesday that the talks, which began in Geneva, would continue next week despite objections. "

    /// Peak resident set of this process in MiB (Linux reports KiB).
    static func peakRSS() -> Int {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return usage.ru_maxrss / 1024
    }

    /// Runs a long synchronous extraction on a Dispatch thread: on the cooperative pool
    /// (two threads on a two-core machine) it would starve every other test's async work
    /// for minutes in a debug build.
    static func offPool(_ work: @escaping @Sendable () throws -> Article) async throws -> (Article, Duration) {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                let clock = ContinuousClock()
                let start = clock.now
                continuation.resume(with: Result { (try work(), clock.now - start) })
            }
        }
    }

    static func note(_ text: String) {
        FileHandle.standardError.write(Data((text + "\n").utf8))
    }

    // The time bounds are sanity bounds for a debug build on a busy machine; the point is
    // that nothing is quadratic (7 MiB and 30 MiB pages take time in proportion). The
    // tests print their time and peak RSS on stderr.
    @Test(.timeLimit(.minutes(10))) func thirtyMiBHTMLPage() async throws {
        var html = "<!DOCTYPE html><html><head><meta charset=utf-8><title>Ceasefire talks resume in Geneva</title>"
        html += "</head><body><nav><a href=/>Home</a> <a href=/world>World</a></nav>"
        // Deep nesting around the article, as page builders produce.
        html += String(repeating: "<div class=wrap>", count: 300) + "<article><h1>Ceasefire talks resume in Geneva</h1>"
        // Distinct paragraphs: extractors drop repeated blocks as page furniture.
        let filler = String(repeating: Self.sentence, count: 6)
        let target = 30 << 20
        // One huge line: a 2 MiB paragraph with no line break at all.
        html += "<p>" + String(repeating: Self.sentence, count: (2 << 20) / Self.sentence.utf8.count) + "</p>"
        var number = 0
        while html.utf8.count < target - 4096 {
            number += 1
            html += "<p>Paragraph \(number). " + filler + "</p>\n"
        }
        html += "</article>" + String(repeating: "</div>", count: 300)
        html += "<footer><a href=/about>About us</a></footer></body></html>"
        let bytes = Array(html.utf8)
        html = ""
        #expect(bytes.count > 29 << 20)

        let before = Self.peakRSS()
        let (result, elapsed) = try await Self.offPool {
            try Extractor().extract(Dump(name: "big.html", path: "", bytes: bytes))
        }
        Self.note("30 MiB HTML page: \(elapsed), peak RSS \(before) → \(Self.peakRSS()) MiB")
        #expect(result.title == "Ceasefire talks resume in Geneva")
        #expect(result.source.format == .html)
        #expect(result.body.utf8.count > 20 << 20)
        #expect(!result.body.contains("About us"))
        #expect(elapsed < .seconds(600))
    }

    @Test(.timeLimit(.minutes(10))) func thirtyMiBTextDump() async throws {
        var text = "Skip to content\nHome\nWorld\nCeasefire talks resume in Geneva\nBy Jane Reporter\n\n"
        let filler = String(repeating: Self.sentence, count: 5)
        let target = 30 << 20
        text += String(repeating: Self.sentence, count: (2 << 20) / Self.sentence.utf8.count) + "\n\n"
        var number = 0
        while text.utf8.count < target - 4096 {
            number += 1
            text += "Paragraph \(number). " + filler + "\n\n"
        }
        text += "Read more: Other news\nCookie settings\n"
        let bytes = Array(text.utf8)
        text = ""

        let before = Self.peakRSS()
        let (result, elapsed) = try await Self.offPool {
            try Extractor().extract(Dump(name: "big.txt", path: "", bytes: bytes))
        }
        Self.note("30 MiB text dump: \(elapsed), peak RSS \(before) → \(Self.peakRSS()) MiB")
        #expect(result.source.format == .text)
        #expect(result.title == "Ceasefire talks resume in Geneva")
        #expect(result.body.utf8.count > 20 << 20)
        #expect(elapsed < .seconds(600))
    }

    @Test func mislabelledCharsetValidUTF8WinsOverTheMeta() throws {
        let html =
            "<html><head><meta charset=\"iso-8859-1\"><title>Café in Kyiv stays “open”</title></head>"
            + "<body><article><p>Naïve owners of the café in Kyiv said the shop would stay open, whatever happens "
            + "to the power supply this winter, and customers agreed.</p></article></body></html>"
        let article = try Extractor().extract(Dump(name: "m.html", path: "", bytes: Array(html.utf8)))
        #expect(article.source.encoding == "utf-8")
        #expect(article.title == "Café in Kyiv stays “open”")
        #expect(article.body.hasPrefix("Naïve owners of the café"))
    }

    @Test func htmlInEveryUnicodeForm() throws {
        let html =
            "<html><head><title>Zürich talks</title></head><body><article><p>Delegates in Zürich said the "
            + "talks, which ran late into the night, had produced a draft that both sides could sign.</p>"
            + "</article></body></html>"
        let units = Array(html.utf16)
        let forms: [(String, [UInt8])] = [
            ("utf-8", Array(html.utf8)),
            ("utf-8", [0xEF, 0xBB, 0xBF] + Array(html.utf8)),
            ("utf-16le", [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }),
            ("utf-16be", [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }),
        ]
        for (encoding, bytes) in forms {
            let article = try Extractor().extract(Dump(name: "u.html", path: "", bytes: bytes))
            #expect(article.source.encoding == encoding)
            #expect(article.source.format == .html)
            #expect(article.title == "Zürich talks")
            #expect(article.body.hasPrefix("Delegates in Zürich said"))
        }
    }

    @Test func windows1252PageWithoutDeclaration() throws {
        let html =
            "<html><head><title>Caf\u{E9} \u{201C}news\u{201D}</title></head><body><article><p>The caf\u{E9} "
            + "owners said \u{2013} again \u{2013} that the shop would stay open, whatever the council decides "
            + "about the lease next spring.</p></article></body></html>"
        let cp1252: [Character: UInt8] = ["\u{201C}": 0x93, "\u{201D}": 0x94, "\u{2013}": 0x96]
        let bytes = html.map { cp1252[$0] ?? UInt8($0.unicodeScalars.first!.value) }
        let article = try Extractor().extract(Dump(name: "w.html", path: "", bytes: bytes))
        #expect(article.source.encoding == "windows-1252")
        #expect(article.title == "Café “news”")
        #expect(article.body.contains("owners said – again – that"))
    }

    @Test func gzipOfNothingIsEmptyAndOfBinaryIsBinary() throws {
        // gzip -n of zero bytes, and of 64 NUL bytes.
        let empty: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 3, 0, 0, 0, 0, 0, 0, 0, 0, 0]
        #expect(throws: ExtractError.empty) { try Extractor().extract(Dump(name: "e.gz", path: "", bytes: empty)) }
        let zeros: [UInt8] = [
            0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0x63, 0x60, 0xA0, 0x0C, 0, 0, 0x36, 0x63, 0x8D, 0x75, 0x40, 0, 0, 0,
        ]
        #expect(try Gzip.decompress(zeros) == [UInt8](repeating: 0, count: 64))
        #expect(throws: ExtractError.binary("NUL bytes")) {
            try Extractor().extract(Dump(name: "z.gz", path: "", bytes: zeros))
        }
        let errors: [ExtractError] = [.empty, .binary("NUL bytes"), .corruptGzip("CRC-32 mismatch")]
        for error in errors { #expect(!error.description.isEmpty) }
    }

    @Test func garbageAfterTheHeaderIsCorruptNotAHang() {
        for seed in 0..<64 {
            var state = UInt32(seed) &* 2_654_435_761 | 1
            var bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3]
            for _ in 0..<200 {
                state ^= state << 13
                state ^= state >> 17
                state ^= state << 5
                bytes.append(UInt8(truncatingIfNeeded: state))
            }
            #expect(throws: ExtractError.self) { try Gzip.decompress(bytes) }
        }
    }

    @Test func storedBlocksAreCopiedWhole() throws {
        // A hand-made stored block (BFINAL=1, BTYPE=00) holding "hello", with its trailer.
        let payload = Array("hello".utf8)
        var bytes: [UInt8] = [0x1F, 0x8B, 8, 0, 0, 0, 0, 0, 0, 3, 0x01, 5, 0, 0xFA, 0xFF] + payload
        let crc = CRC32.checksum(payload)
        bytes += [0, 8, 16, 24].map { UInt8(truncatingIfNeeded: crc >> UInt32($0)) } + [5, 0, 0, 0]
        #expect(try Gzip.decompress(bytes) == payload)
        #expect(throws: ExtractError.self) { try Gzip.decompress(Array(bytes.prefix(18))) }
    }

    @Test func crc32MatchesTheReferenceValue() {
        #expect(CRC32.checksum(Array("123456789".utf8)) == 0xCBF4_3926)
        let long = (0..<10_007).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        var pieces = CRC32()
        long.withUnsafeBufferPointer { buffer in
            pieces.update(UnsafeBufferPointer(rebasing: buffer[0..<3]))
            pieces.update(UnsafeBufferPointer(rebasing: buffer[3..<5000]))
            pieces.update(UnsafeBufferPointer(rebasing: buffer[5000...]))
        }
        #expect(pieces.value == CRC32.checksum(long))
    }

    /// Every page of the development corpus inflates with a matching CRC-32 and ISIZE
    /// (real-world dynamic Huffman blocks with long codes). Skipped without the corpus.
    @Test(.enabled(if: FileManager.default.fileExists(atPath: corpusHTML.path)))
    func developmentCorpusInflates() throws {
        let names = try FileManager.default.contentsOfDirectory(atPath: Self.corpusHTML.path)
            .filter { $0.hasSuffix(".gz") }
        #expect(names.count > 100)
        for name in names {
            let bytes = Array(try Data(contentsOf: Self.corpusHTML.appendingPathComponent(name)))
            let plain = try Gzip.decompress(bytes)
            #expect(!plain.isEmpty, "\(name)")
        }
    }

    static let corpusHTML = Fixtures.root.deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("shared/corpus/dev/html")
}
