-- Scan history, PostgreSQL. One row per finished task in scans; one row per (task, entity kind, value) in
-- scan_entities for entity lookups. The whole result stays in scans.result; nothing is rebuilt from the rows.

CREATE TABLE scans (
    task_id       text PRIMARY KEY,
    type          text NOT NULL,
    target        text NOT NULL,
    target_key    text COLLATE "C" NOT NULL,   -- lower(target): filters are case-insensitive
    target_kind   text NOT NULL,
    state         text NOT NULL,               -- SUCCESS, FAILURE or REVOKED
    success       boolean,                     -- result.success, null without a result
    error         text,
    options       jsonb NOT NULL,
    queue         text,
    priority      text,
    parent_id     text,
    worker        text,
    owner         text,                        -- the API key's name, anonymous@address, or null
    retries       integer NOT NULL,
    created_at    timestamptz,
    started_at    timestamptz,
    finished_at   timestamptz NOT NULL,
    state_history jsonb NOT NULL,              -- [{"state", "at"}], oldest first
    result        jsonb,                       -- the ScanResult as the API showed it
    entity_count  integer NOT NULL,
    search        tsvector NOT NULL            -- to_tsvector('simple', words of target, error, data, entities)
);
CREATE INDEX scans_newest ON scans (finished_at DESC, task_id DESC);
CREATE INDEX scans_by_target ON scans (target_key, type, finished_at DESC, task_id DESC);
CREATE INDEX scans_by_owner ON scans (owner, finished_at DESC, task_id DESC) WHERE owner IS NOT NULL;
CREATE INDEX scans_search ON scans USING gin (search);

CREATE TABLE scan_entities (
    task_id    text NOT NULL,                  -- a scan's (no foreign key: its check costs more than the write)
    kind       text NOT NULL,
    value      text NOT NULL,
    value_key  text COLLATE "C" NOT NULL,      -- lower(value): exact and prefix lookups use this index
    source     text,
    confidence double precision NOT NULL,
    owner      text,                           -- the scan's owner, so lookups filter without a join
    seen_at    timestamptz NOT NULL,           -- the scan's finished_at
    PRIMARY KEY (task_id, kind, value)
);
CREATE INDEX scan_entities_by_value ON scan_entities (value_key, seen_at DESC, task_id DESC);
