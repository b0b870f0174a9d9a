extension Article {
    /// The article as UTF-8 JSON, byte for byte what Foundation's `JSONEncoder` gives with
    /// `[.sortedKeys, .withoutEscapingSlashes]` (plus `.prettyPrinted` when `pretty`), so
    /// output stays the same whichever writes it. No trailing newline.
    ///
    /// nil when a number is NaN or infinite: the encoder rejects those with an error, which
    /// the caller gets by encoding with it instead.
    public func json(pretty: Bool = false) -> [UInt8]? {
        var writer = JSONWriter(pretty: pretty, capacity: body.utf8.count + summary.utf8.count + 1024)
        // Keys in byte order, as `.sortedKeys` orders them.
        writer.object {
            $0.member("authors") { $0.array(authors) { $0.string($1) } }
            $0.member("body") { $0.string(body) }
            $0.member("entities") { $0.array(entities) { $0.entity($1) } }
            $0.member("events") { $0.array(events) { $0.event($1) } }
            $0.member("extractor") { $0.string(extractor) }
            $0.member("id") { $0.string(id) }
            $0.member("language") { $0.string(language) }
            $0.member("provenance") { $0.dictionary(provenance) }
            $0.member("published") { $0.string(published) }
            $0.member("publisher") { $0.string(publisher) }
            $0.member("quantities") { $0.array(quantities) { $0.quantity($1) } }
            $0.member("quotes") { $0.array(quotes) { $0.quote($1) } }
            $0.member("source") { $0.source(source) }
            $0.member("summary") { $0.string(summary) }
            $0.member("title") { $0.string(title) }
            $0.member("url") { $0.string(url) }
        }
        return writer.failed ? nil : writer.bytes
    }
}

extension JSONWriter {
    fileprivate mutating func source(_ s: Article.Source) {
        object {
            $0.member("encoding") { $0.string(s.encoding) }
            $0.member("format") { $0.string(s.format.rawValue) }
            $0.member("gzip") { $0.bool(s.gzip) }
            $0.member("name") { $0.string(s.name) }
            $0.member("path") { $0.string(s.path) }
            $0.member("sha256") { $0.string(s.sha256) }
            $0.member("size") { $0.integer(s.size) }
        }
    }

    fileprivate mutating func entity(_ e: Article.Entity) {
        // `role` and `nominal` are left out when absent, as `Entity.encode(to:)` does.
        object {
            $0.member("aliases") { $0.array(e.aliases) { $0.string($1) } }
            $0.member("mentions") { $0.integer(e.mentions) }
            $0.member("name") { $0.string(e.name) }
            if e.nominal { $0.member("nominal") { $0.bool(true) } }
            if let role = e.role { $0.member("role") { $0.string(role) } }
            $0.member("type") { $0.string(e.type.rawValue) }
        }
    }

    fileprivate mutating func quote(_ q: Article.Quote) {
        object {
            $0.member("sentence") { $0.integer(q.sentence) }
            $0.member("speaker") { $0.string(q.speaker) }
            $0.member("text") { $0.string(q.text) }
        }
    }

    fileprivate mutating func quantity(_ q: Article.Quantity) {
        object {
            $0.member("text") { $0.string(q.text) }
            $0.member("unit") { $0.string(q.unit) }
            $0.member("value") { $0.number(q.value) }
        }
    }

    fileprivate mutating func event(_ e: Article.Event) {
        object {
            $0.member("actor") { $0.string(e.actor) }
            $0.member("cameo") { $0.string(e.cameo) }
            $0.member("date") { $0.string(e.date) }
            $0.member("evidence") { $0.string(e.evidence) }
            $0.member("goldstein") { $0.number(e.goldstein) }
            $0.member("location") { $0.string(e.location) }
            $0.member("sentence") { $0.integer(e.sentence) }
            $0.member("target") { $0.string(e.target) }
            $0.member("type") { $0.string(e.type) }
        }
    }
}
