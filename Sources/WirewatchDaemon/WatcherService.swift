import Dispatch
import Foundation
import Logging
import ServiceLifecycle
import Synchronization

/// Runs the watcher's blocking inotify loop on a thread of its own, so the cooperative
/// pool (two threads on a two-core machine) is never held by a `poll()`.
public struct WatcherService: Service {
    let watcher: Watcher
    let queue: EventQueue

    public init(watcher: Watcher, queue: EventQueue) {
        self.watcher = watcher
        self.queue = queue
    }

    public func run() async throws {
        let stop = StopFlag()
        await withGracefulShutdownHandler {
            await withTaskCancellationHandler {
                await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
                    let thread = Thread { [watcher, queue] in
                        watcher.readLoop(
                            into: queue, shouldStop: { stop.isSet },
                            waitForSpace: {
                                let space = DispatchSemaphore(value: 0)
                                queue.whenSpace { space.signal() }
                                space.wait()
                            })
                        done.resume()
                    }
                    thread.name = "wirewatch-inotify"
                    thread.start()
                }
            } onCancel: {
                stop.set()
            }
        } onGracefulShutdown: {
            stop.set()
        }
        watcher.close()
    }
}

/// A one-way flag shared between a service and its thread.
final class StopFlag: Sendable {
    private let flag = Atomic(false)

    var isSet: Bool { flag.load(ordering: .acquiring) }

    func set() { flag.store(true, ordering: .releasing) }
}
