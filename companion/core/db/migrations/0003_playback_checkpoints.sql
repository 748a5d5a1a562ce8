-- In-flight playback: the player rewrites its row every couple of seconds, so a killed app
-- loses at most that much position. On the next start the row becomes the event it would
-- have produced (end_reason 'closed') and a resume point where the thresholds allow.
CREATE TABLE playback_checkpoints (
    session_id    TEXT PRIMARY KEY,
    item_id       INTEGER NOT NULL REFERENCES items(id) ON DELETE CASCADE,
    kind          TEXT NOT NULL DEFAULT 'music',
    started_at    REAL NOT NULL,
    tz_offset_min INTEGER NOT NULL DEFAULT 0,
    position      REAL NOT NULL DEFAULT 0,
    listened      REAL NOT NULL DEFAULT 0,
    duration      REAL,
    start_reason  TEXT,
    context       TEXT,
    updated_at    REAL NOT NULL
);
