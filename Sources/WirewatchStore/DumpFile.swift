/// The dump file an outcome is recorded for: what the ledger keeps about it.
public struct DumpFile: Sendable, Equatable {
    /// File name without directories.
    public var name: String
    /// Path the dump was read from (in the inbox).
    public var path: String
    /// SHA-256 of the file's bytes, 64 lowercase hex digits: the ledger's key.
    public var sha256: String
    /// Size in bytes.
    public var size: Int

    public init(name: String, path: String, sha256: String, size: Int) {
        self.name = name
        self.path = path
        self.sha256 = sha256
        self.size = size
    }
}
