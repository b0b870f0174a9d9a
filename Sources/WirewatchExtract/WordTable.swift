/// A map keyed by a word's folded hash (`ByteText.foldedHash` of its UTF-8 bytes), the
/// lookup the quote, figure and event finders make for every body word: the entity
/// stages' `KeyTable`, filled from words.
///
/// Two words with the same 64-bit hash would share an entry; callers that need the
/// exact word compare it after the lookup.
typealias WordTable<Value: Sendable> = KeyTable<Value>

extension KeyTable {
    /// The table of `pairs`, keyed by the hash of each word; a later pair replaces an
    /// earlier one with the same word.
    init(_ pairs: some Sequence<(String, Value)>) {
        self.init()
        for (word, value) in pairs { self[ByteText.foldedHash(of: word)] = value }
    }
}

/// A set of words with exact membership: the folded hash finds the candidate and the
/// stored word confirms it, so the answer is the same as `Set<String>.contains`.
struct WordList: Sendable {
    private var table: WordTable<String>

    init(_ words: some Sequence<String>) {
        table = WordTable(words.map { ($0, $0) })
    }

    @inline(__always)
    func contains(_ word: String, hash: UInt64) -> Bool {
        guard let found = table[hash] else { return false }
        return found == word
    }
}

extension ByteText {
    /// The folded hash of `word`'s bytes, as `BodyText.Word` stores it.
    static func foldedHash(of word: some StringProtocol) -> UInt64 {
        withBytes(word) { foldedHash($0, 0..<$0.count) }
    }
}
