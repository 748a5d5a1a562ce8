-- Taste engine: the home checks on every look whether the library changed (row count, largest id,
-- newest updated_at); this index makes that check a few index lookups instead of a table scan.
CREATE INDEX IF NOT EXISTS items_updated_at ON items(updated_at);
