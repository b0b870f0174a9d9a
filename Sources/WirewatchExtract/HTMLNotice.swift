/// Recognises the short site notices that pages put inside the article container
/// ("Download our app", "Sign up to our newsletter", "Submit a letter to the editor")
/// and figure captions written as labels ("Abbildung: …", "Figure 2: …").
///
/// A notice needs two independent signals, so an article sentence that merely mentions
/// Twitter or a newsletter stays.
///
/// Also recognises advertising disguised from filters with look-alike letters
/// ("Yоur соntеnt" with Cyrillic о and е) and the page stamps that close hand-made
/// pages ("Created 03-10-2004 - Last Modified: …").
enum HTMLNotice {
    private static let signals = [
        "subscri", "newsletter", "sign up", "signing up", "download", " app ", " app.", " apps", "follow us",
        "latest news", "latest stories", "breaking news", "please ", "your inbox", "your phone", "letter to the editor",
        "letters to the editor", "whatsapp", "email us", "e-mail us", "twitter", "facebook", "instagram",
        "we want to hear", "full story", "this form", "click here", "tap here", "newsletters", "podcast",
        "abonn", "anmelden", "registrieren", "iscriviti", "advertiser", "compensation", "affiliate",
    ]
    /// Longest block (in words) that can be a notice; longer ones are reporting.
    private static let maxWords = 40
    private static let captionLabels: Set<String> = [
        "abbildung", "abb", "figure", "fig", "bild", "foto", "photo", "image", "credit", "grafik", "illustration",
        "figura", "imagen", "immagine",
    ]

    /// First letters of `captionLabels`, as lowercase ASCII bytes.
    private static let labelOpenings = Set(captionLabels.compactMap { $0.utf8.first })
    private static let signalBytes = signals.map { Array($0.utf8) }

    /// True for a short block that carries at least two notice signals.
    static func isNotice(_ text: String, words: Int) -> Bool {
        guard words <= maxWords else { return false }
        return ByteText.withBytes(text) { hasTwoSignals($0) }
    }

    /// The signal search of `isNotice` over the text's bytes, lowercased as ASCII (every
    /// signal is ASCII) with a space added at either end.
    private static func hasTwoSignals(_ text: UnsafeBufferPointer<UInt8>) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: text.count + 2) { padded in
            padded[0] = 0x20
            for index in 0..<text.count { padded[index + 1] = ByteText.lower(text[index]) }
            padded[text.count + 1] = 0x20
            return hasTwoSignals(padded: UnsafeBufferPointer(padded))
        }
    }

    private static func hasTwoSignals(padded: UnsafeBufferPointer<UInt8>) -> Bool {
        // Static tables read once: each access to a static costs a once-check in the loop.
        let (firsts, seconds, needles, opening) = (signalsByFirstByte, signalsBySecondByte, signalBytes, followOpening)
        var bonus = 0
        if padded.count >= opening.count && (0..<opening.count).allSatisfy({ padded[$0] == opening[$0] }) {
            bonus = 1
        }
        // One pass over the text, trying only the signals that open with the two bytes at hand.
        var found: UInt64 = 0
        for start in 0..<(padded.count - 1) {
            var candidates = firsts[Int(padded[start])] & seconds[Int(padded[start + 1])] & ~found
            while candidates != 0 {
                let signal = candidates.trailingZeroBitCount
                candidates &= candidates - 1
                let needle = needles[signal]
                guard start + needle.count <= padded.count else { continue }
                var matched = 2
                while matched < needle.count && padded[start + matched] == needle[matched] { matched += 1 }
                if matched == needle.count {
                    found |= 1 << signal
                    if found.nonzeroBitCount + bonus >= 2 { return true }
                }
            }
        }
        return false
    }

    private static let followOpening = Array(" follow ".utf8)

    /// Bit sets of indices into `signalBytes`, by their first byte.
    private static let signalsByFirstByte = signalSets(at: 0)
    /// Bit sets of indices into `signalBytes`, by their second byte.
    private static let signalsBySecondByte = signalSets(at: 1)

    private static func signalSets(at position: Int) -> [UInt64] {
        var table = [UInt64](repeating: 0, count: 256)
        for (index, signal) in signalBytes.enumerated() { table[Int(signal[position])] |= 1 << index }
        return table
    }

    /// True for "Abbildung: …", "Figure 2: …", "(Credit: …)": a label word, an optional
    /// number, then a colon.
    static func isCaption(_ text: String) -> Bool {
        // Cheap necessary conditions first (this runs for every block): a colon somewhere,
        // and a first letter that can open a label. Non-ASCII openings take the full path.
        guard ByteText.withBytes(text, { ByteText.next(UInt8(ascii: ":"), in: $0, from: 0) < $0.count }) else {
            return false
        }
        if let opening = text.utf8.first(where: { $0 != UInt8(ascii: "(") && $0 != UInt8(ascii: " ") }),
            opening < 0x80, !labelOpenings.contains(opening | 0x20)
        {
            return false
        }
        if let asciiAnswer = ByteText.withBytes(text, asciiCaptionLabel) { return asciiAnswer }
        var rest = Substring(text.lowercased()).drop { $0 == "(" || $0 == " " }
        let label = rest.prefix { $0.isLetter }
        guard captionLabels.contains(String(label)) else { return false }
        rest = rest.dropFirst(label.count).drop { $0 == "." || $0 == " " || $0.isNumber }
        return rest.first == ":"
    }

    /// `isCaption`'s answer read on bytes, or nil when a byte it has to read is not ASCII
    /// (then letters, digits and characters need the full Unicode rules). On ASCII every
    /// byte is a character, a letter is A–Z or a–z and a number is a digit.
    private static func asciiCaptionLabel(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool? {
        var index = 0
        func skip(while matches: (UInt8) -> Bool) -> Bool {
            while index < bytes.count && bytes[index] < 0x80 && matches(bytes[index]) { index += 1 }
            return index == bytes.count || bytes[index] < 0x80
        }
        guard skip(while: { $0 == UInt8(ascii: "(") || $0 == 0x20 }) else { return nil }
        let labelStart = index
        guard skip(while: { ($0 | 0x20) &- 0x61 < 26 }) else { return nil }
        let label = UnsafeBufferPointer(rebasing: bytes[labelStart..<index])
        guard labelBytes.contains(where: { ByteText.equalsFolded(label, $0) }) else { return false }
        guard skip(while: { $0 == UInt8(ascii: ".") || $0 == 0x20 || $0 &- 0x30 < 10 }) else { return nil }
        guard index < bytes.count, bytes[index] == UInt8(ascii: ":") else { return false }
        // A combining mark after the colon would make it part of another character.
        return index + 1 == bytes.count || bytes[index + 1] < 0x80 ? true : nil
    }

    private static let labelBytes = captionLabels.map { Array($0.utf8) }

    /// True when at least two words mix Latin letters with Cyrillic or Greek ones: no
    /// language spells words that way, spam does to slip past word filters.
    static func isObfuscated(_ text: String) -> Bool {
        // Cyrillic and Greek (U+0370…U+04FF) open with UTF-8 lead bytes 0xCD…0xD3.
        guard ByteText.withBytes(text, { $0.contains { $0 &- 0xCD <= 0xD3 - 0xCD } }) else { return false }
        var mixed = 0
        var latin = false
        var other = false
        for scalar in text.unicodeScalars {
            let value = scalar.value
            if (value | 0x20) >= 0x61 && (value | 0x20) <= 0x7A {
                latin = true
            } else if (0x0370...0x04FF).contains(value) {
                other = true
            } else if scalar == " " {
                if latin && other { mixed += 1 }
                latin = false
                other = false
            }
        }
        if latin && other { mixed += 1 }
        return mixed >= 2
    }

    /// True for a short line that stamps the page's creation or change ("Last
    /// modified: 03-10-2004"), as simple sites print below the text.
    static func isPageStamp(_ text: String, words: Int) -> Bool {
        guard words <= 15, text.utf8.contains(where: { $0 >= 0x30 && $0 <= 0x39 }) else { return false }
        let lower = Array(text.lowercased().utf8)
        return stampPhrases.contains { HTMLFast.contains(lower, $0) }
    }

    private static let stampPhrases = ["last modified", "last updated", "last changed", "zuletzt geändert"].map {
        Array($0.utf8)
    }
}
