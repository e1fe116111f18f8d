-- Scan history, SQLite (the embedded store). The same tables as PostgreSQL's; times are epoch milliseconds,
-- JSON is text, and full text lives in the FTS5 table scan_text, whose rowid is scans.id.

CREATE TABLE scans (
    id            INTEGER PRIMARY KEY,         -- stable rowid, the key of scan_text
    task_id       TEXT NOT NULL UNIQUE,
    type          TEXT NOT NULL,
    target        TEXT NOT NULL,
    target_key    TEXT NOT NULL,
    target_kind   TEXT NOT NULL,
    state         TEXT NOT NULL,
    success       INTEGER,
    error         TEXT,
    options       TEXT NOT NULL,
    queue         TEXT,
    priority      TEXT,
    parent_id     TEXT,
    worker        TEXT,
    owner         TEXT,
    retries       INTEGER NOT NULL,
    created_at    INTEGER,
    started_at    INTEGER,
    finished_at   INTEGER NOT NULL,
    state_history TEXT NOT NULL,
    result        TEXT,
    entity_count  INTEGER NOT NULL
);
CREATE INDEX scans_newest ON scans (finished_at DESC, task_id DESC);
CREATE INDEX scans_by_target ON scans (target_key, type, finished_at DESC, task_id DESC);
CREATE INDEX scans_by_owner ON scans (owner, finished_at DESC, task_id DESC) WHERE owner IS NOT NULL;

CREATE VIRTUAL TABLE scan_text USING fts5(body, content='', contentless_delete=1);
CREATE TRIGGER scans_text_delete AFTER DELETE ON scans BEGIN
    DELETE FROM scan_text WHERE rowid = old.id;
END;

CREATE TABLE scan_entities (
    task_id    TEXT NOT NULL,                  -- a scan's; deleted with it by the store
    kind       TEXT NOT NULL,
    value      TEXT NOT NULL,
    value_key  TEXT NOT NULL,
    source     TEXT,
    confidence REAL NOT NULL,
    owner      TEXT,
    seen_at    INTEGER NOT NULL,
    PRIMARY KEY (task_id, kind, value)
) WITHOUT ROWID;
CREATE INDEX scan_entities_by_value ON scan_entities (value_key, seen_at DESC, task_id DESC);
