-- The JSON columns' TOAST compression is lz4 instead of pglz, where the server was built with it (PostgreSQL 14
-- or later with lz4; elsewhere nothing changes). A scan's result (about 1.4 KB in the benchmark) is compressed
-- in its row on every write, and pglz_compress was about 4 % of PostgreSQL's time writing scans; lz4 compresses
-- several times faster (docs/BENCHMARKS.md, "## History"). Only values written from now on use it: the rows
-- already stored stay readable as they are, each value records its own method.
DO $$
BEGIN
    IF EXISTS (SELECT 1 FROM pg_settings WHERE name = 'default_toast_compression' AND 'lz4' = ANY (enumvals)) THEN
        ALTER TABLE scans ALTER COLUMN result SET COMPRESSION lz4,
                          ALTER COLUMN options SET COMPRESSION lz4,
                          ALTER COLUMN state_history SET COMPRESSION lz4;
    END IF;
END
$$;
