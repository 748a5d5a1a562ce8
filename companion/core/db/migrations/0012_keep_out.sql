-- Keep out of my taste (issue 18): listening the person keeps out of what the taste engine learns.
-- kind: playlist | track | album | time; spec: the rule as JSON (playlist id; item id; album and artist;
--   weekdays, hours and months of a time window); label: how Settings > Privacy names it.
-- The events themselves stay in `events` (history, Replay); the taste engine leaves matching plays out.
CREATE TABLE keep_out (
    id          INTEGER PRIMARY KEY,
    kind        TEXT NOT NULL,
    spec        TEXT NOT NULL,
    label       TEXT NOT NULL,
    created_at  REAL NOT NULL
);
-- Suggestions to keep something out that the person dismissed (never shown again), by their key.
CREATE TABLE keep_out_dismissed (
    key         TEXT PRIMARY KEY,
    dismissed_at REAL NOT NULL
);
