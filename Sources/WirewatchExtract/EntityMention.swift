/// One occurrence of a name in the text, before mentions are joined into entities.
struct EntityMention: Sendable {
    /// Nil while a lone capitalised word waits to be joined to a longer name (or dropped).
    var type: Article.Entity.Kind?
    /// Lexicon entry, or -1 for a name found from its shape and context.
    var entry: Int
    /// The words as written, honorific included ("Mr Austin").
    var surface: String
    /// Folded keys of the name's own words (no honorific or title), for joining.
    var words: [UInt64]
    /// The same words as written, for spelling comparisons ("Zelensky"/"Zelenskyy").
    var spellings: [String]
    var role: String? = nil
    /// Found only by position (sentence start, headline): kept only if the text confirms it.
    var weak = false
    /// A description, not a name ("anti-personnel mines").
    var nominal = false
    /// Named by a cue that only people get (honorific, title, "X said").
    var personCue = false
    /// Order of appearance, title first.
    var position: Int
}
