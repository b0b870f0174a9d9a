import GRDB

/// The store's schema, as a timeline of named migrations.
///
/// A released migration never changes: a database migrated by an older wirewatch must end
/// up identical to a new one. Later schema changes add a migration ("v2", …) after these.
/// Every table is append-only; nothing in wirewatch updates or deletes a row, so a crash
/// replayed from the inbox can only add what was missing.
///
/// Migrations are written in SQL rather than GRDB's table builders so that the schema
/// created by "v1" does not depend on how a later GRDB renders a definition.
enum Schema {
    static let migrator: DatabaseMigrator = {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try createV1(db)
        }
        migrator.registerMigration("v2") { db in
            try createV2(db)
        }
        return migrator
    }()

    /// Names of the tables "v1" creates, for tests and sanity checks.
    static let v1Tables = [
        "articles", "articles_fts", "entities", "events", "stories", "story_members", "alerts",
        "alert_deliveries", "ledger",
    ]

    /// Names of the tables "v2" adds.
    static let v2Tables = ["story_fingerprints", "alert_decisions"]

    // Dates are GRDB's default text form, "YYYY-MM-DD HH:MM:SS.SSS" in UTC: it sorts as text,
    // SQLite's date functions read it, and `sqlite3` shows it readably.
    private static func createV1(_ db: Database) throws {
        // `id` is the first 16 hex digits of `sha256`; the full hash is the idempotency key.
        // `json` is the article exactly as extracted; the other columns are copies for queries.
        try db.execute(
            sql: """
                CREATE TABLE articles (
                    id TEXT PRIMARY KEY NOT NULL,
                    sha256 TEXT NOT NULL UNIQUE,
                    json TEXT NOT NULL,
                    title TEXT,
                    publisher TEXT,
                    published TEXT,
                    received TEXT NOT NULL,
                    story TEXT NOT NULL
                );
                CREATE INDEX articles_received ON articles(received);
                CREATE INDEX articles_story ON articles(story);
                """)

        // A plain (not external-content) FTS5 table: `articles` has no integer primary key whose
        // rowid would survive VACUUM, so the FTS row carries the article id itself. The copy of
        // title and body also lets a later `snippet()` work without touching the JSON.
        try db.execute(
            sql: """
                CREATE VIRTUAL TABLE articles_fts USING fts5(
                    article UNINDEXED,
                    title,
                    body,
                    tokenize = 'unicode61 remove_diacritics 2'
                );
                """)

        try db.execute(
            sql: """
                CREATE TABLE entities (
                    article TEXT NOT NULL REFERENCES articles(id),
                    ordinal INTEGER NOT NULL,
                    name TEXT NOT NULL,
                    type TEXT NOT NULL,
                    aliases TEXT NOT NULL,
                    mentions INTEGER NOT NULL,
                    PRIMARY KEY (article, ordinal)
                );
                CREATE INDEX entities_name ON entities(name);
                CREATE INDEX entities_type ON entities(type);
                """)

        try db.execute(
            sql: """
                CREATE TABLE events (
                    article TEXT NOT NULL REFERENCES articles(id),
                    ordinal INTEGER NOT NULL,
                    type TEXT NOT NULL,
                    cameo TEXT,
                    goldstein REAL,
                    actor TEXT,
                    target TEXT,
                    location TEXT,
                    date TEXT,
                    sentence INTEGER NOT NULL,
                    evidence TEXT NOT NULL,
                    PRIMARY KEY (article, ordinal)
                );
                CREATE INDEX events_type ON events(type);
                CREATE INDEX events_location ON events(location);
                """)

        // Last-seen time, article count and outlets are derived from the members, so a story row
        // is written once and never updated.
        try db.execute(
            sql: """
                CREATE TABLE stories (
                    id TEXT PRIMARY KEY NOT NULL,
                    first_seen TEXT NOT NULL,
                    title TEXT
                );
                CREATE INDEX stories_first_seen ON stories(first_seen);
                CREATE TABLE story_members (
                    story TEXT NOT NULL REFERENCES stories(id),
                    article TEXT NOT NULL REFERENCES articles(id),
                    added TEXT NOT NULL,
                    PRIMARY KEY (story, article)
                );
                CREATE INDEX story_members_article ON story_members(article);
                """)

        // AUTOINCREMENT: alert ids are referenced by deliveries and by the journal's readers, so
        // an id is never reused, and id order is commit order (the outbox's "oldest first").
        try db.execute(
            sql: """
                CREATE TABLE alerts (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    kind TEXT NOT NULL,
                    priority INTEGER NOT NULL,
                    rule TEXT NOT NULL,
                    story TEXT,
                    article TEXT,
                    json TEXT NOT NULL,
                    created TEXT NOT NULL
                );
                CREATE INDEX alerts_story ON alerts(story);
                CREATE INDEX alerts_article ON alerts(article);
                CREATE TABLE alert_deliveries (
                    alert_id INTEGER PRIMARY KEY NOT NULL REFERENCES alerts(id),
                    at TEXT NOT NULL
                );
                """)

        // One row per dump file handled; the first row for a hash is its outcome. No index on
        // `outcome`: only `stats` filters on it alone, and with one SQLite would prefer it over
        // `sha256` for the per-dump lookups.
        try db.execute(
            sql: """
                CREATE TABLE ledger (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    sha256 TEXT NOT NULL,
                    name TEXT NOT NULL,
                    path TEXT NOT NULL,
                    size INTEGER NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('stored', 'duplicate', 'quarantined')),
                    article TEXT REFERENCES articles(id),
                    reason TEXT,
                    at TEXT NOT NULL
                );
                CREATE INDEX ledger_sha256 ON ledger(sha256);
                """)
    }

    /// "v2": what story assignment and alert decisions need. Only new tables, so a "v1" store
    /// keeps every row; its articles simply have no fingerprint and are never matched.
    private static func createV2(_ db: Database) throws {
        // One row per article stored since "v2": the fingerprint the matcher compares
        // (`StoryFingerprint` as JSON), the story it joined and how. `received` is in whole
        // seconds since the epoch so that the window query is a plain integer range.
        try db.execute(
            sql: """
                CREATE TABLE story_fingerprints (
                    article TEXT PRIMARY KEY NOT NULL REFERENCES articles(id),
                    story TEXT NOT NULL REFERENCES stories(id),
                    received INTEGER NOT NULL,
                    signal TEXT,
                    matched TEXT,
                    json TEXT NOT NULL
                );
                CREATE INDEX story_fingerprints_received ON story_fingerprints(received);
                """)

        // Every alert decision, including "no alert" and alerts below min_priority, so the
        // store answers why an article did or did not alert.
        try db.execute(
            sql: """
                CREATE TABLE alert_decisions (
                    id INTEGER PRIMARY KEY AUTOINCREMENT,
                    article TEXT NOT NULL REFERENCES articles(id),
                    story TEXT NOT NULL REFERENCES stories(id),
                    outcome TEXT NOT NULL,
                    sent INTEGER NOT NULL,
                    alert_id INTEGER REFERENCES alerts(id),
                    reason TEXT NOT NULL,
                    created TEXT NOT NULL
                );
                CREATE INDEX alert_decisions_story ON alert_decisions(story);
                CREATE INDEX alert_decisions_article ON alert_decisions(article);
                CREATE INDEX alerts_created ON alerts(created);
                """)
    }
}
