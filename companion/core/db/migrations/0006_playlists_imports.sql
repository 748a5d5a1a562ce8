-- Playlists read from other players, and listening history brought from other services.
-- Imported history itself becomes ordinary `events` rows (source 'import:<service>'); the tables
-- here keep what makes re-importing idempotent and what did not match the library yet.

CREATE TABLE playlists (
    id            INTEGER PRIMARY KEY,
    name          TEXT NOT NULL,
    source_path   TEXT UNIQUE,                     -- the imported file (pathcodec TEXT); NULL if made here
    format        TEXT NOT NULL,                   -- m3u | m3u8 | pls | xspf | wpl
    origin        TEXT NOT NULL DEFAULT 'import',
    created_at    REAL NOT NULL,
    updated_at    REAL NOT NULL,
    entry_count   INTEGER NOT NULL DEFAULT 0,
    matched_count INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE playlist_entries (
    playlist_id  INTEGER NOT NULL REFERENCES playlists(id) ON DELETE CASCADE,
    position     INTEGER NOT NULL,
    item_id      INTEGER REFERENCES items(id) ON DELETE SET NULL,
    location     TEXT NOT NULL,                    -- as written in the playlist
    title        TEXT,
    artist       TEXT,
    album        TEXT,
    duration     REAL,
    matched_by   TEXT,                             -- path | tags | NULL (unmatched)
    problem      TEXT,                             -- why it did not match, in plain words
    PRIMARY KEY (playlist_id, position)
);
CREATE INDEX playlist_entries_item ON playlist_entries(item_id);

-- One row per history file imported (identified by content hash).
CREATE TABLE import_files (
    id           INTEGER PRIMARY KEY,
    sha256       TEXT NOT NULL UNIQUE,
    path         TEXT NOT NULL,
    service      TEXT NOT NULL,
    first_at     REAL NOT NULL,
    last_at      REAL NOT NULL,
    read         INTEGER NOT NULL DEFAULT 0,
    matched      INTEGER NOT NULL DEFAULT 0,
    unmatched    INTEGER NOT NULL DEFAULT 0,
    duplicates   INTEGER NOT NULL DEFAULT 0,
    errors       INTEGER NOT NULL DEFAULT 0
);

-- Dedup keys of imported entries that became events: the same entry never becomes two events.
-- The key is also in events.data ("import_key"); erasing the events erases their keys.
CREATE TABLE import_keys (
    key       TEXT PRIMARY KEY,
    event_id  INTEGER REFERENCES events(id) ON DELETE CASCADE
);
CREATE INDEX import_keys_event ON import_keys(event_id);

-- Imported entries with no library item yet; rematch_unmatched() turns them into events later.
CREATE TABLE import_unmatched (
    id            INTEGER PRIMARY KEY,
    key           TEXT NOT NULL UNIQUE,
    service       TEXT NOT NULL,
    file_id       INTEGER REFERENCES import_files(id) ON DELETE SET NULL,
    ts            REAL NOT NULL,
    kind          TEXT NOT NULL DEFAULT 'music',   -- music | video
    type          TEXT NOT NULL,                   -- the event it becomes: play | completed | skip
    artist        TEXT,
    title         TEXT,
    album         TEXT,
    mb_track_id   TEXT,
    show          TEXT,
    season        INTEGER,
    episode       INTEGER,
    position      REAL,
    data          TEXT,                            -- JSON
    added_at      REAL NOT NULL
);
CREATE INDEX import_unmatched_service ON import_unmatched(service);
