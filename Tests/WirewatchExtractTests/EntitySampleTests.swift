import Foundation
import Testing

@testable import WirewatchExtract

/// The four seed dumps' entities against their hand annotations (samples/expected), matched
/// as Benchmarks/score_entities.py matches them: same type, one shared surface form.
@Suite struct EntitySampleTests {
    static func forms(_ name: String, _ aliases: [String]) -> Set<String> {
        Set(
            ([name] + aliases).map {
                var s = $0.lowercased().replacingOccurrences(of: "’", with: "'").replacingOccurrences(of: ".", with: "")
                if s.hasPrefix("the ") { s.removeFirst(4) }
                return s
            })
    }

    @Test(arguments: SampleTests.samples) func annotatedNamesAreFoundAndNothingElseIsAPerson(sample: String) throws {
        let bytes = try Fixtures.bytes("samples/\(sample).txt")
        let article = try Extractor().extract(Dump(name: "\(sample).txt", path: "/inbox/\(sample).txt", bytes: bytes))
        let expected = try Fixtures.json("extract/expected/\(sample).json")["entities"] as! [[String: Any]]
        let gold = expected.filter { $0["nominal"] as? Bool != true }
        for g in gold where ["PER", "LOC", "ORG", "WEAPON"].contains(g["type"] as! String) {
            let goldForms = Self.forms(g["name"] as! String, g["aliases"] as! [String])
            let found = article.entities.contains {
                $0.type.rawValue == g["type"] as! String && !Self.forms($0.name, $0.aliases).isDisjoint(with: goldForms)
            }
            #expect(found, "missed \(g["type"]!) \(g["name"]!)")
        }
        for e in article.entities where e.type == .PER {
            let mine = Self.forms(e.name, e.aliases)
            let annotated = gold.contains {
                $0["type"] as! String == "PER"
                    && !mine.isDisjoint(with: Self.forms($0["name"] as! String, $0["aliases"] as! [String]))
            }
            #expect(annotated, "extra person \(e.name)")
        }
    }

    @Test func entitiesRoundTripThroughJSONAndOmitEmptyExtras() throws {
        let plain = Article.Entity(name: "Kyiv", type: .LOC, aliases: ["Kyiv", "Kiev"], mentions: 2)
        let data = try JSONEncoder().encode(plain)
        let text = String(decoding: data, as: UTF8.self)
        #expect(!text.contains("role") && !text.contains("nominal"))
        #expect(try JSONDecoder().decode(Article.Entity.self, from: data) == plain)
        let rich = Article.Entity(
            name: "Lloyd Austin", type: .PER, aliases: ["Mr Austin"], mentions: 1, role: "US Defence Secretary")
        #expect(try JSONDecoder().decode(Article.Entity.self, from: JSONEncoder().encode(rich)) == rich)
    }

    @Test func anyBytesAreSafe() {
        // Truncated UTF-8, emoji, lone quotes and dots, very long runs of capitals: no crash.
        let inputs: [[UInt8]] = [
            [0xE2, 0x80], [0xF0, 0x9F, 0x98, 0x80, 0x41], Array("'\"’“.-".utf8), Array("U.S.A.B.C.D.".utf8),
            Array(String(repeating: "Alpha Beta ", count: 2000).utf8), Array("Mr. .".utf8),
            Array("of of of The".utf8), (0..<4096).map { UInt8(truncatingIfNeeded: $0 &* 7919) },
        ]
        for bytes in inputs {
            let text = String(decoding: bytes, as: UTF8.self)
            _ = EntityRecognizer().entities(title: text, body: text)
        }
    }

    @Test func otherLanguagesGetNoEntities() throws {
        let text = """
            Der russische Präsident Wladimir Putin hat am Dienstag in Moskau eine neue Doktrin unterzeichnet, \
            die die Schwelle für den Einsatz von Atomwaffen senkt. Die Regierung in Kiew reagierte mit Kritik \
            und sagte, dass die Entscheidung nicht überraschend sei und die Lage weiter verschärfe.
            """
        let article = try Extractor().extract(Dump(name: "de.txt", path: "/inbox/de.txt", bytes: Array(text.utf8)))
        #expect(article.language != "en")
        #expect(article.entities.isEmpty)
    }
}
