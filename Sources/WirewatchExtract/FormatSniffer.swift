/// Decides text versus HTML from content (SPEC §2), never from the file name.
enum FormatSniffer {
    /// Openings of a document; the XML declaration and a comment also open other formats,
    /// so after them known tags must follow.
    private static let openers: [(bytes: [UInt8], needsTags: Bool)] = [
        ("<!doctype html", false), ("<html", false), ("<head", false), ("<body", false), ("<?xml", true),
        ("<!--", true),
    ].map { (Array($0.0.utf8), $0.1) }
    /// Head-only elements that pages (saved without their doctype) open with and text never does.
    private static let headOpeners = ["<style", "<script", "<meta ", "<meta>", "<link ", "<title>"].map {
        Array($0.utf8)
    }
    private static let commonTags = WordSet([
        "p", "div", "a", "span", "br", "meta", "script", "link", "title", "table", "tr", "td", "li", "ul", "ol",
        "h1", "h2", "h3", "h4", "h5", "h6", "img", "section", "article", "nav", "header", "footer", "style", "b", "i",
        "em", "strong", "form", "input", "iframe", "noscript", "main",
    ])
    /// How much of the start is looked at.
    private static let window = 4096

    /// True when `text` opens like an HTML document, or when known tags are dense near
    /// its start (fragments and pages with junk before the doctype).
    static func isHTML(_ text: String) -> Bool {
        // ASCII case folding on the bytes themselves: Unicode lowercasing of the head cost
        // more than extracting a whole text dump, and a folded copy of it cost a pass more.
        ByteText.withBytes(text, isHTML(utf8:))
    }

    /// `isHTML(_:)` on the text's UTF-8 bytes.
    static func isHTML(utf8 bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        isHTML(head: UnsafeBufferPointer(rebasing: bytes.prefix(window)))
    }

    private static func isHTML(head: UnsafeBufferPointer<UInt8>) -> Bool {
        var start = 0
        while start < head.count {
            let b = head[start]
            if b == 0x20 || (b >= 0x09 && b <= 0x0D) {
                start += 1
            } else if b == 0xEF && start + 2 < head.count && head[start + 1] == 0xBB && head[start + 2] == 0xBF {
                start += 3
            } else if b == 0xC2 && start + 1 < head.count && head[start + 1] == 0xA0 {
                start += 2
            } else {
                break
            }
        }
        let trimmed = start..<head.count
        if let opener = openers.first(where: { ByteText.hasFoldedPrefix(head, trimmed, $0.bytes) }) {
            return opener.needsTags ? tagCount(head) >= 3 : true
        }
        if headOpeners.contains(where: { ByteText.hasFoldedPrefix(head, trimmed, $0) }) { return true }
        let tags = tagCount(head)
        return tags >= 8 || (start < head.count && head[start] == UInt8(ascii: "<") && tags >= 3)
    }

    /// Number of `<tag` / `</tag` occurrences of well-known HTML elements, names in any case.
    private static func tagCount(_ bytes: UnsafeBufferPointer<UInt8>) -> Int {
        var count = 0
        var i = 0
        while i < bytes.count {
            i = ByteText.next(UInt8(ascii: "<"), in: bytes, from: i)
            if i < bytes.count {
                var j = i + 1
                if j < bytes.count && bytes[j] == UInt8(ascii: "/") { j += 1 }
                let nameStart = j
                while j < bytes.count, ByteText.isASCIILetterOrDigit(bytes[j]) { j += 1 }
                if j > nameStart, j < bytes.count,
                    bytes[j] == 0x20 || bytes[j] == UInt8(ascii: ">") || bytes[j] == 0x2F || bytes[j] == 0x0A
                {
                    if commonTags.contains(bytes, nameStart..<j) { count += 1 }
                }
                i = j
            }
        }
        return count
    }
}
