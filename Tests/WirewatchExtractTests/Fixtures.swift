import Foundation

/// Test fixtures live in Tests/Fixtures and are reached from this file's path, not
/// through SwiftPM resources.
enum Fixtures {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Fixtures")

    static func bytes(_ relativePath: String) throws -> [UInt8] {
        Array(try Data(contentsOf: root.appendingPathComponent(relativePath)))
    }

    static func json(_ relativePath: String) throws -> [String: Any] {
        try JSONSerialization.jsonObject(with: Data(bytes(relativePath))) as! [String: Any]
    }
}
