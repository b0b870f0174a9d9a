import ServiceLifecycle
import UnixSignals

/// Turns SIGHUP into a `.reload` event for the pipeline loop, which does the reload in
/// order with the dumps it is processing.
public struct ReloadSignal: Service {
    let queue: EventQueue

    public init(queue: EventQueue) {
        self.queue = queue
    }

    public func run() async throws {
        let signals = await UnixSignalsSequence(trapping: .sighup)
        for await _ in signals.cancelOnGracefulShutdown() {
            queue.post(.reload)
        }
    }
}
