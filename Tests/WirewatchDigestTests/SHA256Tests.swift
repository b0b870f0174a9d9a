import Testing

@testable import WirewatchDigest

/// Both block functions against the FIPS 180-4 vectors, and against each other.
@Suite struct SHA256Tests {
    /// The kernels this machine can run; `.hardware` is only listed where the CPU has the
    /// extensions, so on such a CPU every test below checks both.
    static let kernels: [SHA256.Kernel] = SHA256.Kernel.hardwareAvailable ? [.hardware, .portable] : [.portable]

    @Test(arguments: kernels)
    func knownVectors(kernel: SHA256.Kernel) {
        #expect(SHA256.hex([], kernel: kernel) == "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        #expect(
            SHA256.hex(Array("abc".utf8), kernel: kernel)
                == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        #expect(
            SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8), kernel: kernel)
                == "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        let million = [UInt8](repeating: UInt8(ascii: "a"), count: 1_000_000)
        #expect(
            SHA256.hex(million, kernel: kernel) == "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0")
    }

    /// Lengths around the padding boundaries: the length field fits in the last block up to 55
    /// bytes, needs a second block from 56, and whole blocks get a block of padding of their own.
    @Test(arguments: [
        (55, "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318"),
        (56, "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a"),
        (63, "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34"),
        (64, "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb"),
        (65, "635361c48bb9eab14198e76ea8ab7f1a41685d6ad62aa9146d301d4f17eb0ae0"),
        (119, "31eba51c313a5c08226adf18d4a359cfdfd8d2e816b13f4af952f7ea6584dcfb"),
        (120, "2f3d335432c70b580af0e8e1b3674a7c020d683aa5f73aaaedfdc55af904c21c"),
        (128, "6836cf13bac400e9105071cd6af47084dfacad4e5e302c94bfed24e013afb73e"),
    ])
    func blockBoundaries(length: Int, digest: String) {
        let bytes = [UInt8](repeating: UInt8(ascii: "a"), count: length)
        for kernel in Self.kernels {
            #expect(SHA256.hex(bytes, kernel: kernel) == digest)
            // The same bytes fed in pieces that straddle the block edges.
            for split in [1, 7, 55, 56, 63, 64] where split < length {
                var hasher = SHA256(kernel: kernel)
                hasher.update(Array(bytes[..<split]))
                hasher.update(Array(bytes[split...]))
                #expect(hexString(hasher.finalize()) == digest)
            }
        }
    }

    @Test(arguments: kernels)
    func incrementalEqualsOneShot(kernel: SHA256.Kernel) {
        let bytes = (0..<1000).map { UInt8(truncatingIfNeeded: $0 * 7) }
        var hasher = SHA256(kernel: kernel)
        hasher.update(Array(bytes[0..<3]))
        hasher.update(Array(bytes[3..<130]))
        hasher.update(Array(bytes[130...]))
        #expect(hasher.finalize() == SHA256.hash(bytes, kernel: kernel))
    }

    /// Pseudo-random bytes of every length up to a few blocks and some long ones: the two
    /// kernels must agree byte for byte (the vectors above are mostly runs of one letter).
    @Test func kernelsAgree() {
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next() -> UInt8 {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return UInt8(truncatingIfNeeded: seed >> 56)
        }
        let lengths = Array(0...200) + [1000, 4096, 65_537, 1 << 20]
        for length in lengths {
            let bytes = (0..<length).map { _ in next() }
            #expect(
                SHA256.hash(bytes, kernel: .hardware) == SHA256.hash(bytes, kernel: .portable),
                "length \(length)")
        }
    }
}
