import Testing

@testable import WirewatchExtract

/// The per-line scans and their fast paths must answer exactly as their plain
/// definitions, on real dump lines and on the edges: empty lines, non-ASCII separators,
/// carriage returns, very long lines.
@Suite struct LineScanTests {
    /// Lines of the text fixtures, and edge cases.
    private static let lines: [String] = {
        var lines: [String] = []
        for name in [
            "extract/text-golden/chromium-abc7news_com-Napa.txt", "extract/text-golden/lynx-hackernoon_com_scrape.txt",
            "extract/text-golden/w3m-nature_com_telescope.txt",
            "extract/text-golden/inscriptis-netzfueralle_blog_rosalux_de_netzpolitik.txt",
            "extract/text-golden/lynx-lastampa_it_temperature.txt", "samples/000_94253fa690feff79.txt",
        ] {
            let text = String(decoding: (try? Fixtures.bytes(name)) ?? [], as: UTF8.self)
            lines += text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        }
        let padding = String(repeating: "x", count: 61)
        lines += [
            "", " ", "a", "\r", "word\r\n", "\u{A0}x\u{2003}y\u{3000}z\u{FEFF}", "«quoted» — dash–dash … “curly”",
            "don't stop-words U.S. e.g. 3.5%", "\t tab\u{0B}vertical\u{0C}feed\u{1F}unit\u{7F}del",
            // Separators and quotes at and around eight-byte boundaries.
            padding + "ab\u{A0}cd", padding + "a\u{A0}bc", padding + "a\u{2009}b", padding + "\u{2009}bc",
            padding + "«x»", "Élysée Palace, Zürich und Köln", "日本語のテキスト、句読点。",
            String(repeating: "long words without end ", count: 120),
            String(repeating: "é", count: 300) + " " + String(repeating: "\u{A0}", count: 70) + "x",
        ]
        return lines
    }()

    /// Words as runs of bytes between white space (`ByteText.spaceLength`), walked byte by byte.
    private func walkedWords(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> [Range<Int>] {
        var words: [Range<Int>] = []
        var i = range.lowerBound
        while i < range.upperBound {
            let skip = ByteText.spaceLength(bytes, i)
            if skip > 0 {
                i += skip
                continue
            }
            var end = i + 1
            while end < range.upperBound && ByteText.spaceLength(bytes, end) == 0 { end += 1 }
            words.append(i..<end)
            i = end
        }
        return words
    }

    @Test func lineShapeCountsWordsStopWordsAndCharacters() {
        for line in LineScanTests.lines {
            let shape = LineShape(line)
            var copy = line
            // Every word's core looked up, as before long words skipped the lookup.
            let (words, stopWords) = copy.withUTF8 { bytes in
                let words = walkedWords(bytes, 0..<bytes.count)
                let cores = words.map { ByteText.punctuationTrimmed(bytes, $0) }.filter { !$0.isEmpty }
                return (words.count, cores.filter { StopWords.table.contains(bytes, $0) }.count)
            }
            #expect(shape.words == words, "\(line)")
            #expect(shape.stopWords == stopWords, "\(line)")
            #expect(shape.characters == line.unicodeScalars.count, "\(line)")
        }
    }

    @Test func phraseScannerCountsAsPhraseSetsDo() {
        let lists = [
            Boilerplate.noticeKeywords, Boilerplate.legalWords.filter { $0 != "©" }, ["©"], Boilerplate.captionMarkers,
            SelfReference.verbOpenings, [" ago", "yesterday", "today"],
        ]
        let scanner = PhraseScanner(lists)
        let sets = lists.map(PhraseSet.init)
        let extra = [
            "Subscribe to our newsletter © 2024 Reuters/AFP — told reporters 3 days ago", "©©", "© ", "ab",
            String(repeating: "readers ", count: 40) + "yesterday",
        ]
        for line in LineScanTests.lines + extra {
            var copy = line
            copy.withUTF8 { bytes in
                for start in Set([0, 2].filter { $0 <= bytes.count }) {
                    let range = start..<bytes.count
                    let counts = scanner.counts(in: bytes, range)
                    for (index, set) in sets.enumerated() {
                        #expect(counts[index] == set.count(in: bytes, range, limit: .max), "\(index): \(line)")
                    }
                }
            }
        }
    }

    /// Random lines built from pieces of the phrases, cut and recased, with "©" and other
    /// non-ASCII bytes in some: the scanner must count as the phrase sets do, from several
    /// start offsets, with and without a two-byte ASCII phrase.
    @Test func phraseScannerCountsRandomLinesAsPhraseSetsDo() {
        let lists = [
            Boilerplate.noticeKeywords, Boilerplate.legalWords.filter { $0 != "©" }, ["©"], Boilerplate.captionMarkers,
            SelfReference.verbOpenings, [" ago", "yesterday", "today"], ["ab", "told"],
        ]
        let sets = lists.map(PhraseSet.init)
        let scanners = [PhraseScanner(Array(lists.prefix(6))), PhraseScanner(lists)]
        let phrases = lists.joined().map { Array($0.utf8) }
        var random = SplitMix(seed: 7)
        let fillers: [[UInt8]] = [
            [0x20], Array("x".utf8), Array(")".utf8), Array("é".utf8), [0x0A], Array(" the ".utf8),
        ]
        for _ in 0..<3_000 {
            var line: [UInt8] = []
            for _ in 0..<Int(random.next() % 12) {
                if random.next() % 3 == 0 {
                    line += random.pick(fillers)
                    continue
                }
                var piece = random.pick(phrases)
                // A phrase cut at either end, or whole; sometimes in capitals.
                if random.next() % 4 == 0 { piece = Array(piece.dropFirst(Int(random.next() % 3))) }
                if random.next() % 4 == 0 { piece = Array(piece.dropLast(Int(random.next() % 3))) }
                if random.next() % 3 == 0 { piece = piece.map { $0 &- 0x61 < 26 ? $0 - 0x20 : $0 } }
                line += piece
            }
            line.withUnsafeBufferPointer { bytes in
                for start in [0, 1, 3] where start <= bytes.count {
                    let range = start..<bytes.count
                    for (n, scanner) in scanners.enumerated() {
                        let counts = scanner.counts(in: bytes, range)
                        for index in 0..<(n == 0 ? 6 : 7) {
                            #expect(
                                counts[index] == sets[index].count(in: bytes, range, limit: .max),
                                "\(index): \(String(decoding: bytes[range], as: UTF8.self))")
                        }
                    }
                }
            }
        }
    }

    /// Chrome prefixes are compared eight bytes at a time where eight bytes can be read, byte
    /// by byte near the end of the buffer: a line alone and the same line with text after it
    /// in the buffer must get the same answer, in any case.
    @Test func chromePrefixesAnswerTheSameNearTheBufferEnd() {
        let lines =
            [
                "Watch:", "VIDEO:", "video: x", "Read more: the rest", "READ MORE ", "Read more", "Skip to content",
                "SKIP TO", "Related:", "Image:", "Sponsored", "Advertisement", "Listen to this article", "Photo:",
                "Pictured:", "Re", "Wa", "Watch", "Share this", "Sign up for our newsletter", "Subscribe to",
                "Accept all",
            ] + LineScanTests.lines.prefix(400)
        for line in lines {
            let padded = Array(line.utf8) + Array("\nand a next line to read past".utf8)
            let alone = Boilerplate.isChrome(line)
            let inside = padded.withUnsafeBufferPointer { bytes in
                let range = 0..<line.utf8.count
                return Boilerplate.isChrome(bytes, range, words: Boilerplate.wordCount(bytes, range))
            }
            #expect(alone == inside, "\(line)")
        }
        #expect(Boilerplate.isChrome("WATCH:") && Boilerplate.isChrome("Read More: x"))
    }

    @Test func asciiPersonNamesAnswerAsCharactersDo() {
        let names = [
            "Jane Doe", "Ludwig van Beethoven", "jane doe", "J. R. R. Tolkien", "Mary-Jane O'Neil", "A", "Ab", "Abc",
            "One Two Three Four Five", "One Two Three Four Five Six", "Jane  Doe", " Jane", "Jane Doe3", "Jane\tDoe",
            "Van", "de la Cruz", String(repeating: "Abcdefghij ", count: 6), "Zoë Ball", "Jane\r\nDoe", "",
        ]
        for name in names {
            #expect(Byline.isPersonName(name) == Byline.isPersonNameByCharacters(name), "\(name)")
        }
    }

    @Test func selfReferencesAreTalliedFromBytes() {
        let lines: [(text: Substring, notice: Bool)] = [
            ("The minister told LBC on Monday that talks went well.", false),
            ("Readers commenting on The Herald agree to our terms.", true),
            ("Speaking on The Herald podcast, she said more.", false),
            ("He later tells LBC: there is no deal.", false),
            ("Subscribe at The Herald for more.", true),
        ]
        #expect(SelfReference.publisher(in: lines) == "LBC")
        #expect(SelfReference.publisher(in: Array(lines[1...2])) == nil)
        #expect(SelfReference.publisher(in: [lines[1], lines[4]]) == "The Herald")
    }

    @Test func longWordsCountTowardsTheLanguageTotal() {
        // Words longer than any function word are not looked up but still counted.
        let long = Array(repeating: "extraordinarily", count: 20).joined(separator: " ")
        #expect(StopWords.guessLanguage(long + " the") == nil)
        #expect(StopWords.guessLanguage(long + " the the the") == "en")
        #expect(StopWords.guessLanguage(long + " und die der") == "de")
    }

    @Test func namesSplitAtEachSeparatorInTurn() {
        #expect(
            Byline.splitNames("Jane Doe, John Roe and Max Mustermann & Erika")
                == ["Jane Doe", "John Roe", "Max Mustermann", "Erika"])
        // " and " splits first: the comma it leaves behind is no ", " separator.
        #expect(Byline.splitNames("A, and B") == ["A,", "B"])
        #expect(Byline.splitNames(" and ") == [])
    }

    @Test func numericDatesHaveExactlyThreeParts() {
        #expect(DateText.firstDate(in: "19.01.2022") == "2022-01-19")
        #expect(DateText.firstDate(in: "1.2.3.2022") == nil)
        #expect(DateText.firstDate(in: "19.01") == nil)
        #expect(DateText.firstDate(in: "19.01/2022") == nil)
    }

    @Test func sentencesCollapseWhiteSpaceAroundLongRuns() {
        // A line break after a full stop is no sentence end: only a space is.
        let text = "Extraordinarily-long-words\tand   more…  Then\u{A0}\u{A0}a second, “quoted” one.\n\nLast:ok"
        #expect(
            Sentences.split(text) == ["Extraordinarily-long-words and more… Then a second, “quoted” one. Last:ok"])
        #expect(Sentences.split("  Anfang.  Zweiter Satz hier  ") == ["Anfang. Zweiter Satz hier"])
        #expect(
            Sentences.split("The first sentence here. The second one.") == [
                "The first sentence here.", "The second one.",
            ])
    }
}
