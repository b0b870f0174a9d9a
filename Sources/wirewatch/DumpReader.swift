import Foundation
import WirewatchExtract
import WirewatchSystem

/// Reads a dump named on the command line: `lstat`, then one open and one read into the
/// array the extractor takes, with none of Foundation's attribute dictionaries or `Data`.
enum DumpReader {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    /// The dumps a command line names: a file as named, a directory as the files below it
    /// (`FileSystem.filesBelow`). A directory that cannot be listed stays in the list with
    /// its failure, so it gets an error line like any unreadable file.
    static func expand(_ arguments: [String]) -> [(path: String, listed: Result<Void, Failure>)] {
        var out: [(path: String, listed: Result<Void, Failure>)] = []
        for argument in arguments {
            guard (try? FileSystem.linkStatus(path: argument))?.kind == .directory else {
                out.append((argument, .success(())))
                continue
            }
            let files = FileSystem.filesBelow(directory: argument) { directory, error in
                out.append((directory, .failure(Failure(description: "cannot list the directory: \(error)"))))
            }
            out += files.map { ($0, .success(())) }
        }
        return out
    }

    static func read(path: String, limit: Int) -> Result<Dump, Failure> {
        // lstat, as FileManager's attributes were: a symlink is not a regular file.
        guard let status = try? FileSystem.linkStatus(path: path) else {
            return .failure(Failure(description: "cannot read the file (missing or not permitted)"))
        }
        guard status.kind == .regular else { return .failure(Failure(description: "not a regular file")) }
        if status.size > limit {
            return .failure(Failure(description: ExtractError.tooLarge(size: status.size, limit: limit).description))
        }
        let bytes: [UInt8]
        do {
            let file = try FileDescriptor.openForReading(path: path)
            defer { file.close() }
            bytes = try file.readAll(limit: limit)
        } catch {
            return .failure(Failure(description: "cannot read the file"))
        }
        // A file that grew past the limit since the lstat.
        if bytes.count > limit {
            return .failure(Failure(description: ExtractError.tooLarge(size: bytes.count, limit: limit).description))
        }
        let (name, absolute) = DumpPath.resolve(path)
        return .success(Dump(name: name, path: absolute, bytes: bytes, modified: modifiedSeconds(status)))
    }

    /// The modification time in whole seconds, rounded as Foundation's `Date` of the
    /// attributes rounded it (through a `Double` since 2001), so articles keep their dates.
    static func modifiedSeconds(_ status: FileStatus) -> Int {
        let sinceReferenceDate =
            (Double(status.modified) - 978_307_200) + 1.0e-9 * Double(status.modifiedNanoseconds)
        return Int(sinceReferenceDate + 978_307_200)
    }
}

/// The `name` and `path` an article records for a command-line path: what
/// `URL(fileURLWithPath:)` gives as `lastPathComponent` and `path`.
enum DumpPath {
    /// The working directory, read once: every relative argument resolves against it.
    private static let currentDirectory = FileManager.default.currentDirectoryPath

    static func resolve(_ path: String) -> (name: String, path: String) {
        let utf8 = Array(path.utf8)
        if let nameStart = plainNameStart(utf8) {
            let name = String(decoding: utf8[nameStart...], as: UTF8.self)
            if utf8.first == slash { return (name, path) }
            let base = currentDirectory
            return (name, base.hasSuffix("/") ? base + path : base + "/" + path)
        }
        // Dots, doubled or trailing slashes, `~`: URL's own rules.
        let url = URL(fileURLWithPath: path)
        return (url.lastPathComponent, url.path)
    }

    private static let slash = UInt8(ascii: "/")

    /// Where the last component starts, for paths URL leaves as they are: absolute ones
    /// whole, relative ones without `.`/`..` components, doubled slashes or a leading `~`;
    /// nil otherwise. Works on bytes: splitting the String walks grapheme clusters.
    private static func plainNameStart(_ utf8: [UInt8]) -> Int? {
        let absolute = utf8.first == slash
        if !absolute && utf8.first == UInt8(ascii: "~") { return nil }
        var componentStart = absolute ? 1 : 0
        for index in componentStart...utf8.count where index == utf8.count || utf8[index] == slash {
            let component = utf8[componentStart..<index]
            let last = index == utf8.count
            let dots = component.allSatisfy { $0 == UInt8(ascii: ".") } && component.count <= 2
            // An empty component is a doubled or trailing slash, or an empty path.
            if (last || !absolute) && (component.isEmpty || dots) { return nil }
            if last { return componentStart }
            componentStart = index + 1
        }
        return nil
    }
}
