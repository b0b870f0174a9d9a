import Foundation
import GRDB

extension Store {
    /// Full-text search over titles and bodies, best match first.
    ///
    /// `query` is FTS5 syntax (`kyiv embassy`, `"air attack"`, `missil*`, `kyiv OR kiev`,
    /// `title:nato`); matching ignores case and Latin diacritics. A query that is not valid FTS5
    /// (`US-Russia`, `"unclosed`, `AND`) is searched as one quoted phrase instead, so user input
    /// never surfaces as an SQLite syntax error. An empty query finds nothing.
    public func search(_ query: String, limit: Int) throws -> [StoredArticle] {
        let query = query.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !query.isEmpty, limit > 0 else { return [] }
        return try read("search \(query)") { db in
            do {
                return try Self.matches(db, pattern: query, limit: limit)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
                // SQLITE_ERROR here is FTS5 rejecting the query ("fts5: syntax error", "no such
                // column"); I/O and lock failures have other codes and are still thrown.
            }
            do {
                return try Self.matches(db, pattern: Self.phrase(query), limit: limit)
            } catch let error as DatabaseError where error.resultCode == .SQLITE_ERROR {
                return []
            }
        }
    }

    /// `text` as one FTS5 string: double quotes doubled, the whole in double quotes.
    static func phrase(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    // bm25 weights follow the FTS columns (article, title, body): a word in the headline says
    // more about what an article is about than one in its body.
    private static func matches(_ db: Database, pattern: String, limit: Int) throws -> [StoredArticle] {
        try storedArticles(
            db,
            sql: """
                SELECT a.json, a.story, a.received
                FROM (
                    SELECT article, bm25(articles_fts, 0.0, 3.0, 1.0) AS score
                    FROM articles_fts WHERE articles_fts MATCH ?
                    ORDER BY score LIMIT ?
                ) AS hits
                JOIN articles a ON a.id = hits.article
                ORDER BY hits.score, a.received DESC
                """,
            arguments: [pattern, limit])
    }
}
