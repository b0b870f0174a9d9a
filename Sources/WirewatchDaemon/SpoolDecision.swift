import Foundation
import WirewatchStore
import WirewatchSystem

/// The spool's decisions, apart from the syscalls that carry them out, so each rule of
/// SPEC §2–3 is tested on its own.
public enum SpoolDecision {
    /// What to do with a file once it is open and `fstat`ed.
    public enum Admission: Sendable, Equatable {
        case read
        /// Leave it where it is (not ours to move): FIFOs, sockets, devices, directories.
        case skip(String)
        case quarantine(String)
    }

    public static func admit(kind: FileKind, size: Int, maxFileSize: Int) -> Admission {
        switch kind {
        case .regular: break
        case .directory: return .skip("directory")
        case .symlink: return .skip("symbolic link (never followed)")
        case .fifo: return .skip("FIFO")
        case .socket: return .skip("socket")
        case .characterDevice, .blockDevice: return .skip("device")
        case .unknown: return .skip("not a regular file")
        }
        if size == 0 { return .quarantine("empty file") }
        if size > maxFileSize { return .quarantine("file of \(size) bytes exceeds max_file_size \(maxFileSize)") }
        return .read
    }

    /// True when a file last modified at `modified` (seconds since the epoch) may still be
    /// being written, judged by `Spool.settleTime`.
    public static func isUnsettled(modified: Int, now: Date) -> Bool {
        let settle = Double(Spool.settleTime.components.seconds)
        return now.timeIntervalSince1970 - Double(modified) < settle
    }

    /// What the ledger says about content just read from `path`.
    public enum Identity: Sendable, Equatable {
        case new
        /// Stored before from this very path: a crash hit between commit and archive.
        case alreadyStored(articleID: String)
        /// The same bytes arrived under another name: record, don't extract.
        case duplicate(articleID: String)
    }

    public static func identify(ledger: LedgerEntry?, path: String) -> Identity {
        guard let ledger, ledger.outcome != .quarantined, let article = ledger.article else { return .new }
        return ledger.path == path && ledger.outcome == .stored
            ? .alreadyStored(articleID: article) : .duplicate(articleID: article)
    }

    /// Candidate names in the archive or quarantine for a dump at `relativePath`: the same
    /// name first, then the name with the content id inserted before the extension, then
    /// numbered variants, so two different dumps of one name never overwrite each other.
    public static func destinations(relativePath: String, id: String, attempts: Int = 20) -> [String] {
        let (dir, name) = split(relativePath)
        let (stem, ext) = splitExtension(name)
        var out = [relativePath]
        out.append(dir + stem + "." + id + ext)
        for n in 2...max(2, attempts) { out.append(dir + stem + "." + id + "-\(n)" + ext) }
        return out
    }

    private static func split(_ path: String) -> (String, String) {
        guard let slash = path.lastIndex(of: "/") else { return ("", path) }
        return (String(path[...slash]), String(path[path.index(after: slash)...]))
    }

    /// `a.txt.gz` → (`a`, `.txt.gz`), so the id goes before the whole compound extension.
    private static func splitExtension(_ name: String) -> (String, String) {
        var ext = ""
        var stem = Substring(name)
        for known in [".gz"] where stem.lowercased().hasSuffix(known) {
            ext = String(stem.suffix(known.count))
            stem = stem.dropLast(known.count)
        }
        if let dot = stem.lastIndex(of: "."), dot != stem.startIndex {
            ext = String(stem[dot...]) + ext
            stem = stem[..<dot]
        }
        return (String(stem), ext)
    }
}
