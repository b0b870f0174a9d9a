internal import CLibXML2

/// Removes from start tags the attributes `HTMLDocument` does not store (see
/// `HTMLDocument.knownNames`), before libxml2 sees the page.
///
/// Once scripts and style sheets are cut (`RawTextFilter`), most of a page's remaining
/// bytes are start tags, and a good third of those are attributes nothing reads (`src`,
/// `srcset`, `data-*`, `title`, `alt` …), which libxml2 decodes a character at a time
/// only for the parser to drop them. Removing `name="value"` leaves the tag, its other
/// attributes and every text node exactly as libxml2 would have read them.
///
/// That holds only where the scan reads the markup as libxml2 2.9 does, so it follows
/// libxml2's tokenizer for what it rewrites: start tags (names of letters, digits and
/// `-_:.`, blanks being space, tab, CR and LF, values quoted or running to a blank or
/// `>`), comments (to `-->`), declarations and end tags (to `>`), and script and style
/// contents (to `</script` or `</style`, any case). At the first construct it does not
/// model exactly (a bogus attribute, an over-long name, a tag or comment left open, a
/// comment closed by `--!>`, a `<` inside a declaration …) it stops rewriting and
/// copies the rest unchanged, so a page it cannot follow is parsed as before. `<meta>`
/// tags are rewritten too: the parser tells libxml2 to ignore their `charset`.
///
/// The attributes that are stored cost libxml2 a few hundred instructions each, and
/// their values a character at a time. When libxml2 would hand every stored value of a
/// tag over unchanged (no entity, no carriage return, valid UTF-8), they all move out of
/// the tag behind one mark, an attribute named `_:` and the mark's number, which the
/// parser swaps back for the attributes (`Filtered.marks`). Otherwise a long quoted value
/// that reads unchanged is replaced by a placeholder, `\u{1}` and its number in
/// `Filtered.deferred`. Pages that hold a `\u{1}` byte or the bytes `_:` of their own get
/// neither. Blank runs between tags are shortened and comments between markup dropped
/// (see `Rewriter.step`).
enum AttributeFilter {
    struct Filtered {
        /// The page as libxml2 should read it.
        var bytes: [UInt8]
        /// Where the value behind placeholder number `n` is, in the bytes given to `filter`.
        var deferred: [Range<Int>]
        /// The attributes behind tag mark number `n`: `marked[marks[n]]`.
        var marks: [Range<Int>] = []
        var marked: [Marked] = []
        /// Where the text behind text mark number `n` is, in the bytes given to `filter`.
        var texts: [Range<Int>] = []
    }

    /// An attribute moved out of its tag: its name id in `HTMLDocument.knownNames` and
    /// its value's bytes in the page given to `filter` (empty for an attribute without one).
    struct Marked {
        var name: Int32
        var value: Range<Int>
    }

    /// The opening of a tag mark, an attribute name no page uses where marks are made.
    static let markOpening: [UInt8] = [UInt8(ascii: "_"), UInt8(ascii: ":")]

    /// The opening of a text mark: U+E000, a private-use character no page uses where
    /// marks are made, and a character to libxml2 (unlike the control `placeholderMark`,
    /// which it drops from text).
    static let textMarkOpening: [UInt8] = [0xEE, 0x80, 0x80]

    /// First byte of a placeholder value.
    static let placeholderMark: UInt8 = 0x01

    /// `bytes` without the unread attributes, or nil when there is nothing to remove.
    static func filter(_ bytes: UnsafeBufferPointer<UInt8>) -> Filtered? {
        // libxml2 stops a name or value at a NUL byte; such pages are left alone.
        guard let base = bytes.baseAddress, memchr(base, 0, bytes.count) == nil else { return nil }
        var rewriter = Rewriter(bytes: bytes)
        rewriter.defersValues = memchr(base, Int32(placeholderMark), bytes.count) == nil
        rewriter.marksTags = rewriter.defersValues && !contains(bytes, markOpening)
        rewriter.marksTexts = !contains(bytes, textMarkOpening)
        var index = 0
        while let next = rewriter.step(from: index) { index = next }
        return rewriter.finish()
    }

    /// Longest run of blanks shortened: libxml2 hands character data over in pieces of
    /// 1,000 bytes, and judges each piece's blankness by the byte that follows it.
    private static let longestBlankRun = 1000

    /// Shortest text worth a text mark.
    private static let shortestMarkedText = 12

    /// Shortest value worth a placeholder.
    private static let shortestDeferred = 8

    /// Longest name read whole: libxml2 cuts tag and attribute names at 100 bytes.
    private static let longestName = 99

    /// `HTMLDocument.knownNames` as bytes with their ids, by length and first byte (see
    /// `keptSlot`): the attributes the parser keeps.
    private static let kept: [[(name: [UInt8], id: Int32)]] = {
        var table = [[(name: [UInt8], id: Int32)]](repeating: [], count: 16 * 32)
        for name in HTMLDocument.knownNames where name.utf8.count < 16 {
            table[keptSlot(Array(name.utf8)[...])].append((Array(name.utf8), HTMLDocument.knownIDs[name]!))
        }
        return table
    }()

    /// Where names of `name`'s length (below 16) and first letter (any case) are in `kept`.
    @inline(__always)
    private static func keptSlot(_ name: some Collection<UInt8>) -> Int {
        name.count << 5 | Int(name.first! & 0x1F)
    }

    /// Whether `needle` (two bytes or more) occurs in `bytes`.
    private static func contains(_ bytes: UnsafeBufferPointer<UInt8>, _ needle: [UInt8]) -> Bool {
        var index = RawTextFilter.next(needle[0], in: bytes, from: 0)
        while index + needle.count <= bytes.count {
            if (1..<needle.count).allSatisfy({ bytes[index + $0] == needle[$0] }) { return true }
            index = RawTextFilter.next(needle[0], in: bytes, from: index + 1)
        }
        return false
    }

    private struct Rewriter {
        let bytes: UnsafeBufferPointer<UInt8>
        var output: [UInt8] = []
        /// Bytes before this index are in `output` or removed.
        var copied = 0
        var deferred: [Range<Int>] = []
        var defersValues = false
        var marksTags = false
        var marksTexts = false
        var texts: [Range<Int>] = []
        var marks: [Range<Int>] = []
        var marked: [Marked] = []
        /// The attributes of the start tag being read (reused from tag to tag).
        var tagAttributes: [TagAttribute] = []
        /// Whether the text at the current position follows markup (rather than a "<"
        /// that libxml2 reads as text).
        var textFollowsMarkup = true

        init(bytes: UnsafeBufferPointer<UInt8>) {
            self.bytes = bytes
        }

        /// Handles the markup at the next `<` at or after `start`; returns where the text
        /// resumes, or nil at the end or at the first construct the scan does not model.
        mutating func step(from start: Int) -> Int? {
            let index = RawTextFilter.nextOpening(bytes, from: start)
            let afterMarkup = textFollowsMarkup
            textFollowsMarkup = true
            if afterMarkup && !shortenBlankRun(start..<index) && marksTexts { markText(start..<index) }
            guard index + 1 < bytes.count else { return nil }
            let next = bytes[index + 1]
            if RawTextFilter.isLetter(next) { return startTag(at: index) }
            switch next {
            case UInt8(ascii: "!"):
                if index + 3 < bytes.count && bytes[index + 2] == UInt8(ascii: "-")
                    && bytes[index + 3] == UInt8(ascii: "-")
                {
                    guard let end = commentEnd(at: index) else { return nil }
                    // Between two pieces of markup a comment separates no text: without it
                    // libxml2 reads the same text nodes, and skips a comment a byte at a time.
                    if afterMarkup && index == start || end < bytes.count && bytes[end] == UInt8(ascii: "<") {
                        replace(index..<end, with: [])
                        textFollowsMarkup = afterMarkup
                    }
                    return end
                }
                return declarationEnd(from: index + 2, honoursQuotes: true)
            case UInt8(ascii: "?"):
                return declarationEnd(from: index + 2, honoursQuotes: false)
            case UInt8(ascii: "/"):
                guard index + 2 < bytes.count, AttributeFilter.isNameStart(bytes[index + 2]) else {
                    textFollowsMarkup = false
                    return index + 2
                }
                return declarationEnd(from: index + 2, honoursQuotes: false)
            default:
                // A lone "<" is text to libxml2.
                textFollowsMarkup = false
                return index + 1
            }
        }

        /// Cuts a run of blanks that is a whole text node to its first two bytes: every
        /// reader collapses white space, and libxml2 reads the run a character at a time.
        /// Two bytes stay so the node stays (a newline right after a tag may be dropped);
        /// runs libxml2 would hand over in more than one piece (`longestBlankRun`) stay whole.
        /// Returns whether the run is blank.
        @discardableResult
        private mutating func shortenBlankRun(_ run: Range<Int>) -> Bool {
            for index in run where !AttributeFilter.isBlank(bytes[index]) { return false }
            if run.count > 2 && run.count <= AttributeFilter.longestBlankRun {
                replace((run.lowerBound + 2)..<run.upperBound, with: [])
            }
            return true
        }

        /// Replaces a text node that lies between two pieces of markup by a text mark
        /// (`textMarkOpening` and a number in `texts`) when libxml2 would hand it over
        /// unchanged in one piece: libxml2 reads text a character at a time.
        ///
        /// Unchanged means no reference (`&`), no carriage return, no character libxml2
        /// drops (controls, U+FFFE, U+FFFF) and valid UTF-8; one piece means shorter than
        /// `longestBlankRun`, and ended by markup rather than a "<" read as text. The node
        /// is not blank, so libxml2 takes the same decisions (implied paragraphs) for the mark.
        private mutating func markText(_ run: Range<Int>) {
            guard run.count >= AttributeFilter.shortestMarkedText && run.count < AttributeFilter.longestBlankRun,
                run.upperBound == bytes.count || endsText(at: run.upperBound)
            else { return }
            guard readsUnchanged(run, asText: true) else { return }
            replace(run, with: AttributeFilter.textMarkOpening)
            appendDecimal(texts.count)
            texts.append(run)
        }

        /// Whether the `<` at `index` opens markup: a tag, an end tag, a comment or
        /// declaration, or a processing instruction.
        private func endsText(at index: Int) -> Bool {
            guard index + 1 < bytes.count else { return false }
            let next = bytes[index + 1]
            return RawTextFilter.isLetter(next) || next == UInt8(ascii: "/") || next == UInt8(ascii: "!")
                || next == UInt8(ascii: "?")
        }

        /// After the `-->` of the comment at `start`; nil for the forms libxml2 2.9
        /// closes early (`<!-->`, `<!--->`, `--!>`) and for an unclosed comment.
        private func commentEnd(at start: Int) -> Int? {
            var index = start + 4
            if index < bytes.count
                && (bytes[index] == UInt8(ascii: ">")
                    || (bytes[index] == UInt8(ascii: "-") && index + 1 < bytes.count
                        && bytes[index + 1] == UInt8(ascii: ">")))
            {
                return nil
            }
            while index + 2 < bytes.count {
                if bytes[index] == UInt8(ascii: "-") && bytes[index + 1] == UInt8(ascii: "-") {
                    if bytes[index + 2] == UInt8(ascii: ">") { return index + 3 }
                    if bytes[index + 2] == UInt8(ascii: "!") { return nil }
                }
                index += 1
            }
            return nil
        }

        /// After the `>` closing a declaration, processing instruction or end tag whose
        /// body starts at `start`; nil when a `<` comes first or, where libxml2 honours
        /// quotes (the doctype's identifiers), a quote left open would move the end.
        private func declarationEnd(from start: Int, honoursQuotes: Bool) -> Int? {
            var index = start
            var quote: UInt8 = 0
            while index < bytes.count {
                let byte = bytes[index]
                if byte == UInt8(ascii: "<") { return nil }
                if byte == UInt8(ascii: ">") { return quote == 0 ? index + 1 : nil }
                if honoursQuotes && (byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "'")) {
                    if quote == 0 {
                        quote = byte
                    } else if byte == quote {
                        quote = 0
                    }
                }
                index += 1
            }
            return nil
        }

        /// One attribute of a start tag: all of it, its value, and its name id when the
        /// document keeps it (nil when it is removed).
        struct TagAttribute {
            var whole: Range<Int>
            var value: Range<Int>?
            var quoted: Bool
            var id: Int32?
        }

        /// Reads the start tag at `start` as libxml2's `htmlParseStartTag` does, removing
        /// unread attributes; returns where the text resumes (after a script's or style's
        /// contents), or nil on anything libxml2 would read as a bogus attribute.
        private mutating func startTag(at start: Int) -> Int? {
            var index = start + 1
            while index < bytes.count, AttributeFilter.isNameByte(bytes[index]) { index += 1 }
            let name = (start + 1)..<index
            if name.count > AttributeFilter.longestName { return nil }
            let keepsHref = matches(name, "link")
            index = skipBlanks(index)
            var closesItself = false
            tagAttributes.removeAll(keepingCapacity: true)
            while true {
                guard index < bytes.count else { return nil }
                let byte = bytes[index]
                if byte == UInt8(ascii: ">") {
                    index += 1
                    break
                }
                if byte == UInt8(ascii: "/") {
                    guard index + 1 < bytes.count, bytes[index + 1] == UInt8(ascii: ">") else { return nil }
                    index += 2
                    closesItself = true
                    break
                }
                guard AttributeFilter.isNameStart(byte) else { return nil }
                let attributeStart = index
                while index < bytes.count, AttributeFilter.isNameByte(bytes[index]) { index += 1 }
                let attributeName = attributeStart..<index
                if attributeName.count > AttributeFilter.longestName { return nil }
                var attribute = TagAttribute(whole: attributeName, value: nil, quoted: false, id: nil)
                index = skipBlanks(index)
                if index < bytes.count && bytes[index] == UInt8(ascii: "=") {
                    index = skipBlanks(index + 1)
                    guard index < bytes.count else { return nil }
                    let quote = bytes[index]
                    if quote == UInt8(ascii: "\"") || quote == UInt8(ascii: "'") {
                        guard let base = bytes.baseAddress,
                            let found = memchr(base + index + 1, Int32(quote), bytes.count - index - 1)
                        else { return nil }
                        let close = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                        attribute.value = (index + 1)..<close
                        attribute.quoted = true
                        index = close + 1
                    } else {
                        let valueStart = index
                        while index < bytes.count, !AttributeFilter.isBlank(bytes[index]),
                            bytes[index] != UInt8(ascii: ">")
                        {
                            index += 1
                        }
                        attribute.value = valueStart..<index
                    }
                    attribute.whole = attributeStart..<index
                    index = skipBlanks(index)
                }
                if let id = keptID(attributeName), keepsHref || !matches(attributeName, "href") {
                    attribute.id = id
                } else if !isValidUTF8(attribute.whole) {
                    // libxml2 reads bytes that are not UTF-8 as Latin-1 from there on:
                    // such an attribute must stay where libxml2 meets it.
                    return nil
                }
                tagAttributes.append(attribute)
            }
            if !(marksTags && markTag()) {
                // Neighbouring removed attributes go in one cut, with the blanks between them.
                var removed: Range<Int>?
                for attribute in tagAttributes {
                    if attribute.id == nil {
                        removed = (removed?.lowerBound ?? attribute.whole.lowerBound)..<attribute.whole.upperBound
                        continue
                    }
                    if let cut = removed { replace(cut, with: []) }
                    removed = nil
                    if defersValues, attribute.quoted, let value = attribute.value,
                        value.count >= AttributeFilter.shortestDeferred, readsUnchanged(value)
                    {
                        replaceWithPlaceholder(value)
                    }
                }
                if let cut = removed { replace(cut, with: []) }
            }
            if !closesItself && (matches(name, "script") || matches(name, "style")) {
                // Raw text: libxml2 reads no markup until the element's end tag.
                return RawTextFilter.findClose(bytes, name: name, from: index)
            }
            return index
        }

        /// Moves every kept attribute of the tag out, behind one mark (`_:` and the mark's
        /// number), when libxml2 would store all their values unchanged; false otherwise.
        ///
        /// libxml2 spends a few hundred instructions on every attribute it reads and keeps
        /// the first of two with one name; the mark costs it one short name.
        private mutating func markTag() -> Bool {
            var keeps = false
            for attribute in tagAttributes where attribute.id != nil {
                if let value = attribute.value, !readsUnchanged(value) { return false }
                keeps = true
            }
            guard keeps, let first = tagAttributes.first, let last = tagAttributes.last else { return false }
            // Only blanks separate attributes: the whole list becomes the mark.
            replace(first.whole.lowerBound..<last.whole.upperBound, with: [])
            output.append(contentsOf: AttributeFilter.markOpening)
            appendDecimal(marks.count)
            let start = marked.count
            var seen: UInt64 = 0
            for attribute in tagAttributes {
                guard let id = attribute.id, seen & (1 << UInt64(id)) == 0 else { continue }
                seen |= 1 << UInt64(id)
                let empty = attribute.whole.upperBound..<attribute.whole.upperBound
                marked.append(Marked(name: id, value: attribute.value ?? empty))
            }
            marks.append(start..<marked.count)
            return true
        }

        private mutating func replace(_ range: Range<Int>, with replacement: [UInt8]) {
            if output.isEmpty { output.reserveCapacity(bytes.count) }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<range.lowerBound]))
            output.append(contentsOf: replacement)
            copied = range.upperBound
        }

        /// Replaces the value in `range` by the next placeholder: the mark and the
        /// placeholder's number in decimal.
        private mutating func replaceWithPlaceholder(_ range: Range<Int>) {
            replace(range, with: [])
            output.append(AttributeFilter.placeholderMark)
            appendDecimal(deferred.count)
            deferred.append(range)
        }

        private mutating func appendDecimal(_ value: Int) {
            var number = value
            var divisor = 1
            while divisor * 10 <= number { divisor *= 10 }
            repeat {
                output.append(UInt8(ascii: "0") + UInt8(number / divisor))
                number %= divisor
                divisor /= 10
            } while divisor > 0
        }

        func finish() -> Filtered? {
            guard copied > 0 else { return nil }
            var result = output
            result.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
            return Filtered(bytes: result, deferred: deferred, marks: marks, marked: marked, texts: texts)
        }

        private func isValidUTF8(_ range: Range<Int>) -> Bool {
            let span = UnsafeBufferPointer(rebasing: bytes[range])
            return !span.contains { $0 >= 0x80 } || String(validating: span, as: UTF8.self) != nil
        }

        /// Whether libxml2 stores the bytes as they are: no entity or character reference to
        /// decode, no carriage return, valid UTF-8. Text (`asText`) must also hold no character
        /// libxml2 drops from text: controls other than tab and line feed, U+FFFE, U+FFFF.
        private func readsUnchanged(_ range: Range<Int>, asText: Bool = false) -> Bool {
            var index = range.lowerBound
            // Eight bytes a step while they are plain ASCII; the first other step falls
            // through to the byte loop below.
            let ones: UInt64 = 0x0101_0101_0101_0101
            while index + 8 <= range.upperBound {
                let word = UInt64(
                    littleEndian: UnsafeRawPointer(bytes.baseAddress! + index).loadUnaligned(as: UInt64.self))
                // Text: any byte below a space (carriage return included) goes to the byte loop.
                let controls = asText ? (word &- 0x20 &* ones) & ~word : RawTextFilter.marks(word, 0x0D)
                let flags = controls | RawTextFilter.marks(word, UInt8(ascii: "&")) | word
                if flags & (ones &<< 7) != 0 { break }
                index += 8
            }
            var ascii = true
            for byte in UnsafeBufferPointer(rebasing: bytes[index..<range.upperBound]) {
                if byte == UInt8(ascii: "&") || byte == 0x0D { return false }
                if asText && byte < 0x20 && byte != 0x09 && byte != 0x0A { return false }
                if byte >= 0x80 { ascii = false }
            }
            if ascii { return true }
            guard isValidUTF8(range) else { return false }
            guard asText else { return true }
            // U+FFFE and U+FFFF are EF BF BE and EF BF BF.
            var at = range.lowerBound
            while at + 2 < range.upperBound {
                if bytes[at] == 0xEF && bytes[at + 1] == 0xBF && bytes[at + 2] >= 0xBE { return false }
                at += 1
            }
            return true
        }

        private func skipBlanks(_ start: Int) -> Int {
            var index = start
            while index < bytes.count, AttributeFilter.isBlank(bytes[index]) { index += 1 }
            return index
        }

        /// Whether `bytes[range]`, ASCII-lowercased, is `word` (lowercase).
        private func matches(_ range: Range<Int>, _ word: StaticString) -> Bool {
            guard range.count == word.utf8CodeUnitCount else { return false }
            let letters = word.utf8Start
            for offset in 0..<range.count where bytes[range.lowerBound + offset] | 0x20 != letters[offset] {
                return false
            }
            return true
        }

        /// The id of the kept attribute named `bytes[range]` (any case), or nil.
        private func keptID(_ range: Range<Int>) -> Int32? {
            guard range.count < 16 else { return nil }
            candidates: for (name, id) in AttributeFilter.kept[AttributeFilter.keptSlot(bytes[range])] {
                for offset in 0..<name.count
                where AttributeFilter.lower(bytes[range.lowerBound + offset]) != name[offset] {
                    continue candidates
                }
                return id
            }
            return nil
        }
    }

    /// libxml2's `IS_BLANK_CH`: no form feed.
    @inline(__always)
    static func isBlank(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0A || byte == 0x0D
    }

    /// First byte of a name in `htmlParseHTMLName`.
    @inline(__always)
    static func isNameStart(_ byte: UInt8) -> Bool {
        RawTextFilter.isLetter(byte) || byte == UInt8(ascii: "_") || byte == UInt8(ascii: ":")
            || byte == UInt8(ascii: ".")
    }

    /// Later bytes of a name in `htmlParseHTMLName`: letters, digits and `-_:.`, as bit
    /// sets over the bytes below 64 and from 64 to 127.
    @inline(__always)
    static func isNameByte(_ byte: UInt8) -> Bool {
        let low: UInt64 = 0x07FF_6000_0000_0000  // - . 0…9 :
        let high: UInt64 = 0x07FF_FFFE_87FF_FFFE  // A…Z _ a…z
        return byte < 64 ? (low >> UInt64(byte)) & 1 != 0 : byte < 128 && (high >> UInt64(byte - 64)) & 1 != 0
    }

    @inline(__always)
    static func lower(_ byte: UInt8) -> UInt8 { byte >= 0x41 && byte <= 0x5A ? byte | 0x20 : byte }
}
