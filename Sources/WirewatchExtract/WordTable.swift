/// A map keyed by a word's folded hash (`ByteText.foldedHash` of its UTF-8 bytes), the
/// lookup the quote, figure and event finders make for every body word: one probe of
/// an open-addressed table instead of hashing a `String`.
///
/// Two words with the same 64-bit hash would share an entry; callers that need the
/// exact word compare it after the lookup.
struct WordTable<Value> {
    private var keys: [UInt64]
    private var values: [Value?]
    private var mask: Int
    private(set) var count = 0

    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size <<= 1 }
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
    }

    /// The table of `pairs`, keyed by the hash of each word; a later pair replaces an
    /// earlier one with the same word.
    init(_ pairs: some Sequence<(String, Value)>) {
        self.init()
        for (word, value) in pairs { self[hash: ByteText.foldedHash(of: word)] = value }
    }

    @inline(__always)
    private func slot(_ hash: UInt64) -> Int {
        var i = Int(truncatingIfNeeded: hash ^ (hash >> 29)) & mask
        while keys[i] != 0 && keys[i] != hash { i = (i + 1) & mask }
        return i
    }

    subscript(hash hash: UInt64) -> Value? {
        @inline(__always) get { values[slot(hash)] }
        set {
            var i = slot(hash)
            if keys[i] == 0 {
                guard newValue != nil else { return }
                if (count + 1) * 2 > keys.count {
                    grow()
                    i = slot(hash)
                }
                keys[i] = hash
                count += 1
            }
            values[i] = newValue
        }
    }

    subscript(hash hash: UInt64, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[hash: hash] ?? defaultValue() }
        _modify {
            if self[hash: hash] == nil { self[hash: hash] = defaultValue() }
            let i = slot(hash)
            yield &values[i]!
        }
    }

    /// Every value, in no particular order, for in-place edits.
    mutating func updateValues(_ body: (inout Value) -> Void) {
        for i in values.indices where values[i] != nil { body(&values[i]!) }
    }

    private mutating func grow() {
        let old = zip(keys, values).filter { $0.0 != 0 }
        let size = keys.count * 2
        keys = [UInt64](repeating: 0, count: size)
        values = [Value?](repeating: nil, count: size)
        mask = size - 1
        for (key, value) in old {
            let i = slot(key)
            keys[i] = key
            values[i] = value
        }
    }
}

extension WordTable: Sendable where Value: Sendable {}

/// A set of words with exact membership: the folded hash finds the candidate and the
/// stored word confirms it, so the answer is the same as `Set<String>.contains`.
struct WordList: Sendable {
    private var table: WordTable<String>

    init(_ words: some Sequence<String>) {
        table = WordTable(words.map { ($0, $0) })
    }

    @inline(__always)
    func contains(_ word: String, hash: UInt64) -> Bool {
        guard let found = table[hash: hash] else { return false }
        return found == word
    }
}

extension ByteText {
    /// The folded hash of `word`'s bytes, as `BodyText.Word` stores it.
    static func foldedHash(of word: some StringProtocol) -> UInt64 {
        withBytes(word) { foldedHash($0, 0..<$0.count) }
    }
}
