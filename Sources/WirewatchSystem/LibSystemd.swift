import Glibc

/// The four libsystemd functions wirewatch calls, loaded with `dlopen` the first time one is needed.
///
/// Only the daemon talks to the service manager and the journal. Linked at build time, libsystemd
/// and the libraries it needs (libgcrypt, libcap, lz4, zstd, lzma) were loaded and relocated at
/// every start of every command, about a millisecond of each `wirewatch extract` batch. The
/// signatures are those of `<systemd/sd-daemon.h>` and `<systemd/sd-journal.h>`, stable in
/// `libsystemd.so.0`.
struct LibSystemd: @unchecked Sendable {  // immutable C function pointers
    typealias Notify = @convention(c) (Int32, UnsafePointer<CChar>?) -> Int32
    typealias WatchdogEnabled = @convention(c) (Int32, UnsafeMutablePointer<UInt64>?) -> Int32
    typealias JournalSendv = @convention(c) (UnsafePointer<iovec>?, Int32) -> Int32
    typealias JournalStreamFD = @convention(c) (UnsafePointer<CChar>?, Int32, Int32) -> Int32

    /// `sd_notify(unset_environment, state)`.
    let notify: Notify
    /// `sd_watchdog_enabled(unset_environment, &usec)`.
    let watchdogEnabled: WatchdogEnabled
    /// `sd_journal_sendv(iov, n)`.
    let journalSendv: JournalSendv
    /// `sd_journal_stream_fd(identifier, priority, level_prefix)`.
    let journalStreamFD: JournalStreamFD

    static let soname = "libsystemd.so.0"

    /// The library, or why it could not be loaded: `dlopen` failing gives `ELIBACC` with the
    /// library's name as the path, a missing function `ELIBBAD` with the function's name.
    static let shared: Result<LibSystemd, SystemError> = load()

    private static func load() -> Result<LibSystemd, SystemError> {
        // Never unloaded: the functions are used until the process ends.
        guard let handle = dlopen(soname, RTLD_NOW | RTLD_LOCAL) else {
            return .failure(SystemError(syscall: "dlopen", errno: ELIBACC, path: soname))
        }
        func symbol<Function>(_ name: String, as type: Function.Type) throws(SystemError) -> Function {
            guard let function = LateBound.lookUp(name, as: type, in: handle) else {
                throw SystemError(syscall: "dlsym", errno: ELIBBAD, path: name)
            }
            return function
        }
        do throws(SystemError) {
            return .success(
                LibSystemd(
                    notify: try symbol("sd_notify", as: Notify.self),
                    watchdogEnabled: try symbol("sd_watchdog_enabled", as: WatchdogEnabled.self),
                    journalSendv: try symbol("sd_journal_sendv", as: JournalSendv.self),
                    journalStreamFD: try symbol("sd_journal_stream_fd", as: JournalStreamFD.self)))
        } catch {
            return .failure(error)
        }
    }
}
