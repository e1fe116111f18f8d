-- Results, options and state histories are written once and read back whole, never queried inside: json keeps
-- them as sent, where jsonb parsed and rebuilt each one (the largest share of a scan's write cost after the
-- full text, which the writer now sends as a ready tsvector).
ALTER TABLE scans
    ALTER COLUMN options TYPE json USING options::json,
    ALTER COLUMN state_history TYPE json USING state_history::json,
    ALTER COLUMN result TYPE json USING result::json;
