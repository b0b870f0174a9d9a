/// The bytes of one dump file, as read by the spool, with the name they came under.
public struct Dump: Sendable {
    /// File name without directories (`000_94253fa690feff79.txt`).
    public var name: String
    /// Path the dump was read from, for the record only; extraction never opens it.
    public var path: String
    public var bytes: [UInt8]
    /// The file's modification time in seconds since the epoch, when known: a published
    /// date later than this is not believed.
    public var modified: Int?

    public init(name: String, path: String, bytes: [UInt8], modified: Int? = nil) {
        self.name = name
        self.path = path
        self.bytes = bytes
        self.modified = modified
    }
}

/// Why a dump could not become an article. Each case goes to quarantine with its
/// `description` as the reason.
public enum ExtractError: Error, Sendable, Equatable, CustomStringConvertible {
    case empty
    case binary(String)
    case undecodable(String)
    case corruptGzip(String)
    case tooLarge(size: Int, limit: Int)
    case noText

    public var description: String {
        switch self {
        case .empty: "empty file"
        case .binary(let why): "binary content: \(why)"
        case .undecodable(let why): "undecodable text: \(why)"
        case .corruptGzip(let why): "corrupt gzip: \(why)"
        case .tooLarge(let size, let limit): "file of \(size) bytes exceeds max_file_size \(limit)"
        case .noText: "no article text found"
        }
    }
}

/// The version string every article records in `extractor`.
public let extractorVersion = "wirewatch 0.1.0"
