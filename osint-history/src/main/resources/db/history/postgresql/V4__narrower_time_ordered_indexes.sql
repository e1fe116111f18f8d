-- The time-ordered indexes without task_id in their keys. Each query that reads them still orders by
-- (time DESC, task_id DESC) and pages by the row comparison (time, task_id) < (cursor): PostgreSQL reads the
-- index in time order, uses time <= cursor time as the index condition, and sorts only the rows that share one
-- time by task_id (an incremental sort of a few rows). Why: every finished scan adds an entry to each of these
-- indexes at a random place (a value or target seen before, a finished_at out of order), and the 37-byte text
-- task_id was half of every entry (two thirds of scan_entities_by_value's, five entries a scan). Once a growing
-- history's indexes outgrew PostgreSQL's buffer cache, each insert evicted and re-read index pages, and the
-- write's CPU per scan rose with the history (117 -> 175 us over 100,000 to 300,000 scans, docs/BENCHMARKS.md,
-- "## History"). With narrower entries the indexes a scan touches are about a third smaller.
-- Built in this migration's transaction: writes to the history wait while a large history's indexes rebuild.
DROP INDEX scan_entities_by_value;
CREATE INDEX scan_entities_by_value ON scan_entities (value_key, seen_at DESC);
DROP INDEX scans_newest;
CREATE INDEX scans_newest ON scans (finished_at DESC);
DROP INDEX scans_by_target;
CREATE INDEX scans_by_target ON scans (target_key, type, finished_at DESC);
DROP INDEX scans_by_owner;
CREATE INDEX scans_by_owner ON scans (owner, finished_at DESC) WHERE owner IS NOT NULL;
