/// One step of the pipeline: a path in, an outcome out. The spool is the real one; tests
/// put a stalling or scripted one in its place to drive the loop.
public protocol DumpProcessing: Sendable {
    func process(path: String) async -> SpoolOutcome
}

extension Spool: DumpProcessing {}
