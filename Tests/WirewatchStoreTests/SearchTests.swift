import Foundation
import Testing

@testable import WirewatchStore

@Suite struct SearchTests {
    /// Three articles: one with "embassy" in its title, one with it only in its body, one without.
    private func seeded(_ dir: TempDir) throws -> Store {
        let store = try Store(path: dir.storePath)
        let articles = [
            makeArticle(
                sha256: hash("s-body"), title: "Air raid sirens across Ukraine",
                body: "Officials said the embassy would stay open. Sirens sounded in Lviv and Odesa."),
            makeArticle(
                sha256: hash("s-title"), title: "US embassy in Kyiv closes",
                body: "The embassy warned of a significant air attack. Staff were told to shelter."),
            makeArticle(
                sha256: hash("s-none"), title: "Pyongyang café reopens", publisher: "Reuters",
                body: "A café in Pyongyang reopened after US-Russia talks stalled."),
        ]
        for (index, article) in articles.enumerated() {
            try store.append(
                article, story: "s\(index)", file: dumpFile(for: article), alerts: [], received: instant(index))
        }
        return store
    }

    @Test func findsAWordFromTheBodyAndRanksTitleMatchesFirst() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try seeded(dir)

        #expect(try store.search("Lviv", limit: 10).map(\.article.title) == ["Air raid sirens across Ukraine"])
        #expect(try store.search("SHELTER", limit: 10).map(\.article.id) == [String(hash("s-title").prefix(16))])

        let ranked = try store.search("embassy", limit: 10)
        #expect(ranked.map(\.article.title) == ["US embassy in Kyiv closes", "Air raid sirens across Ukraine"])
        #expect(try store.search("embassy", limit: 1).count == 1)
        #expect(ranked.first?.story == "s1")

        // FTS5 syntax is honoured: phrases, prefixes, OR, column filters.
        #expect(try store.search("\"air attack\"", limit: 10).count == 1)
        #expect(try store.search("siren*", limit: 10).count == 1)
        #expect(try store.search("Lviv OR Pyongyang", limit: 10).count == 2)
        #expect(try store.search("title:embassy", limit: 10).count == 1)
        #expect(try store.search("nothing-like-this-anywhere", limit: 10).isEmpty)
    }

    @Test func ignoresDiacriticsAndNeverThrowsOnBadSyntax() throws {
        let dir = try TempDir()
        defer { dir.remove() }
        let store = try seeded(dir)

        #expect(try store.search("cafe", limit: 10).count == 1)
        #expect(try store.search("CAFÉ", limit: 10).count == 1)

        // Not valid FTS5; searched as a phrase instead.
        #expect(try store.search("US-Russia", limit: 10).map(\.article.publisher) == ["Reuters"])
        #expect(try store.search("\"unclosed embassy", limit: 10).isEmpty)
        #expect(try store.search("embassy\"", limit: 10).count == 2)
        let and = try store.search("AND", limit: 10)
        #expect(and.map(\.article.title) == ["Air raid sirens across Ukraine"], "the word, not the operator")
        #expect(try store.search("nosuchcolumn:embassy", limit: 10).isEmpty)
        #expect(try store.search("(((", limit: 10).isEmpty)
        #expect(try store.search("*", limit: 10).isEmpty)
        #expect(try store.search("   ", limit: 10).isEmpty)
        #expect(try store.search("embassy", limit: 0).isEmpty)
    }
}
