/// SHA-256 (FIPS 180-4) over a byte array, in plain Swift so that the pure extraction
/// target needs no crypto library. Used for content identity, not for security.
public struct SHA256: Sendable {
    private var state = SHA256State()
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    public init() {}

    /// The digest of `bytes` as 32 bytes.
    public static func hash(_ bytes: [UInt8]) -> [UInt8] {
        var hasher = SHA256()
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func hex(_ bytes: [UInt8]) -> String {
        hexString(hash(bytes))
    }

    /// Feeds more bytes; may be called any number of times before `finalize`.
    public mutating func update(_ bytes: [UInt8]) {
        length &+= UInt64(bytes.count)
        bytes.withUnsafeBufferPointer { input in
            var start = 0
            if !pending.isEmpty {
                let take = min(64 - pending.count, input.count)
                pending.append(contentsOf: UnsafeBufferPointer(rebasing: input[0..<take]))
                start = take
                if pending.count == 64 {
                    pending.withUnsafeBufferPointer { state.compress(UnsafeRawPointer($0.baseAddress!), blocks: 1) }
                    pending.removeAll(keepingCapacity: true)
                }
            }
            let blocks = (input.count - start) / 64
            if blocks > 0 {
                state.compress(UnsafeRawPointer(input.baseAddress! + start), blocks: blocks)
                start += blocks * 64
            }
            if start < input.count { pending.append(contentsOf: UnsafeBufferPointer(rebasing: input[start...])) }
        }
    }

    /// Pads, processes the last block (or two) and returns the 32-byte digest.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        // At most 63 pending bytes, 0x80 and the 8-byte length: two blocks at most.
        let tailCount = pending.count + 9 <= 64 ? 64 : 128
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 128) { tail in
            tail.initialize(repeating: 0)
            _ = tail.update(fromContentsOf: pending)
            tail[pending.count] = 0x80
            for index in 0..<8 {
                tail[tailCount - 1 - index] = UInt8(truncatingIfNeeded: bitLength >> UInt64(index * 8))
            }
            state.compress(UnsafeRawPointer(tail.baseAddress!), blocks: tailCount / 64)
        }
        pending.removeAll()
        return [UInt8](unsafeUninitializedCapacity: 32) { digest, count in
            state.forEachWord { index, word in
                digest[index * 4] = UInt8(truncatingIfNeeded: word >> 24)
                digest[index * 4 + 1] = UInt8(truncatingIfNeeded: word >> 16)
                digest[index * 4 + 2] = UInt8(truncatingIfNeeded: word >> 8)
                digest[index * 4 + 3] = UInt8(truncatingIfNeeded: word)
            }
            count = 32
        }
    }
}

/// The eight working words, kept in stored properties rather than an array so the block
/// loop holds them in registers.
private struct SHA256State: Sendable {
    var h0: UInt32 = 0x6a09_e667, h1: UInt32 = 0xbb67_ae85, h2: UInt32 = 0x3c6e_f372, h3: UInt32 = 0xa54f_f53a
    var h4: UInt32 = 0x510e_527f, h5: UInt32 = 0x9b05_688c, h6: UInt32 = 0x1f83_d9ab, h7: UInt32 = 0x5be0_cd19

    func forEachWord(_ body: (Int, UInt32) -> Void) {
        for (index, word) in [h0, h1, h2, h3, h4, h5, h6, h7].enumerated() { body(index, word) }
    }

    /// Runs `blocks` consecutive 64-byte blocks from `input` through the compression function.
    ///
    /// Every dump is hashed in full, so this is written for speed: the message schedule, with
    /// the round constants added in, lives in a stack buffer, and the rounds go eight at a time
    /// with the working variables renamed instead of shifted, so no word moves between rounds.
    mutating func compress(_ input: UnsafeRawPointer, blocks: Int) {
        var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
        sha256RoundConstants.withUnsafeBufferPointer { k in
            withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { schedule in
                let w = schedule.baseAddress!
                for block in 0..<blocks {
                    let words = input + block * 64
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: words.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
                    }
                    for i in 16..<64 {
                        let x = w[i - 15], y = w[i - 2]
                        let s0 = x.rotated(7) ^ x.rotated(18) ^ (x &>> 3)
                        let s1 = y.rotated(17) ^ y.rotated(19) ^ (y &>> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    let saved = (a, b, c, d, e, f, g, h)
                    var i = 0
                    while i < 64 {
                        sha256Round(a, b, c, &d, e, f, g, &h, k[i] &+ w[i])
                        sha256Round(h, a, b, &c, d, e, f, &g, k[i + 1] &+ w[i + 1])
                        sha256Round(g, h, a, &b, c, d, e, &f, k[i + 2] &+ w[i + 2])
                        sha256Round(f, g, h, &a, b, c, d, &e, k[i + 3] &+ w[i + 3])
                        sha256Round(e, f, g, &h, a, b, c, &d, k[i + 4] &+ w[i + 4])
                        sha256Round(d, e, f, &g, h, a, b, &c, k[i + 5] &+ w[i + 5])
                        sha256Round(c, d, e, &f, g, h, a, &b, k[i + 6] &+ w[i + 6])
                        sha256Round(b, c, d, &e, f, g, h, &a, k[i + 7] &+ w[i + 7])
                        i += 8
                    }
                    a &+= saved.0
                    b &+= saved.1
                    c &+= saved.2
                    d &+= saved.3
                    e &+= saved.4
                    f &+= saved.5
                    g &+= saved.6
                    h &+= saved.7
                }
            }
        }
        (h0, h1, h2, h3, h4, h5, h6, h7) = (a, b, c, d, e, f, g, h)
    }
}

/// One round: the caller passes the eight words in their rotated roles, so only `d` and `h`
/// change (`d` becomes the next `e`, `h` the next `a`). `kw` is the round constant plus the
/// schedule word.
@inline(__always)
private func sha256Round(
    _ a: UInt32, _ b: UInt32, _ c: UInt32, _ d: inout UInt32, _ e: UInt32, _ f: UInt32, _ g: UInt32,
    _ h: inout UInt32, _ kw: UInt32
) {
    let s1 = e.rotated(6) ^ e.rotated(11) ^ e.rotated(25)
    let choice = g ^ (e & (f ^ g))
    let t1 = h &+ s1 &+ choice &+ kw
    let s0 = a.rotated(2) ^ a.rotated(13) ^ a.rotated(22)
    let majority = (a & b) | (c & (a | b))
    d &+= t1
    h = t1 &+ s0 &+ majority
}

/// Lowercase hex of `bytes`.
func hexString(_ bytes: [UInt8]) -> String {
    let digits: StaticString = "0123456789abcdef"
    return String(unsafeUninitializedCapacity: bytes.count * 2) { out in
        digits.withUTF8Buffer { digits in
            for (index, byte) in bytes.enumerated() {
                out[index * 2] = digits[Int(byte >> 4)]
                out[index * 2 + 1] = digits[Int(byte & 0x0F)]
            }
        }
        return bytes.count * 2
    }
}

extension UInt32 {
    /// Rotation right by a constant below 32 (masking shifts: no over-shift checks).
    @inline(__always)
    fileprivate func rotated(_ count: UInt32) -> UInt32 {
        (self &>> count) | (self &<< (32 &- count))
    }
}

private let sha256RoundConstants: [UInt32] = [
    0x428a_2f98, 0x7137_4491, 0xb5c0_fbcf, 0xe9b5_dba5, 0x3956_c25b, 0x59f1_11f1, 0x923f_82a4, 0xab1c_5ed5,
    0xd807_aa98, 0x1283_5b01, 0x2431_85be, 0x550c_7dc3, 0x72be_5d74, 0x80de_b1fe, 0x9bdc_06a7, 0xc19b_f174,
    0xe49b_69c1, 0xefbe_4786, 0x0fc1_9dc6, 0x240c_a1cc, 0x2de9_2c6f, 0x4a74_84aa, 0x5cb0_a9dc, 0x76f9_88da,
    0x983e_5152, 0xa831_c66d, 0xb003_27c8, 0xbf59_7fc7, 0xc6e0_0bf3, 0xd5a7_9147, 0x06ca_6351, 0x1429_2967,
    0x27b7_0a85, 0x2e1b_2138, 0x4d2c_6dfc, 0x5338_0d13, 0x650a_7354, 0x766a_0abb, 0x81c2_c92e, 0x9272_2c85,
    0xa2bf_e8a1, 0xa81a_664b, 0xc24b_8b70, 0xc76c_51a3, 0xd192_e819, 0xd699_0624, 0xf40e_3585, 0x106a_a070,
    0x19a4_c116, 0x1e37_6c08, 0x2748_774c, 0x34b0_bcb5, 0x391c_0cb3, 0x4ed8_aa4a, 0x5b9c_ca4f, 0x682e_6ff3,
    0x748f_82ee, 0x78a5_636f, 0x84c8_7814, 0x8cc7_0208, 0x90be_fffa, 0xa450_6ceb, 0xbef9_a3f7, 0xc671_78f2,
]
