import Glibc

/// The C heap's policy for a batch process.
public enum Heap {
    /// Keeps freed memory in the process for the next allocation instead of handing it back to
    /// the kernel.
    ///
    /// glibc serves blocks of 128 KiB and more (an inflated page, its parse tree, a dump's line
    /// table) with their own `mmap` and unmaps them on `free`, and trims the top of the heap once
    /// 128 KiB lie free there. A batch frees and allocates blocks of the same sizes dump after
    /// dump, so every dump faulted the same pages in again: some 2,700 page faults over the
    /// 158-page HTML corpus, each a few microseconds on a virtual machine. With the thresholds
    /// raised, blocks come from the heap and are reused. Peak memory stays the largest dump's
    /// working set, which the batch reaches anyway. Best effort: a refused setting leaves
    /// glibc's default. For batch commands, not for the daemon, whose idle size should shrink
    /// after a large dump.
    public static func reuseFreedMemory() {
        guard let mallopt else { return }
        // Above any dump the size limit lets in (32 MiB by default), with room for its copies.
        let threshold: Int32 = 256 << 20
        _ = mallopt(mmapThreshold, threshold)
        _ = mallopt(trimThreshold, threshold)
        // Grow the heap in large steps: fewer brk calls.
        _ = mallopt(topPad, 16 << 20)
    }

    private typealias MallOpt = @convention(c) (Int32, Int32) -> Int32

    /// `mallopt` and its parameters from `<malloc.h>`, which the Glibc module does not bring in.
    private static let mallopt: MallOpt? = LateBound.lookUp("mallopt", as: MallOpt.self)
    private static let trimThreshold: Int32 = -1
    private static let topPad: Int32 = -2
    private static let mmapThreshold: Int32 = -3
}
