import Foundation
import Testing

@testable import WirewatchExtract

/// Bytes in: gzip, encodings, format detection and the errors.
@Suite struct InputTests {
    let prose = "The committee met on Tuesday to discuss the budget, and members agreed to publish the report soon."

    @Test func gunzipsFilesMadeByTheGzipTool() throws {
        let plain = try Fixtures.bytes("extract/hello.txt")
        #expect(try Gzip.decompress(Fixtures.bytes("extract/hello.txt.gz")) == plain)
        #expect(try Gzip.decompress(Fixtures.bytes("extract/multi.txt.gz")) == plain + plain)
        #expect(try Gzip.decompress(Fixtures.bytes("extract/random.bin.gz")) == Fixtures.bytes("extract/random.bin"))
        #expect(
            try Gzip.decompress(Fixtures.bytes("extract/sample002.txt.gz"))
                == Fixtures.bytes("samples/002_774c5ed633c06924.txt"))
    }

    /// The same bytes as stored, fixed-Huffman and dynamic-Huffman streams (made by zlib):
    /// a run of one byte (distance 1), patterns of period 2 to 12 (overlapping copies
    /// shorter and longer than 8 bytes) and 30,000 random bytes repeated (copies from
    /// far back in the window).
    @Test func inflatesEveryBlockTypeAndCopyShape() throws {
        let plain = try Fixtures.bytes("extract/deflate-edges.bin")
        for kind in ["stored", "fixed", "dynamic"] {
            #expect(try Gzip.decompress(Fixtures.bytes("extract/deflate-edges-\(kind).gz")) == plain, "\(kind)")
        }
    }

    /// The decoder writes into an array sized by the size hint; a hint that is too small
    /// moves the output elsewhere, and the limit stops it wherever it falls.
    @Test func inflateOutgrowsAWrongSizeHintAndStopsAtTheLimit() throws {
        let plain = try Fixtures.bytes("extract/deflate-edges.bin")
        for kind in ["stored", "fixed", "dynamic"] {
            let zipped = try Fixtures.bytes("extract/deflate-edges-\(kind).gz")
            try zipped.withUnsafeBufferPointer { buffer in
                for hint in [1, 5000, plain.count] {
                    let (output, end) = try Inflate.decode(buffer, from: 10, limit: .max, expectedSize: hint)
                    #expect(output == plain, "\(kind) \(hint)")
                    #expect(end == buffer.count - 8)
                }
                for limit in [0, 100, 4097, plain.count - 1] {
                    #expect(throws: Inflate.Failure("output exceeds \(limit) bytes")) {
                        try Inflate.decode(buffer, from: 10, limit: limit, expectedSize: plain.count)
                    }
                }
            }
        }
    }

    @Test func gzippedDumpExtractsLikeThePlainOne() throws {
        let zipped = try Extractor().extract(
            Dump(name: "s.txt.gz", path: "", bytes: Fixtures.bytes("extract/sample002.txt.gz")))
        let plain = try Extractor().extract(
            Dump(name: "s.txt", path: "", bytes: Fixtures.bytes("samples/002_774c5ed633c06924.txt")))
        #expect(zipped.source.gzip)
        #expect(zipped.body == plain.body)
        #expect(zipped.title == plain.title)
        #expect(zipped.source.sha256 != plain.source.sha256)
    }

    @Test func corruptGzipIsReported() throws {
        var bytes = try Fixtures.bytes("extract/sample002.txt.gz")
        bytes[bytes.count / 2] ^= 0x55
        #expect(throws: ExtractError.self) { try Gzip.decompress(bytes) }
        let truncated = Array(try Fixtures.bytes("extract/sample002.txt.gz").dropLast(100))
        #expect { try Gzip.decompress(truncated) } throws: { error in
            if case .corruptGzip = error as? ExtractError { return true }
            return false
        }
        var badCRC = try Fixtures.bytes("extract/hello.txt.gz")
        badCRC[badCRC.count - 6] ^= 1
        #expect(throws: ExtractError.corruptGzip("CRC-32 mismatch")) { try Gzip.decompress(badCRC) }
        #expect { try Extractor().extract(Dump(name: "x.gz", path: "", bytes: [0x1F, 0x8B, 8, 0])) } throws: { error in
            if case .corruptGzip = error as? ExtractError { return true }
            return false
        }
    }

    /// The decoder's fast loop reads and writes without bounds checks: damaged streams
    /// (bytes flipped anywhere in the deflate data, or cut short) must end in an error or,
    /// when the damage happens to decode, in output the CRC-32 vouches for, and never reach
    /// outside the input or the output.
    @Test func damagedGzipStreamsFailCleanly() throws {
        var random = SplitMix(seed: 11)
        for name in ["deflate-edges-fixed.gz", "deflate-edges-dynamic.gz", "sample002.txt.gz"] {
            let zipped = try Fixtures.bytes("extract/" + name)
            let plain = try Gzip.decompress(zipped)
            for round in 0..<300 {
                var damaged = zipped
                if round % 5 == 4 {
                    damaged.removeLast(Int(random.next() % UInt64(zipped.count - 10)) + 1)
                } else {
                    for _ in 0...(random.next() % 4) {
                        // Inside the deflate data: after the 10-byte header, before the 8-byte trailer.
                        let at = 10 + Int(random.next() % UInt64(zipped.count - 18))
                        damaged[at] ^= UInt8(truncatingIfNeeded: random.next() | 1)
                    }
                }
                do {
                    #expect(try Gzip.decompress(damaged) == plain, "\(name) round \(round)")
                } catch {
                    #expect(error is ExtractError, "\(name) round \(round): \(error)")
                }
            }
        }
    }

    @Test func emptyAndBlankInputsThrowEmpty() {
        #expect(throws: ExtractError.empty) { try Extractor().extract(Dump(name: "e", path: "", bytes: [])) }
        #expect(throws: ExtractError.empty) {
            try Extractor().extract(Dump(name: "e", path: "", bytes: Array(" \n\t\n".utf8)))
        }
    }

    @Test func binaryInputThrowsBinary() {
        let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 0x0D, 0x49, 0x48, 0x44, 0x52]
        #expect { try Extractor().extract(Dump(name: "p.txt", path: "", bytes: png)) } throws: { error in
            if case .binary = error as? ExtractError { return true }
            return false
        }
        let controls = (0..<400).map { UInt8($0 % 8 + 1) }
        #expect { try Extractor().extract(Dump(name: "c", path: "", bytes: controls)) } throws: { error in
            if case .binary = error as? ExtractError { return true }
            return false
        }
    }

    @Test func textWithoutProseThrowsNoText() {
        #expect(throws: ExtractError.noText) {
            try Extractor().extract(Dump(name: "m", path: "", bytes: Array("Home\nNews\nSport\nWeather\n".utf8)))
        }
    }

    @Test func utf16WithBOMBothByteOrders() throws {
        let text = "Headline about the talks\n\n" + prose + "\n"
        let units = Array(text.utf16)
        let little: [UInt8] = [0xFF, 0xFE] + units.flatMap { [UInt8($0 & 0xFF), UInt8($0 >> 8)] }
        let big: [UInt8] = [0xFE, 0xFF] + units.flatMap { [UInt8($0 >> 8), UInt8($0 & 0xFF)] }
        let le = try Extractor().extract(Dump(name: "le.txt", path: "", bytes: little))
        let be = try Extractor().extract(Dump(name: "be.txt", path: "", bytes: big))
        #expect(le.source.encoding == "utf-16le")
        #expect(be.source.encoding == "utf-16be")
        #expect(le.body == prose && be.body == prose)
        #expect(le.title == "Headline about the talks")
    }

    @Test func utf8BOMIsStripped() throws {
        let article = try Extractor().extract(
            Dump(name: "b.txt", path: "", bytes: [0xEF, 0xBB, 0xBF] + Array(prose.utf8)))
        #expect(article.body == prose)
        #expect(article.source.encoding == "utf-8")
    }

    @Test func windows1252CurlyQuotesAndLatin1() throws {
        // “It’s ready,” she said – in Windows-1252 bytes, which are not valid UTF-8.
        var bytes = Array(prose.utf8) + [0x20, 0x93] + Array("It".utf8) + [0x92] + Array("s ready,".utf8) + [0x94]
        bytes += Array(" she said ".utf8) + [0x96] + Array(" caf".utf8) + [0xE9] + Array(" included.".utf8)
        let article = try Extractor().extract(Dump(name: "w.txt", path: "", bytes: bytes))
        #expect(article.source.encoding == "windows-1252")
        #expect(article.body.hasSuffix("“It’s ready,” she said – café included."))
    }

    @Test func metaCharsetIsHonouredForLegacyPages() throws {
        let html =
            "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-1\">"
            + "<title>Fa\u{E7}ade</title></head><body><p>" + prose
            + " Na\u{EF}ve caf\u{E9} owners agreed.</p></body></html>"
        let latin1 = html.unicodeScalars.map { UInt8($0.value) }
        let article = try Extractor().extract(Dump(name: "l.html", path: "", bytes: latin1))
        #expect(article.source.encoding == "iso-8859-1")
        #expect(article.source.format == .html)
        #expect(article.title == "Façade")
        #expect(article.body.contains("Naïve café owners agreed."))
        #expect(TextDecoding.declaredCharset(Array("<meta charset='UTF-8'>".utf8)) == "utf-8")
    }

    @Test func formatComesFromContentNotName() throws {
        let html = "<!DOCTYPE html><html><body><article><p>" + prose + "</p></article></body></html>"
        let asText = try Extractor().extract(Dump(name: "page.txt", path: "", bytes: Array(html.utf8)))
        #expect(asText.source.format == .html)
        #expect(asText.body == prose)
        let text = try Extractor().extract(
            Dump(name: "page.html", path: "", bytes: Array(("Title line here\n" + prose).utf8)))
        #expect(text.source.format == .text)
        #expect(FormatSniffer.isHTML("  \n<html lang=en>"))
        #expect(!FormatSniffer.isHTML("Use the <b> tag for bold text in your articles."))
    }
}
