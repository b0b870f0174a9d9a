/// Decides text versus HTML from content (SPEC §2), never from the file name.
enum FormatSniffer {
    private static let openers = ["<!doctype html", "<html", "<head", "<body", "<?xml", "<!--"]
    /// Head-only elements that pages (saved without their doctype) open with and text never does.
    private static let headOpeners = ["<style", "<script", "<meta ", "<meta>", "<link ", "<title>"]
    private static let commonTags: Set<String> = [
        "p", "div", "a", "span", "br", "meta", "script", "link", "title", "table", "tr", "td", "li", "ul", "ol",
        "h1", "h2", "h3", "h4", "h5", "h6", "img", "section", "article", "nav", "header", "footer", "style", "b", "i",
        "em", "strong", "form", "input", "iframe", "noscript", "main",
    ]

    /// True when `text` opens like an HTML document, or when known tags are dense near
    /// its start (fragments and pages with junk before the doctype).
    static func isHTML(_ text: String) -> Bool {
        // ASCII case folding on bytes: Unicode lowercasing of the head cost more than
        // extracting a whole text dump.
        var head = [UInt8](repeating: 0, count: min(text.utf8.count, 4096))
        var index = 0
        for byte in text.utf8 {
            if index == head.count { break }
            head[index] = byte &- 0x41 < 26 ? byte | 0x20 : byte
            index += 1
        }
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
        let trimmed = head[start...]
        for opener in openers where trimmed.starts(with: opener.utf8) {
            if opener == "<!--" || opener == "<?xml" { return tagCount(head) >= 3 }
            return true
        }
        if headOpeners.contains(where: { trimmed.starts(with: $0.utf8) }) { return true }
        let tags = tagCount(head)
        return tags >= 8 || (trimmed.first == UInt8(ascii: "<") && tags >= 3)
    }

    /// Number of `<tag` / `</tag` occurrences of well-known HTML elements.
    private static func tagCount(_ bytes: [UInt8]) -> Int {
        var count = 0
        var i = 0
        while i < bytes.count {
            if bytes[i] == UInt8(ascii: "<") {
                var j = i + 1
                if j < bytes.count && bytes[j] == UInt8(ascii: "/") { j += 1 }
                let nameStart = j
                while j < bytes.count, (bytes[j] >= 0x61 && bytes[j] <= 0x7A) || (bytes[j] >= 0x30 && bytes[j] <= 0x39)
                {
                    j += 1
                }
                if j > nameStart, j < bytes.count,
                    bytes[j] == 0x20 || bytes[j] == UInt8(ascii: ">") || bytes[j] == 0x2F
                        || bytes[j] == 0x0A
                {
                    if commonTags.contains(String(decoding: bytes[nameStart..<j], as: UTF8.self)) { count += 1 }
                }
                i = j
            } else {
                i += 1
            }
        }
        return count
    }
}
