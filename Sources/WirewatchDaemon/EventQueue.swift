import Synchronization

/// The bounded queue between the watcher and the pipeline loop.
///
/// File events beyond `capacity` are refused: the watcher then stops reading inotify
/// (backpressure, SPEC §3) and the queue remembers that it refused something, so that
/// once the loop has drained it, one reconciling scan picks up whatever was missed.
/// Control events (ticks, scans, reload) are never refused; a tick already waiting is not
/// queued twice, and a path already waiting is not queued twice.
public final class EventQueue: Sendable {
    private struct State {
        var items: [PipelineEvent] = []
        var head = 0
        var pendingPaths: Set<String> = []
        var tickQueued = false
        var refused = false
        var finished = false
        var waiter: CheckedContinuation<PipelineEvent?, Never>?
        var spaceWaiters: [@Sendable () -> Void] = []

        var count: Int { items.count - head }

        mutating func pop() -> PipelineEvent? {
            guard head < items.count else { return nil }
            let event = items[head]
            head += 1
            // Compact once the consumed prefix dominates, keeping pops amortised O(1).
            if head > 1024 && head * 2 > items.count {
                items.removeFirst(head)
                head = 0
            }
            switch event {
            case .file(let path): pendingPaths.remove(path)
            case .tick: tickQueued = false
            default: break
            }
            return event
        }
    }

    private let state = Mutex(State())
    /// Most file events held at once.
    public let capacity: Int
    /// The directory scanned after a refusal, once the queue has drained.
    private let rescanRoot: String

    public init(capacity: Int, rescanRoot: String) {
        self.capacity = max(1, capacity)
        self.rescanRoot = rescanRoot
    }

    /// Queues a file event; false when the queue is full or finished (the caller stops
    /// reading and relies on the scan the queue schedules once drained).
    @discardableResult
    public func offer(_ event: PipelineEvent) -> Bool {
        let (accepted, waiter) = state.withLock { s -> (Bool, CheckedContinuation<PipelineEvent?, Never>?) in
            guard !s.finished else { return (false, nil) }
            switch event {
            case .file(let path):
                if s.pendingPaths.contains(path) { return (true, nil) }
                if s.waiter == nil {
                    guard s.count < capacity else {
                        s.refused = true
                        return (false, nil)
                    }
                    s.pendingPaths.insert(path)
                }
            case .tick:
                if s.tickQueued { return (true, nil) }
                if s.waiter == nil { s.tickQueued = true }
            default:
                break
            }
            // A waiting loop has an empty queue: hand the event over directly.
            if let w = s.waiter {
                s.waiter = nil
                return (true, w)
            }
            s.items.append(event)
            return (true, nil)
        }
        waiter?.resume(returning: event)
        return accepted
    }

    /// Control events bypass the capacity; a refused file event is recorded as `refused`.
    public func post(_ event: PipelineEvent) {
        _ = offer(event)
    }

    /// The next event, or nil once `finish()` was called and nothing is waiting to be read
    /// that the loop must still handle. Events still queued at `finish()` are dropped: they
    /// are files still in the inbox, which the next start's scan processes.
    public func next() async -> PipelineEvent? {
        let event: PipelineEvent?? = state.withLock { s in
            if s.finished { return .some(nil) }
            if let e = s.pop() { return .some(e) }
            if s.refused && s.count == 0 {
                s.refused = false
                return .some(.scan(directory: rescanRoot, reason: .backpressure))
            }
            return nil
        }
        resumeSpaceWaitersIfRoom()
        if let event { return event }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<PipelineEvent?, Never>) in
                let immediate: PipelineEvent?? = state.withLock { s in
                    if s.finished { return .some(nil) }
                    if let e = s.pop() { return .some(e) }
                    s.waiter = continuation
                    return nil
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            finish()
        }
    }

    /// Takes up to `limit` file events waiting at the head of the queue, without waiting,
    /// so the loop can process a burst with several workers.
    public func takeFiles(limit: Int) -> [String] {
        state.withLock { s in
            var paths: [String] = []
            while paths.count < limit, s.head < s.items.count, case .file(let path) = s.items[s.head] {
                _ = s.pop()
                paths.append(path)
            }
            return paths
        }
    }

    /// Ends the queue: the waiting `next()` returns nil, later offers are refused, and any
    /// producer blocked in `waitForSpace()` is released.
    public func finish() {
        let (waiter, spaceWaiters) = state.withLock { s in
            s.finished = true
            let w = s.waiter
            s.waiter = nil
            let sw = s.spaceWaiters
            s.spaceWaiters = []
            return (w, sw)
        }
        waiter?.resume(returning: nil)
        for w in spaceWaiters { w() }
    }

    /// Calls `resume` once the queue has room for file events again (at most half full) or
    /// is finished; at once when that holds already.
    public func whenSpace(_ resume: @escaping @Sendable () -> Void) {
        let ready = state.withLock { s in
            if s.finished || s.count <= capacity / 2 { return true }
            s.spaceWaiters.append(resume)
            return false
        }
        if ready { resume() }
    }

    /// True when a file event would be refused now.
    public var isFull: Bool { state.withLock { $0.count >= capacity } }

    public var count: Int { state.withLock { $0.count } }

    private func resumeSpaceWaitersIfRoom() {
        let waiters = state.withLock { s -> [@Sendable () -> Void] in
            guard !s.spaceWaiters.isEmpty, s.count <= capacity / 2 else { return [] }
            let w = s.spaceWaiters
            s.spaceWaiters = []
            return w
        }
        for w in waiters { w() }
    }
}
