import WirewatchHTML

/// Reads headline, outlet, authors, date, URL and language from a page's metadata, in
/// order of trust: JSON-LD and Open Graph first, then `<h1>`/`<title>` and markup hints.
enum HTMLMetadata {
    private static let articleTypes: Set<String> = [
        "newsarticle", "article", "blogposting", "reportagenewsarticle", "analysisnewsarticle", "opinionnewsarticle",
        "report", "scholarlyarticle", "techarticle", "liveblogposting", "backgroundnewsarticle", "posting",
    ]

    private static let maxRelAuthors = 3
    private static let ldJSON = Array("ld+json".utf8)

    /// Fills `fields` from `document`'s metadata; `modified` (the dump's mtime, epoch
    /// seconds) bounds the published date when known.
    static func read(_ document: HTMLDocument, modified: Int? = nil, into fields: inout ArticleFields) {
        var meta: [String: String] = [:]
        var canonical: String?
        var titleText: String?
        var h1: String?
        var lang: String?
        var timeValue: String?
        var relAuthors: [String] = []
        var jsonLD: [JSONValue] = []

        let id = { (name: String) in document.nameID(name) ?? -2 }
        let (htmlTag, metaTag, linkTag, titleTag, h1Tag) = (id("html"), id("meta"), id("link"), id("title"), id("h1"))
        let (timeTag, aTag, scriptTag) = (id("time"), id("a"), id("script"))
        let (content, rel, type) = (id("content"), id("rel"), id("type"))
        let metaKeys = ["property", "name", "itemprop", "http-equiv"].map(id)
        func attribute(_ name: String, _ index: Int) -> String? { document.attribute(id(name), of: index) }
        func text(_ index: Int) -> String { HTMLFast.collapsingWhitespace(document.textBytes(of: index)) }

        // One pass over the elements; only the few tags read here cost more than a compare.
        for (index, node) in document.nodes.enumerated() where !node.isText {
            switch node.name {
            case htmlTag:
                if lang == nil { lang = attribute("lang", index) ?? attribute("xml:lang", index) }
            case metaTag:
                guard let range = document.attributeRange(content, of: index) else { continue }
                let value = HTMLFast.collapsingWhitespace(Array(document.bytes[range]))
                if value.isEmpty { continue }
                for key in metaKeys {
                    if let name = document.attribute(key, of: index)?.lowercased(), meta[name] == nil {
                        meta[name] = value
                    }
                }
            case linkTag:
                if canonical == nil, let range = document.attributeRange(rel, of: index),
                    isCanonical(document.bytes[range])
                {
                    canonical = attribute("href", index)
                }
            case titleTag:
                if titleText == nil { titleText = text(index) }
            case h1Tag:
                if h1 == nil { h1 = text(index) }
            case timeTag:
                if timeValue == nil { timeValue = attribute("datetime", index) }
            case aTag:
                if document.attribute(rel, of: index)?.lowercased() == "author" {
                    let name = text(index)
                    if !relAuthors.contains(name) { relAuthors.append(name) }
                }
            case scriptTag:
                if let typeRange = document.attributeRange(type, of: index),
                    HTMLFast.containsLowercased(document.bytes[typeRange], ldJSON),
                    let value = JSONValue.parse(document.textContent(of: index))
                {
                    jsonLD.append(value)
                }
            default:
                continue
            }
        }

        let article = findArticleObject(jsonLD)
        fields.offer(\.publisher, meta["og:site_name"], name: "publisher", rule: "html:meta")
        fields.offer(
            \.publisher, article.flatMap { name(of: $0["publisher"]) }, name: "publisher", rule: "html:json-ld")
        fields.offer(\.publisher, meta["application-name"], name: "publisher", rule: "html:meta")

        fields.offer(
            \.title, meta["og:title"].map { stripSiteName($0, publisher: fields.publisher) }, name: "title",
            rule: "html:meta")
        fields.offer(\.title, article?["headline"]?.string?.collapsingWhitespace(), name: "title", rule: "html:json-ld")
        fields.offer(
            \.title, meta["twitter:title"].map { stripSiteName($0, publisher: fields.publisher) }, name: "title",
            rule: "html:meta")
        fields.offer(\.title, h1, name: "title", rule: "html:h1")
        fields.offer(
            \.title, titleText.map { stripSiteName($0, publisher: fields.publisher) }, name: "title", rule: "html:title"
        )

        fields.offer(\.url, canonical.flatMap(absoluteURL), name: "url", rule: "html:canonical")
        fields.offer(\.url, meta["og:url"].flatMap(absoluteURL), name: "url", rule: "html:meta")
        fields.offer(\.url, article?["url"]?.string.flatMap(absoluteURL), name: "url", rule: "html:json-ld")

        let (publisher, url) = (fields.publisher, fields.url)
        func offerAuthors(_ raw: [String], rule: String) {
            guard fields.authors.isEmpty else { return }
            let names = HTMLAuthors.names(raw, publisher: publisher, url: url)
            if !names.isEmpty {
                fields.authors = names
                fields.provenance["authors"] = rule
            }
        }
        offerAuthors(article?["author"]?.list.compactMap(name(of:)) ?? [], rule: "html:json-ld")
        for key in [
            "author", "article:author", "byl", "parsely-author", "citation_author", "dc.creator", "sailthru.author",
        ] {
            offerAuthors(meta[key].map { [$0] } ?? [], rule: "html:meta")
        }
        // Many rel=author links are a list of the site's writers, not this article's byline.
        if relAuthors.count <= Self.maxRelAuthors { offerAuthors(relAuthors, rule: "html:rel-author") }

        let date = { (value: String?) in value.flatMap { HTMLDate.validated($0, modified: modified) } }
        fields.offer(\.published, date(article?["datePublished"]?.string), name: "published", rule: "html:json-ld")
        for key in [
            "article:published_time", "datepublished", "og:published_time", "date", "dc.date", "dc.date.issued",
            "parsely-pub-date", "sailthru.date", "pubdate", "publish-date", "article.published",
            "citation_publication_date", "citation_date", "dcterms.date",
        ] {
            fields.offer(\.published, date(meta[key]), name: "published", rule: "html:meta")
        }
        fields.offer(\.published, date(timeValue), name: "published", rule: "html:time")
        fields.offer(\.published, date(article?["dateCreated"]?.string), name: "published", rule: "html:json-ld")

        if let body = article?["articleBody"]?.string {
            fields.declaredBody = lines(of: body)
        }
        fields.offer(\.language, lang.flatMap(languageCode), name: "language", rule: "html:lang")
        fields.offer(
            \.language, (meta["content-language"] ?? meta["og:locale"]).flatMap(languageCode), name: "language",
            rule: "html:meta")
    }

    /// The text's lines with white space collapsed, empty ones left out: what
    /// `split(whereSeparator: \.isNewline)` and `collapsingWhitespace()` give, on bytes. A
    /// newline (LF, VT, FF, CR, NEL, U+2028, U+2029) is always a character of its own,
    /// or half of CR LF, so cutting at every one of them splits where characters split.
    static func lines(of text: String) -> [String] {
        ByteText.withBytes(text) { bytes in
            var lines: [String] = []
            var start = 0
            var index = 0
            while index <= bytes.count {
                let length = index < bytes.count ? newlineLength(bytes, index) : 1
                if length == 0 {
                    index += 1
                    continue
                }
                let line = HTMLFast.collapsingWhitespace(UnsafeBufferPointer(rebasing: bytes[start..<index]))
                if !line.isEmpty { lines.append(line) }
                index += length
                start = index
            }
            return lines
        }
    }

    /// Length of the newline character starting at `index`, or 0.
    private static func newlineLength(_ bytes: UnsafeBufferPointer<UInt8>, _ index: Int) -> Int {
        switch bytes[index] {
        case 0x0A...0x0D: return 1
        case 0xC2: return index + 1 < bytes.count && bytes[index + 1] == 0x85 ? 2 : 0
        case 0xE2:
            guard index + 2 < bytes.count, bytes[index + 1] == 0x80 else { return 0 }
            return bytes[index + 2] == 0xA8 || bytes[index + 2] == 0xA9 ? 3 : 0
        default: return 0
        }
    }

    /// Whether a `rel` value lists "canonical" among its space-separated words, in any case.
    /// ASCII values (all real ones) are read as bytes; others take the `String` path, whose
    /// grapheme-aware split and Unicode lowercasing decide the rare odd cases.
    static func isCanonical(_ value: ArraySlice<UInt8>) -> Bool {
        if value.contains(where: { $0 >= 0x80 }) {
            return String(decoding: value, as: UTF8.self).lowercased().split(separator: " ").contains("canonical")
        }
        var start = value.startIndex
        while start < value.endIndex {
            let end = value[start...].firstIndex(of: 0x20) ?? value.endIndex
            if HTMLFast.containsLowercased(value[start..<end], canonicalWord) && end - start == canonicalWord.count {
                return true
            }
            start = end + 1
        }
        return false
    }

    private static let canonicalWord = Array("canonical".utf8)

    /// The first JSON-LD object typed as an article, searching `@graph` and arrays;
    /// failing that, the first object with a headline.
    private static func findArticleObject(_ roots: [JSONValue]) -> JSONValue? {
        var queue = roots
        var withHeadline: JSONValue?
        var index = 0
        while index < queue.count {
            let value = queue[index]
            index += 1
            switch value {
            case .array(let items): queue += items
            case .object(let members):
                if let graph = members["@graph"] { queue += graph.list }
                let types = (members["@type"]?.list ?? []).compactMap { $0.string?.lowercased() }
                if types.contains(where: articleTypes.contains) { return value }
                if withHeadline == nil, members["headline"] != nil { withHeadline = value }
            default: break
            }
        }
        return withHeadline
    }

    private static func name(of value: JSONValue?) -> String? {
        guard let value else { return nil }
        switch value {
        case .string(let s): return s.collapsingWhitespace().isEmpty ? nil : s.collapsingWhitespace()
        case .object: return value["name"]?.string?.collapsingWhitespace()
        case .array(let items): return items.lazy.compactMap(name(of:)).first
        default: return nil
        }
    }

    /// "Headline | Site", "Headline - Site": drops a trailing (or leading) part that is
    /// the outlet's name or too short to be the headline.
    static func stripSiteName(_ raw: String, publisher: String?) -> String {
        let title = raw.collapsingWhitespace()
        let bytes = Array(title.utf8)
        for separator in titleSeparators where HTMLFast.contains(bytes, separator.bytes) {
            let separator = separator.text
            let parts = title.split(separator: separator).map { String($0.trimmedSpace()) }
            guard parts.count >= 2 else { continue }
            let last = parts[parts.count - 1]
            let rest = parts.dropLast().joined(separator: separator)
            if let publisher,
                last.lowercased() == publisher.lowercased() || last.lowercased().contains(publisher.lowercased())
            {
                return rest
            }
            if let publisher, parts[0].lowercased() == publisher.lowercased() {
                return parts.dropFirst().joined(separator: separator)
            }
            if last.split(separator: " ").count <= 4 && rest.split(separator: " ").count >= 3 { return rest }
        }
        return title
    }

    /// Separators between headline and site name, with their bytes for a quick test
    /// (splitting on a string is slow even when it does not occur).
    private static let titleSeparators = [" | ", " - ", " – ", " — ", " :: ", " · ", " » "].map {
        (text: $0, bytes: Array($0.utf8))
    }

    private static func absoluteURL(_ value: String) -> String? {
        let trimmed = String(value.trimmedSpace())
        return trimmed.hasPrefix("http://") || trimmed.hasPrefix("https://") ? trimmed : nil
    }

    private static func languageCode(_ value: String) -> String? {
        let code = value.trimmedSpace().prefix { $0.isLetter }.lowercased()
        return (2...3).contains(code.count) ? code : nil
    }
}
