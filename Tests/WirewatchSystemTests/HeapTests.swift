import Glibc
import Testing

@testable import WirewatchSystem

@Suite("Heap")
struct HeapTests {
    private typealias UsableSize = @convention(c) (UnsafeMutableRawPointer?) -> Int

    /// glibc gives a block above its largest mmap threshold (32 MiB) its own mapping, whose
    /// usable size is rounded to whole pages; from the heap it is rounded to 16 bytes. After
    /// `reuseFreedMemory` such a block comes from the heap (below 64 MiB, the most a thread's
    /// heap holds: tests, like `extract`, allocate on pool threads).
    @Test("after reuseFreedMemory, a 40 MiB block comes from the heap, not its own mapping")
    func largeBlocksComeFromTheHeap() throws {
        let usableSize = try #require(LateBound.lookUp("malloc_usable_size", as: UsableSize.self))
        Heap.reuseFreedMemory()
        let request = 40 << 20 + 1
        let block = try #require(malloc(request))
        defer { free(block) }
        #expect(usableSize(block) - request < 32, "usable \(usableSize(block)) for \(request)")
    }
}
