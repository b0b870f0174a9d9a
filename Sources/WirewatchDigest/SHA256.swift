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
        let k = wirewatch_sha256_round_constants()!
        withUnsafeTemporaryAllocation(of: UInt32.self, capacity: 64) { w in
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
