/// A hash table from token keys (`EntityToken.key`, already hashes of the folded words) to
/// small values, for the lookups the entity stages make on every word.
///
/// Open addressing in two flat arrays, probed linearly from a multiplicative spread of the
/// key: no `Hasher` round per lookup and no per-entry allocation. Grows at half full.
struct KeyTable<Value: Sendable>: Sendable {
    private var keys: [UInt64]
    private var values: [Value?]
    private var shift: UInt64
    private(set) var count = 0

    /// Room for `capacity` keys before the first growth.
    init(capacity: Int = 8) {
        var slots = 16
        while slots < capacity * 2 { slots *= 2 }
        keys = Array(repeating: 0, count: slots)
        values = Array(repeating: nil, count: slots)
        shift = UInt64(64 - slots.trailingZeroBitCount)
    }

    @inline(__always)
    private func slot(of key: UInt64) -> Int {
        let mask = keys.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while values[i] != nil && keys[i] != key { i = (i + 1) & mask }
        return i
    }

    /// The value stored under `key`; setting nil is not supported (entries are never removed).
    subscript(key: UInt64) -> Value? {
        @inline(__always) get { values[slot(of: key)] }
        set {
            guard let newValue else { return }
            let i = slot(of: key)
            if values[i] == nil {
                if (count + 1) * 2 > keys.count {
                    grow()
                    self[key] = newValue
                    return
                }
                count += 1
                keys[i] = key
            }
            values[i] = newValue
        }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { values[slot(of: key)] != nil }

    private mutating func grow() {
        var bigger = KeyTable(capacity: keys.count)
        for i in keys.indices { if let v = values[i] { bigger[keys[i]] = v } }
        self = bigger
    }
}

/// A set of token keys.
typealias KeySet = KeyTable<Void>

extension KeyTable where Value == Void {
    init(_ keys: some Sequence<UInt64>) {
        self.init()
        for key in keys { insert(key) }
    }

    @inline(__always)
    mutating func insert(_ key: UInt64) { self[key] = () }
}
