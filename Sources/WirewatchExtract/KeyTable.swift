/// A hash table from token keys (`EntityToken.key`, already hashes of the folded words) to
/// small values, for the lookups the entity stages make on every word.
///
/// Open addressing in one flat array of key and value side by side (one cache line per
/// lookup), probed linearly from a multiplicative spread of the key: no `Hasher` round per
/// lookup and no per-entry allocation. Grows at half full.
struct KeyTable<Value: Sendable>: Sendable {
    private struct Slot: Sendable {
        var key: UInt64
        var value: Value?
    }

    private var slots: [Slot]
    private var shift: UInt64
    private(set) var count = 0

    /// Room for `capacity` keys before the first growth.
    init(capacity: Int = 8) {
        var size = 16
        while size < capacity * 2 { size *= 2 }
        slots = Array(repeating: Slot(key: 0, value: nil), count: size)
        shift = UInt64(64 - size.trailingZeroBitCount)
    }

    @inline(__always)
    private func index(of key: UInt64) -> Int {
        let mask = slots.count - 1
        var i = Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
        while slots[i].value != nil && slots[i].key != key { i = (i + 1) & mask }
        return i
    }

    /// The value stored under `key`; setting nil is not supported (entries are never removed).
    subscript(key: UInt64) -> Value? {
        @inline(__always) get { slots[index(of: key)].value }
        set {
            guard let newValue else { return }
            let i = index(of: key)
            if slots[i].value == nil {
                if (count + 1) * 2 > slots.count {
                    grow()
                    self[key] = newValue
                    return
                }
                count += 1
                slots[i].key = key
            }
            slots[i].value = newValue
        }
    }

    @inline(__always)
    func contains(_ key: UInt64) -> Bool { slots[index(of: key)].value != nil }

    /// The value under `key`, or `defaultValue()` stored there first when there is none.
    subscript(key: UInt64, default defaultValue: @autoclosure () -> Value) -> Value {
        get { self[key] ?? defaultValue() }
        _modify {
            if !contains(key) { self[key] = defaultValue() }
            let i = index(of: key)
            yield &slots[i].value!
        }
    }

    /// Every value, in no particular order, for in-place edits.
    mutating func updateValues(_ body: (inout Value) -> Void) {
        for i in slots.indices where slots[i].value != nil { body(&slots[i].value!) }
    }

    private mutating func grow() {
        var bigger = KeyTable(capacity: slots.count)
        for slot in slots { if let v = slot.value { bigger[slot.key] = v } }
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

/// A bit per key, hashed into 2^17 bits (16 kB, cache-resident): a clear bit proves a key was
/// never added, which spares most lookups in a large `KeyTable` that would miss anyway.
struct KeyFilter: Sendable {
    private var bits = [UInt64](repeating: 0, count: 2048)

    @inline(__always)
    private static func bit(_ key: UInt64) -> Int { Int(truncatingIfNeeded: (key &* 0xD6E8_FEB8_6659_FD93) >> 47) }

    mutating func insert(_ key: UInt64) {
        let b = Self.bit(key)
        bits[b >> 6] |= 1 << UInt64(b & 63)
    }

    @inline(__always)
    func mayContain(_ key: UInt64) -> Bool {
        let b = Self.bit(key)
        return bits[b >> 6] & (1 << UInt64(b & 63)) != 0
    }
}
