import Foundation
import GRDB
import GRDBSQLite
import Synchronization
import WirewatchStories

/// The journal store: wirewatch's record of truth, one SQLite file in WAL mode.
///
/// One process writes (the daemon, through a store opened with `init(path:)`); any number of
/// processes read at the same time (the CLI, through `openReadOnly(path:)`), seeing each
/// committed append whole or not at all. Every method is synchronous and safe to call from
/// any thread; writes are serialised. Errors are `StoreError`s naming the database path.
///
/// Dates are kept to the millisecond (UTC): a `Date` read back may differ from the one
/// written by less than a millisecond.
public final class Store: Sendable {
    /// The database file.
    public let path: String
    /// True for a store opened with `openReadOnly(path:)`.
    public let isReadOnly: Bool
    let pool: DatabasePool
    /// Fingerprints already decoded, by article id. A fingerprint never changes once stored,
    /// so the cache cannot go stale; it saves decoding every candidate on every append.
    let fingerprints = Mutex<[String: StoryFingerprint]>([:])

    /// How long a connection waits for another one's lock before giving up with `.busy`:
    /// long enough for the daemon's largest append, short enough for a CLI user to notice.
    static let busyTimeout: TimeInterval = 5

    /// Bytes the write-ahead log is truncated to after a checkpoint.
    static let walSizeLimit = 16 << 20

    private init(path: String, pool: DatabasePool, isReadOnly: Bool) {
        self.path = path
        self.pool = pool
        self.isReadOnly = isReadOnly
    }

    /// Opens (creating if missing) the SQLite file at `path` in WAL mode and runs all migrations.
    ///
    /// The parent directory must exist. Running the migrations on an up-to-date store is a no-op.
    /// Throws `StoreError` naming the path; `isRetryable` is true when the file or disk cannot be
    /// written for now (read-only, full).
    public convenience init(path: String) throws {
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: Self.configuration(readonly: false))
            try Schema.migrator.migrate(pool)
            // SQLite quietly opens a file it may not write read-only, and a migrated store with
            // its WAL present needs no write to open: ask, so the caller learns it now rather
            // than at the first append.
            let readOnly = pool.writeWithoutTransaction { db in sqlite3_db_readonly(db.sqliteConnection, "main") }
            if readOnly == 1 {
                throw DatabaseError(resultCode: .SQLITE_READONLY, message: "the database file may not be written")
            }
        } catch {
            throw StoreError.wrap(error, path: path, operation: "open", opening: true)
        }
        self.init(path: path, pool: pool, isReadOnly: false)
    }

    /// Opens an existing store for reading only, while a daemon may be writing it.
    ///
    /// Throws `StoreError.missing` when there is no file at `path`, `.schema` when the file is not
    /// a wirewatch store or its schema is older than this wirewatch reads. Writes through the
    /// returned store fail with `StoreError.readOnly`.
    public static func openReadOnly(path: String) throws -> Store {
        guard FileManager.default.fileExists(atPath: path) else {
            throw StoreError.missing(path: path)
        }
        let pool: DatabasePool
        do {
            pool = try DatabasePool(path: path, configuration: configuration(readonly: true))
            let (applied, complete) = try pool.read { db in
                (try Schema.migrator.appliedIdentifiers(db), try Schema.migrator.hasCompletedMigrations(db))
            }
            if applied.isEmpty {
                throw StoreError.schema(path: path, reason: "not a wirewatch store (no schema)")
            }
            if !complete {
                throw StoreError.schema(
                    path: path,
                    reason: "schema is older than this wirewatch (has \(applied.sorted().joined(separator: ", "))); "
                        + "open it once for writing to migrate it")
            }
        } catch {
            throw StoreError.wrap(error, path: path, operation: "open read-only", opening: true)
        }
        return Store(path: path, pool: pool, isReadOnly: true)
    }

    private static func configuration(readonly: Bool) -> Configuration {
        var config = Configuration()
        config.readonly = readonly
        config.label = readonly ? "wirewatch.store.readonly" : "wirewatch.store"
        config.busyMode = .timeout(busyTimeout)
        config.prepareDatabase { db in
            guard !db.configuration.readonly else { return }
            // In WAL mode NORMAL fsyncs at checkpoints, not at each commit. A commit is in the
            // WAL file before `write` returns, so it survives the process dying (kill -9, a
            // crash), which is what the spool's "nothing lost" relies on; the database is never
            // corrupted either way. Only a power loss or kernel crash can roll back the last
            // commits, and it saves an fsync per dump. (GRDB sets this for WAL pools too; it is
            // stated here because the durability argument depends on it.)
            try db.execute(sql: "PRAGMA synchronous = NORMAL")

            // A persistent WAL keeps the size it reached; after a large backfill, cut it back
            // at the next checkpoint.
            try db.execute(sql: "PRAGMA journal_size_limit = \(Self.walSizeLimit)")

            // Keep -wal and -shm when the daemon closes the store. SQLite can open a WAL database
            // read-only only if those files exist or may be created, and a CLI user who may read
            // the state directory usually may not write it.
            var persist: CInt = 1
            let code = sqlite3_file_control(db.sqliteConnection, nil, SQLITE_FCNTL_PERSIST_WAL, &persist)
            guard code == SQLITE_OK else {
                throw DatabaseError(resultCode: ResultCode(rawValue: code), message: "cannot keep the WAL file")
            }
        }
        return config
    }

    /// Closes the database now rather than when the store is released, so that a daemon stopping
    /// on SIGTERM checkpoints the log before it exits. Every later call fails.
    public func close() throws {
        do {
            try pool.close()
        } catch {
            throw StoreError.wrap(error, path: path, operation: "close")
        }
    }

    // MARK: - Access with errors that name the path

    /// Runs `body` in a read transaction (a consistent snapshot), wrapping errors.
    func read<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.read(body)
        } catch {
            throw StoreError.wrap(error, path: path, operation: operation)
        }
    }

    /// Runs `body` in one write transaction, committed when it returns and rolled back when it
    /// throws, wrapping errors.
    func write<T>(_ operation: String, _ body: (Database) throws -> T) throws -> T {
        do {
            return try pool.write(body)
        } catch {
            throw StoreError.wrap(error, path: path, operation: operation)
        }
    }
}
