import WirewatchDigest
import WirewatchHTML

/// Turns the bytes of one dump into an `Article` (SPEC §2 and §4).
///
/// Pure and stateless: no file system, clock or global state is touched, so one value
/// can be shared by any number of concurrent workers.
public struct Extractor: Sendable {
    /// How far past the article itself an extraction goes.
    public enum Depth: Sendable {
        /// Body and metadata, then entities, quotes, figures and events (the whole SPEC §4 object).
        case facts
        /// Body and metadata only: `entities`, `quotes`, `quantities` and `events` stay empty.
        /// For readers that want the clean article and nothing else, at a fraction of the cost.
        case article
    }

    /// What `extract(_:)` computes; the daemon always uses `.facts`.
    public var depth: Depth

    public init(depth: Depth = .facts) {
        self.depth = depth
    }

    /// Pure: bytes in, article out; throws ExtractError for empty/binary/undecodable/corrupt input or no text.
    ///
    /// gzip is recognised by its magic bytes, the text encoding by BOM, `<meta>` charset
    /// and strict UTF-8 validation, and HTML versus text by content, never by file name.
    public func extract(_ dump: Dump) throws(ExtractError) -> Article {
        if dump.bytes.isEmpty { throw .empty }
        let gzip = Gzip.isGzip(dump.bytes)
        let bytes = gzip ? try Gzip.decompress(dump.bytes) : dump.bytes
        if bytes.isEmpty { throw .empty }
        let decoded = try TextDecoding.decode(bytes)
        if decoded.utf8.withUnsafeBufferPointer(ByteText.isBlank) { throw .empty }

        let isHTML = decoded.utf8.withUnsafeBufferPointer(FormatSniffer.isHTML(utf8:))
        var fields: ArticleFields
        var encoding = decoded.encoding
        if isHTML {
            var document: HTMLDocument
            if let charset = decoded.unsupportedCharset {
                document = HTMLParser.parse(bytes, encoding: charset)
                encoding = charset
            } else if decoded.encoding == "utf-8" {
                // The dump's own bytes (minus a BOM), as libxml2 reads them: after a BOM the
                // decoded text may have U+FFFD where these hold invalid sequences.
                document = HTMLParser.parse(bytes.starts(with: [0xEF, 0xBB, 0xBF]) ? Array(bytes.dropFirst(3)) : bytes)
            } else {
                document = HTMLParser.parse(decoded.utf8)
            }
            fields = ArticleFields()
            HTMLMetadata.read(document, modified: dump.modified, into: &fields)
            fields.paragraphs = HTMLBody().paragraphs(document, title: fields.title)
            if fields.paragraphs.isEmpty && !fields.declaredBody.isEmpty {
                fields.paragraphs = fields.declaredBody
                fields.provenance["body"] = "html:json-ld"
            }
        } else {
            let extractor = TextDumpExtractor(modified: dump.modified)
            fields = decoded.utf8.withUnsafeBufferPointer { extractor.extract(utf8: $0) }
        }
        if fields.paragraphs.isEmpty { throw .noText }

        let body = fields.paragraphs.joined(separator: "\n\n")
        if fields.language == nil, let guess = StopWords.guessLanguage(body) {
            fields.language = guess
            fields.provenance["language"] = "stop-words"
        }
        // Entities are an English-language stage (SPEC §4).
        let understands = depth == .facts && fields.language == "en"
        let entities = understands ? EntityRecognizer().entities(title: fields.title, body: body) : []
        let digest = SHA256.hex(dump.bytes)
        let source = Article.Source(
            name: dump.name, path: dump.path, size: dump.bytes.count, sha256: digest,
            format: isHTML ? .html : .text, encoding: encoding, gzip: gzip)
        var article = Article(
            id: String(digest.prefix(16)), source: source, extractor: extractorVersion, title: fields.title,
            publisher: fields.publisher, authors: fields.authors, published: fields.published, url: fields.url,
            language: fields.language, body: body, summary: Sentences.summary(of: fields.paragraphs),
            entities: entities, provenance: fields.provenance)
        // Quotes, figures and events read the entities, so they come after them.
        if understands {
            let facts = ArticleFacts(body: body, published: article.published, entities: article.entities)
            article.quotes = facts.quotes
            article.quantities = facts.quantities
            article.events = facts.events
        }
        return article
    }
}
