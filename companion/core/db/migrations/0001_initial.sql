-- Companion schema v1: library, scan failures, events, ratings, resume points, settings.
-- Times are UTC unix seconds (REAL); local meaning is kept in tz_offset_min where it matters.
-- Paths are TEXT as produced by companion.core.library.pathcodec (reversible for non-UTF-8 names).

CREATE TABLE folders (
    id            INTEGER PRIMARY KEY,
    path          TEXT NOT NULL UNIQUE,
    added_at      REAL NOT NULL,
    last_scan_at  REAL,
    status        TEXT NOT NULL DEFAULT 'ok',      -- ok | missing | unreadable
    status_reason TEXT
);

CREATE TABLE items (
    id             INTEGER PRIMARY KEY,
    path           TEXT NOT NULL UNIQUE,
    folder_id      INTEGER REFERENCES folders(id) ON DELETE SET NULL,
    kind           TEXT NOT NULL CHECK (kind IN ('music', 'video')),
    status         TEXT NOT NULL DEFAULT 'ok',     -- ok | missing | unplayable
    status_reason  TEXT,
    size           INTEGER,
    mtime_ns       INTEGER,
    fingerprint    TEXT,                           -- size + hash of first and last 64 KiB
    added_at       REAL NOT NULL,
    updated_at     REAL NOT NULL,
    missing_since  REAL,
    -- tags and facts
    title          TEXT,
    artist         TEXT,
    album_artist   TEXT,
    album          TEXT,
    genres         TEXT,                           -- JSON list of strings
    year           INTEGER,
    date           TEXT,
    track_no       INTEGER,
    track_total    INTEGER,
    disc_no        INTEGER,
    disc_total     INTEGER,
    duration       REAL,
    bitrate        INTEGER,
    sample_rate    INTEGER,
    channels       INTEGER,
    bpm            REAL,
    mood           TEXT,
    mb_track_id    TEXT,
    mb_album_id    TEXT,
    mb_artist_id   TEXT,
    has_cover      INTEGER NOT NULL DEFAULT 0,
    cover_key      TEXT,                           -- cache key of the cover / thumbnail image
    tag_rating     REAL,                           -- 0..5 stars read from the file's tags
    tag_rating_source TEXT,                        -- which tag it came from (POPM:email, FMPS_RATING, ...)
    tag_play_count INTEGER,
    rg_track_gain  REAL,
    rg_track_peak  REAL,
    rg_album_gain  REAL,
    rg_album_peak  REAL,
    -- video
    width          INTEGER,
    height         INTEGER,
    video_codec    TEXT,
    audio_codec    TEXT,
    container      TEXT,
    video_type     TEXT,                           -- movie | episode | NULL
    show           TEXT,
    season         INTEGER,
    episode        INTEGER,
    extra          TEXT                            -- JSON object for anything else
);
CREATE INDEX items_kind ON items(kind, status);
CREATE INDEX items_fingerprint ON items(fingerprint);
CREATE INDEX items_folder ON items(folder_id);
CREATE INDEX items_artist ON items(artist COLLATE NOCASE);

CREATE TABLE scan_failures (
    path        TEXT PRIMARY KEY,
    error       TEXT NOT NULL,
    first_seen  REAL NOT NULL,
    last_seen   REAL NOT NULL
);

-- Append-only listening facts. Every score is derived from these and can be rebuilt.
CREATE TABLE events (
    id             INTEGER PRIMARY KEY,
    item_id        INTEGER NOT NULL REFERENCES items(id) ON DELETE RESTRICT,
    type           TEXT NOT NULL,   -- play | completed | skip | rating | like | dislike | unlike | resume | ...
    ts             REAL NOT NULL,   -- UTC unix seconds
    tz_offset_min  INTEGER NOT NULL DEFAULT 0,   -- local offset from UTC at that moment
    position       REAL,            -- seconds reached
    duration       REAL,
    start_reason   TEXT,            -- user | mix | queue | resume | radio | import
    end_reason     TEXT,            -- ended | next | previous | stop | error | closed
    context        TEXT,            -- row id or playlist the playback started from
    session_id     TEXT,
    value          REAL,            -- stars for rating events
    source         TEXT NOT NULL DEFAULT 'app',  -- app | tags | import:lastfm | ...
    data           TEXT             -- JSON for anything else
);
CREATE INDEX events_item ON events(item_id, ts);
CREATE INDEX events_ts ON events(ts);

-- Current rating state (derived from rating/like events, kept for fast reads).
CREATE TABLE ratings (
    item_id     INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    stars       REAL,               -- 0..5 or NULL
    liked       INTEGER NOT NULL DEFAULT 0,   -- 1 like, -1 dislike, 0 neither
    updated_at  REAL NOT NULL
);

CREATE TABLE resume_points (
    item_id     INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    position    REAL NOT NULL,
    duration    REAL,
    updated_at  REAL NOT NULL
);

CREATE TABLE settings (
    key    TEXT PRIMARY KEY,
    value  TEXT NOT NULL             -- JSON
);
