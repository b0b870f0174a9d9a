import Foundation
import GRDB

/// Why the store could not do what was asked. Every case names the database path, and those
/// raised by an operation also say which one, so a log line or a `STATUS=` is enough to act on.
public enum StoreError: Error, Sendable, CustomStringConvertible {
    /// `openReadOnly` found no file at the path.
    case missing(path: String)
    /// The file is not a wirewatch store, or was written by a wirewatch whose schema this one
    /// cannot read.
    case schema(path: String, reason: String)
    /// Opening or migrating failed for a reason not covered by a more specific case.
    case open(path: String, underlying: any Error)
    /// SQLite may not write the file: read-only file, directory or filesystem (`SQLITE_READONLY`),
    /// or a store opened with `openReadOnly`.
    case readOnly(path: String, operation: String, underlying: any Error)
    /// The disk (or the filesystem's quota) is full (`SQLITE_FULL`).
    case diskFull(path: String, operation: String, underlying: any Error)
    /// Another connection held a lock past the busy timeout (`SQLITE_BUSY`, `SQLITE_LOCKED`).
    case busy(path: String, operation: String, underlying: any Error)
    /// The operating system failed a read or write (`SQLITE_IOERR`, `SQLITE_NOMEM`).
    case io(path: String, operation: String, underlying: any Error)
    /// The file is damaged (`SQLITE_CORRUPT`, `SQLITE_NOTADB`).
    case corrupt(path: String, operation: String, underlying: any Error)
    /// An id prefix matched more than one article.
    case ambiguousID(path: String, prefix: String, matches: [String])
    /// Anything else: a constraint, a JSON row that no longer decodes, a bug.
    case failed(path: String, operation: String, underlying: any Error)

    /// The database file the error is about.
    public var path: String {
        switch self {
        case .missing(let path), .schema(let path, _), .open(let path, _), .readOnly(let path, _, _),
            .diskFull(let path, _, _), .busy(let path, _, _), .io(let path, _, _), .corrupt(let path, _, _),
            .ambiguousID(let path, _, _), .failed(let path, _, _):
            path
        }
    }

    /// True when the failure comes from the store's surroundings (a full disk, a read-only mount,
    /// a lock, an I/O error) rather than from the dump: the daemon keeps the dump in the inbox
    /// and tries again later instead of quarantining it.
    public var isRetryable: Bool {
        switch self {
        case .readOnly, .diskFull, .busy, .io: true
        case .missing, .schema, .open, .corrupt, .ambiguousID, .failed: false
        }
    }

    public var description: String {
        switch self {
        case .missing(let path):
            "store \(path): no such file"
        case .schema(let path, let reason):
            "store \(path): \(reason)"
        case .open(let path, let underlying):
            "store \(path): cannot open: \(Self.describe(underlying))"
        case .readOnly(let path, let operation, let underlying):
            "store \(path): \(operation): read-only: \(Self.describe(underlying))"
        case .diskFull(let path, let operation, let underlying):
            "store \(path): \(operation): disk full: \(Self.describe(underlying))"
        case .busy(let path, let operation, let underlying):
            "store \(path): \(operation): database busy: \(Self.describe(underlying))"
        case .io(let path, let operation, let underlying):
            "store \(path): \(operation): I/O error: \(Self.describe(underlying))"
        case .corrupt(let path, let operation, let underlying):
            "store \(path): \(operation): damaged database: \(Self.describe(underlying))"
        case .ambiguousID(let path, let prefix, let matches):
            "store \(path): id prefix \(prefix) matches \(matches.count) articles: \(matches.joined(separator: ", "))"
        case .failed(let path, let operation, let underlying):
            "store \(path): \(operation) failed: \(Self.describe(underlying))"
        }
    }

    /// Sorts a thrown error into the case that tells the caller what to do about it.
    ///
    /// `opening` marks errors from `init`/`openReadOnly`: those that are not about the
    /// surroundings become `.open`, not `.failed`.
    static func wrap(_ error: any Error, path: String, operation: String, opening: Bool = false) -> StoreError {
        if let error = error as? StoreError { return error }
        guard let dbError = error as? DatabaseError else {
            return opening
                ? .open(path: path, underlying: error) : .failed(path: path, operation: operation, underlying: error)
        }
        switch dbError.resultCode {
        case .SQLITE_READONLY, .SQLITE_PERM:
            return .readOnly(path: path, operation: operation, underlying: error)
        case .SQLITE_FULL:
            return .diskFull(path: path, operation: operation, underlying: error)
        case .SQLITE_BUSY, .SQLITE_LOCKED:
            return .busy(path: path, operation: operation, underlying: error)
        case .SQLITE_IOERR, .SQLITE_NOMEM:
            return .io(path: path, operation: operation, underlying: error)
        case .SQLITE_CORRUPT, .SQLITE_NOTADB:
            return .corrupt(path: path, operation: operation, underlying: error)
        case .SQLITE_CANTOPEN where opening && !parentIsWritable(path):
            // SQLite says CANTOPEN when it cannot create the file or its -wal/-shm companions;
            // with the directory there but not writable that is a read-only store, not a typo.
            return .readOnly(path: path, operation: operation, underlying: error)
        default:
            return opening
                ? .open(path: path, underlying: error) : .failed(path: path, operation: operation, underlying: error)
        }
    }

    /// False when the directory holding `path` exists but may not be written (permissions, a
    /// read-only mount, the immutable attribute); true when it is writable or missing.
    private static func parentIsWritable(_ path: String) -> Bool {
        let parent = (path as NSString).deletingLastPathComponent
        let directory = parent.isEmpty ? "." : parent
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory), isDirectory.boolValue else {
            return true
        }
        return FileManager.default.isWritableFile(atPath: directory)
    }

    /// SQLite's own message without GRDB's echo of the statement, which for an append would
    /// repeat the whole article text in a log line.
    private static func describe(_ error: any Error) -> String {
        if let dbError = error as? DatabaseError {
            return "\(dbError.message ?? "SQLite error") (code \(dbError.extendedResultCode.rawValue))"
        }
        return String(describing: error)
    }
}
