import Foundation

/// Standard output gathered into large writes: `extract` prints one line per dump, and a
/// write per line was a system call and a `Data` copy per dump. Lines leave in the order
/// they were appended; whatever is held is written by `flush()`, which callers run before
/// they return or throw.
struct OutputBuffer {
    private var bytes: [UInt8] = []
    /// Written out once this much is held: a few large writes per batch.
    private let threshold: Int

    init(threshold: Int = 64 << 10) {
        self.threshold = threshold
        bytes.reserveCapacity(threshold + 4096)
    }

    /// Appends `line`, which must already end in a newline.
    mutating func append(_ line: [UInt8]) {
        bytes += line
        if bytes.count >= threshold { flush() }
    }

    /// Appends `text` and a newline.
    mutating func appendLine(_ text: String) {
        bytes += text.utf8
        bytes.append(0x0A)
        if bytes.count >= threshold { flush() }
    }

    mutating func flush() {
        guard !bytes.isEmpty else { return }
        Output.write(bytes)
        bytes.removeAll(keepingCapacity: true)
    }
}
