/// What an English body says beyond its names: quotes with speakers, figures, and typed
/// events (SPEC §4 `quotes`, `quantities`, `events`).
///
/// Pure and deterministic. Takes the entities found before it so speakers and actors
/// come out as entity names; with no entities it falls back to a simple guess from
/// capitalised words, so it also works on its own.
public struct ArticleFacts: Sendable, Equatable {
    public var quotes: [Article.Quote]
    public var quantities: [Article.Quantity]
    public var events: [Article.Event]

    /// Quotes shorter than this many words are the reporter's scare quotes and may
    /// still trigger events; longer ones are the speaker's words and do not.
    static let statementWords = 6

    /// `published` is the article's ISO date (or date-time), used to resolve "on
    /// Tuesday"; nil leaves weekdays unresolved and month-days as `--MM-DD`.
    /// Bodies are read up to this many bytes (cut at a paragraph break): far beyond
    /// any news article, and a 30 MiB page costs no more than a long feature.
    static let maxBodyBytes = 1 << 20

    public init(body: String, published: String?, entities: [Article.Entity]) {
        let text = BodyText(ArticleFacts.head(of: body))
        let names = NameIndex(body: text, entities: entities)
        let quoteFinder = QuoteFinder(body: text, names: names)
        var quoted = [Bool](repeating: false, count: text.words.count)
        for span in quoteFinder.spans() {
            let length = span.pieces.reduce(0) { total, piece in
                total + piece.filter { text.words[$0].isWord }.count
            }
            guard length >= ArticleFacts.statementWords else { continue }
            for k in span.open...min(span.close, text.words.count - 1) { quoted[k] = true }
        }
        quotes = quoteFinder.quotes()
        quantities = QuantityFinder(body: text).quantities()
        events = EventFinder(body: text, names: names, published: published).events(quoted: quoted)
    }

    /// The body up to `maxBodyBytes`, ending at the last paragraph break before it.
    static func head(of body: String) -> Substring {
        let bytes = body.utf8
        guard bytes.count > maxBodyBytes else { return body[...] }
        var end = bytes.index(bytes.startIndex, offsetBy: maxBodyBytes)
        while end > bytes.startIndex, bytes[end] != UInt8(ascii: "\n") { end = bytes.index(before: end) }
        while end > bytes.startIndex, bytes[bytes.index(before: end)] == UInt8(ascii: "\n") {
            end = bytes.index(before: end)
        }
        if end == bytes.startIndex { end = bytes.index(bytes.startIndex, offsetBy: maxBodyBytes) }
        // Without a line break the cut may fall inside a character: move it back to one.
        while String.Index(end, within: body) == nil { end = bytes.index(before: end) }
        return body[..<end]
    }
}
