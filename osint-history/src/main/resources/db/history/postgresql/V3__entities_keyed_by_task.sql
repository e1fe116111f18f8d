-- scan_entities: a plain index on task_id instead of the primary key (task_id, kind, value). The writer copies a
-- scan's entities only with the scan's own new row, each (kind, value) once, so the key's uniqueness check bought
-- nothing; what reads by task (entityKeys, purges) needs only the task id, and its index entries are a third the
-- size (a scan's rows share one, B-tree deduplication keeps it once per page).
ALTER TABLE scan_entities DROP CONSTRAINT scan_entities_pkey;
CREATE INDEX scan_entities_by_task ON scan_entities (task_id);
