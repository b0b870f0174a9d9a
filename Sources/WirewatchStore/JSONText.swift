import Foundation

/// JSON as stored in TEXT columns. Coders are made per call: they are cheap next to the
/// write they feed, and a shared one would need a lock under strict concurrency.
enum JSONText {
    struct InvalidUTF8: Error, CustomStringConvertible {
        var description: String { "stored JSON is not UTF-8" }
    }

    static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes]
        let data = try encoder.encode(value)
        guard let text = String(data: data, encoding: .utf8) else { throw InvalidUTF8() }
        return text
    }

    static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
