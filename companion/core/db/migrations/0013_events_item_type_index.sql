-- Listening facts per item (plays, skips, last played) for the library's tables and `library --json`:
-- with (item_id, type, ts) the counts are read from the index alone; with events_item(item_id, ts) every
-- event was looked up in the table for its type (tracks table at 5,000 items and 100,000 events: 0.43 ->
-- 0.07 s of CPU; `library --json`'s query 0.54 -> 0.15 s).
CREATE INDEX IF NOT EXISTS events_item_type ON events(item_id, type, ts);
