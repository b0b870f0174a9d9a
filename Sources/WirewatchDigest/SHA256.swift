import CSHA256

/// SHA-256 (FIPS 180-4) over a byte array, without a crypto library: the x86 SHA
/// extensions where the CPU has them, plain Swift elsewhere. Used for content identity
/// (every dump is hashed whole), not for security.
public struct SHA256: Sendable {
    /// Which block function runs the rounds; both give the same digest.
    public enum Kernel: Sendable {
        /// The x86 SHA extensions (SHA256RNDS2 and friends), only where `hardwareAvailable`.
        case hardware
        /// Plain Swift, on any CPU.
        case portable

        /// Whether this CPU can run `.hardware` (checked once per process).
        public static let hardwareAvailable = wirewatch_sha256_hardware() == 1

        /// The fastest kernel this CPU runs.
        public static var best: Kernel { hardwareAvailable ? .hardware : .portable }
    }

    private let kernel: Kernel
    private var state: [UInt32] = [
        0x6a09_e667, 0xbb67_ae85, 0x3c6e_f372, 0xa54f_f53a, 0x510e_527f, 0x9b05_688c, 0x1f83_d9ab, 0x5be0_cd19,
    ]
    private var pending: [UInt8] = []
    private var length: UInt64 = 0

    /// A hasher using `kernel`; `.hardware` falls back to `.portable` on a CPU without the
    /// extensions, so asking for it is always safe.
    public init(kernel: Kernel = .best) {
        self.kernel = Kernel.hardwareAvailable ? kernel : .portable
    }

    /// The digest of `bytes` as 32 bytes.
    public static func hash(_ bytes: [UInt8], kernel: Kernel = .best) -> [UInt8] {
        var hasher = SHA256(kernel: kernel)
        hasher.update(bytes)
        return hasher.finalize()
    }

    /// The digest of `bytes` as 64 lowercase hex digits.
    public static func hex(_ bytes: [UInt8], kernel: Kernel = .best) -> String {
        hexString(hash(bytes, kernel: kernel))
    }

    /// Feeds more bytes; may be called any number of times before `finalize`.
    public mutating func update(_ bytes: [UInt8]) {
        length &+= UInt64(bytes.count)
        var start = 0
        if !pending.isEmpty {
            let take = min(64 - pending.count, bytes.count)
            pending += bytes[0..<take]
            start = take
            if pending.count == 64 {
                pending.withUnsafeBufferPointer { compress($0, from: 0) }
                pending.removeAll(keepingCapacity: true)
            }
        }
        let blocks = (bytes.count - start) / 64
        if blocks > 0 {
            bytes.withUnsafeBufferPointer { compress($0, from: start, blocks: blocks) }
            start += blocks * 64
        }
        if start < bytes.count { pending += bytes[start...] }
    }

    /// Pads, processes the last block and returns the 32-byte digest.
    public mutating func finalize() -> [UInt8] {
        let bitLength = length &* 8
        var tail = pending
        tail.append(0x80)
        while tail.count % 64 != 56 { tail.append(0) }
        for shift in stride(from: 56, through: 0, by: -8) {
            tail.append(UInt8(truncatingIfNeeded: bitLength >> UInt64(shift)))
        }
        tail.withUnsafeBufferPointer { buffer in
            var offset = 0
            while offset < buffer.count {
                compress(buffer, from: offset)
                offset += 64
            }
        }
        pending.removeAll()
        var digest: [UInt8] = []
        digest.reserveCapacity(32)
        for word in state {
            digest += [
                UInt8(word >> 24), UInt8(truncatingIfNeeded: word >> 16), UInt8(truncatingIfNeeded: word >> 8),
                UInt8(truncatingIfNeeded: word),
            ]
        }
        return digest
    }

    // `blocks` consecutive blocks go through one call, so the state and the round
    // constants are fetched once per dump rather than once per block.
    private mutating func compress(_ block: UnsafeBufferPointer<UInt8>, from offset: Int, blocks: Int = 1) {
        switch kernel {
        case .hardware:
            state.withUnsafeMutableBufferPointer { s in
                wirewatch_sha256_blocks(s.baseAddress!, block.baseAddress! + offset, blocks)
            }
        case .portable:
            compressPortably(block, from: offset, blocks: blocks)
        }
    }

    // The block loop works on raw pointers: no array allocation per block and no bounds
    // checks in the 64 rounds.
    private mutating func compressPortably(_ block: UnsafeBufferPointer<UInt8>, from offset: Int, blocks: Int) {
        var h0 = state[0], h1 = state[1], h2 = state[2], h3 = state[3]
        var h4 = state[4], h5 = state[5], h6 = state[6], h7 = state[7]
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
            sha256RoundConstants.withUnsafeBufferPointer { k in
                for blockIndex in 0..<blocks {
                    let input = UnsafeRawPointer(block.baseAddress! + offset + blockIndex * 64)
                    for i in 0..<16 {
                        w[i] = UInt32(bigEndian: input.loadUnaligned(fromByteOffset: i * 4, as: UInt32.self))
                    }
                    for i in 16..<64 {
                        let a = w[i - 15], b = w[i - 2]
                        let s0 = a.rotatedRight(7) ^ a.rotatedRight(18) ^ (a >> 3)
                        let s1 = b.rotatedRight(17) ^ b.rotatedRight(19) ^ (b >> 10)
                        w[i] = w[i - 16] &+ s0 &+ w[i - 7] &+ s1
                    }
                    var a = h0, b = h1, c = h2, d = h3, e = h4, f = h5, g = h6, h = h7
                    for i in 0..<64 {
                        let s1 = e.rotatedRight(6) ^ e.rotatedRight(11) ^ e.rotatedRight(25)
                        let choice = (e & f) ^ (~e & g)
                        let t1 = h &+ s1 &+ choice &+ k[i] &+ w[i]
                        let s0 = a.rotatedRight(2) ^ a.rotatedRight(13) ^ a.rotatedRight(22)
                        let majority = (a & b) ^ (a & c) ^ (b & c)
                        h = g
                        g = f
                        f = e
                        e = d &+ t1
                        d = c
                        c = b
                        b = a
                        a = t1 &+ s0 &+ majority
                    }
                    h0 &+= a
                    h1 &+= b
                    h2 &+= c
                    h3 &+= d
                    h4 &+= e
                    h5 &+= f
                    h6 &+= g
                    h7 &+= h
                }
            }
        }
        state.withUnsafeMutableBufferPointer { s in
            s[0] = h0
            s[1] = h1
            s[2] = h2
            s[3] = h3
            s[4] = h4
            s[5] = h5
            s[6] = h6
            s[7] = h7
        }
    }
}

/// Lowercase hex of `bytes`.
func hexString(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef".utf8)
    var out: [UInt8] = []
    out.reserveCapacity(bytes.count * 2)
    for byte in bytes {
        out.append(digits[Int(byte >> 4)])
        out.append(digits[Int(byte & 0x0F)])
    }
    return String(decoding: out, as: UTF8.self)
}

extension UInt32 {
    fileprivate func rotatedRight(_ count: UInt32) -> UInt32 {
        (self >> count) | (self << (32 - count))
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
