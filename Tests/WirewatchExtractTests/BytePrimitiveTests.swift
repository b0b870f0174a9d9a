import Testing

@testable import WirewatchExtract

/// The word-at-a-time byte primitives must answer exactly as their byte-by-byte definitions.
@Suite struct BytePrimitiveTests {
    private func withBytes<R>(_ text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        var copy = text
        return copy.withUTF8(body)
    }

    @Test func stopWordTableAgreesWithTheLists() {
        let table = StopWords.table
        for word in StopWords.all {
            var expected: UInt8 = 0
            for (index, entry) in StopWords.byLanguage.enumerated() where entry.words.contains(word) {
                expected |= 1 << UInt8(index)
            }
            // Alone (the short-buffer path) and inside a longer text (the word-load path).
            withBytes(word) { #expect(table.languages($0, 0..<$0.count) == expected, "\(word)") }
            withBytes("X \(word.uppercased()) and more text") { bytes in
                let range = 2..<(2 + word.uppercased().utf8.count)
                // Only ASCII is folded: "ÉTÉ" is not "été".
                let ascii = word.utf8.allSatisfy { $0 < 0x80 }
                #expect((table.languages(bytes, range) == expected) == ascii, "\(word)")
            }
        }
        for word in [
            "thee", "th", "théâtre", "", "shoulder", "shouldn", "x", "The1", "the-longest-words-are-looked-up-too",
        ] {
            withBytes(word) { #expect(!table.contains($0, 0..<$0.count), "\(word)") }
        }
    }

    @Test func wordAtATimeFlagsMatchEachByte() {
        var state: UInt64 = 0x1234_5678_9ABC_DEF0
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            // Bytes drawn mostly from the interesting edges: controls, quotes, DEL, high bytes.
            let pool: [UInt8] = [0, 0x09, 0x0A, 0x1F, 0x20, 0x22, 0x41, 0x5C, 0x7F, 0x80, 0xC2, 0xFF]
            var word: UInt64 = 0
            for k in 0..<8 { word |= UInt64(pool[Int(state >> UInt64(k * 5 + 3)) % pool.count]) << UInt64(k * 8) }
            for k in 0..<8 {
                let byte = UInt8(truncatingIfNeeded: word >> UInt64(k * 8))
                let bit = UInt64(0x80) << UInt64(k * 8)
                #expect((ByteText.bytesEqual(word, 0x22) & bit != 0) == (byte == 0x22))
                #expect((ByteText.bytesEqual(word, 0) & bit != 0) == (byte == 0))
                #expect((ByteText.bytesBelow(word, 0x20) & bit != 0) == (byte < 0x20))
            }
        }
    }

    @Test func alphanumericRunsEndWhereEachByteSaysSo() {
        let text = "Word2024 x, ÉTÉ_under-score\u{7F}ZZ9{abcdefghijklmnopqrstuvwxyz}@[`"
        withBytes(text) { bytes in
            for start in 0..<bytes.count {
                var expected = start
                while expected < bytes.count && ByteText.isASCIILetterOrDigit(bytes[expected]) { expected += 1 }
                #expect(ByteText.alphanumericEnd(bytes, from: start, limit: bytes.count) == expected)
                #expect(ByteText.alphanumericEnd(bytes, from: start, limit: start + 3) == min(expected, start + 3))
            }
        }
    }

    @Test func nextFindsEveryPosition() {
        let text = "0123456789<abcdefghij<"
        withBytes(text) { bytes in
            #expect(ByteText.next(UInt8(ascii: "<"), in: bytes, from: 0) == 10)
            #expect(ByteText.next(UInt8(ascii: "<"), in: bytes, from: 11) == 21)
            #expect(ByteText.next(UInt8(ascii: "#"), in: bytes, from: 0) == bytes.count)
        }
    }

    @Test func controlBytesAreCountedUpToTheLimit() throws {
        // One control byte in twenty is allowed, one more is binary; tabs, line feeds,
        // form feeds and carriage returns never count.
        let text = Array(String(repeating: "Plain text\t\r\n\u{0C}word ", count: 12).utf8)
        let allowed = text.count / 20
        var ok = text
        for k in 0..<allowed { ok[k * 19 + 3] = 0x01 }
        #expect(try TextDecoding.decode(ok).encoding == "utf-8")
        var bad = ok
        bad[bad.count - 1] = 0x7F
        #expect(throws: ExtractError.binary("\(allowed + 1) control bytes in the first \(bad.count)")) {
            try TextDecoding.decode(bad)
        }
        var nul = text
        nul[nul.count - 2] = 0
        #expect(throws: ExtractError.binary("NUL bytes")) { try TextDecoding.decode(nul) }
    }

    @Test func utf8ValidationAgreesWithTheStandardLibrary() {
        func agrees(_ bytes: [UInt8], _ label: String) {
            let expected = String(validating: bytes, as: UTF8.self) != nil
            #expect(bytes.withUnsafeBufferPointer(UTF8Validation.isValid) == expected, "\(label): \(bytes)")
        }
        // Each edge of table 3-7, alone, after seven ASCII bytes (the word-at-a-time path)
        // and cut short at the end of the buffer.
        let sequences: [[UInt8]] = [
            [0x7F], [0x80], [0xBF], [0xC0, 0x80], [0xC1, 0xBF], [0xC2, 0x80], [0xDF, 0xBF], [0xE0, 0x9F, 0x80],
            [0xE0, 0xA0, 0x80], [0xEC, 0xBF, 0xBF], [0xED, 0x9F, 0xBF], [0xED, 0xA0, 0x80], [0xEE, 0x80, 0x80],
            [0xEF, 0xBF, 0xBF], [0xF0, 0x8F, 0xBF, 0xBF], [0xF0, 0x90, 0x80, 0x80], [0xF3, 0xBF, 0xBF, 0xBF],
            [0xF4, 0x8F, 0xBF, 0xBF], [0xF4, 0x90, 0x80, 0x80], [0xF5, 0x80, 0x80, 0x80], [0xFF], [0xE2, 0x80, 0x41],
            [0xF0, 0x9F, 0x98, 0x41], [0xC3, 0xC3],
        ]
        for sequence in sequences {
            agrees(sequence, "alone")
            agrees(Array("seven b".utf8) + sequence + Array(" and after".utf8), "inside")
            agrees(Array("12345678".utf8) + sequence.dropLast(), "cut short")
        }
        // Random mixes of ASCII, continuation and lead bytes, from a fixed seed.
        var random = SplitMix(seed: 0)
        let alphabet: [UInt8] = [
            0x41, 0x20, 0x0A, 0x80, 0x9F, 0xA0, 0xBF, 0xC2, 0xC3, 0xE0, 0xE2, 0xED, 0xF0, 0xF4, 0xF5,
        ]
        for length in 0..<200 {
            let bytes = (0..<length).map { _ in random.pick(alphabet) }
            agrees(bytes, "random")
            // Valid text of every length: the ASCII and multi-byte paths at every offset.
            let valid = Array(String(repeating: "aé€😀", count: length / 4 + 1).utf8.prefix(length))
            agrees(valid, "valid prefix")
        }
    }

    @Test func blankMeansUnicodeWhiteSpaceOnly() {
        for text in [
            "", " ", "\t\r\n\u{0B}\u{0C}",
            "\u{A0}\u{85}\u{1680}\u{2000}\u{200A}\u{2028}\u{2029}\u{202F}\u{205F}\u{3000}",
        ] {
            #expect(withBytes(text, ByteText.isBlank), "\(Array(text.unicodeScalars))")
            #expect(text.allSatisfy { $0.isWhitespace })
        }
        // A zero-width space and a byte order mark are not white space; nor is any text.
        for text in ["\u{200B}", " \u{FEFF} ", "  x  ", "\u{A0}é", "😀"] {
            #expect(!withBytes(text, ByteText.isBlank), "\(Array(text.unicodeScalars))")
            #expect(!text.allSatisfy { $0.isWhitespace })
        }
    }
}
