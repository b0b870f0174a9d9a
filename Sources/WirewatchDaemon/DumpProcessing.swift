/// One step of the pipeline: a path in, an outcome out. The spool is the real one; tests
/// put a stalling or scripted one in its place to drive the loop.
public protocol DumpProcessing: Sendable {
    /// - Parameter fromScan: true when a scan, not an inotify event, found the file.
    func process(path: String, fromScan: Bool) async -> SpoolOutcome
}

extension Spool: DumpProcessing {}
