import Foundation

/// Kernel limits the daemon reports at start.
public enum KernelLimits {
    /// The inotify limits in `/proc/sys/fs/inotify/`: watches per user (`max_user_watches`), events queued per
    /// instance before `queueOverflow` (`max_queued_events`), instances per user (`max_user_instances`).
    /// Each is nil when its file is missing or unreadable (no procfs, a sandbox hiding it).
    public static func inotify() -> (maxUserWatches: Int?, maxQueuedEvents: Int?, maxUserInstances: Int?) {
        inotify(directory: "/proc/sys/fs/inotify")
    }

    static func inotify(directory: String) -> (maxUserWatches: Int?, maxQueuedEvents: Int?, maxUserInstances: Int?) {
        (
            readInteger(path: directory + "/max_user_watches"),
            readInteger(path: directory + "/max_queued_events"),
            readInteger(path: directory + "/max_user_instances")
        )
    }

    /// A file holding one decimal integer and optional surrounding whitespace, as `/proc/sys` files do.
    static func readInteger(path: String) -> Int? {
        guard let bytes = try? FileSystem.readFile(path: path, limit: 64) else { return nil }
        let text = String(decoding: bytes, as: UTF8.self)
        return Int(text.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
