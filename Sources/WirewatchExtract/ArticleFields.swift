/// What a format-specific extractor found, before the shared finishing steps (summary,
/// language guess, assembly into an `Article`).
struct ArticleFields: Sendable {
    var title: String?
    var publisher: String?
    var authors: [String] = []
    var published: String?
    var url: String?
    var language: String?
    var paragraphs: [String] = []
    /// Body text stated by the page's metadata (JSON-LD `articleBody`), used only when
    /// the markup yields none.
    var declaredBody: [String] = []
    /// Field name → rule that produced it.
    var provenance: [String: String] = [:]

    /// Sets `field` to `value` with its rule unless it is already set or `value` is empty.
    mutating func offer(_ field: WritableKeyPath<ArticleFields, String?>, _ value: String?, name: String, rule: String)
    {
        guard self[keyPath: field] == nil, let value, !value.isEmpty else { return }
        self[keyPath: field] = value
        provenance[name] = rule
    }
}
