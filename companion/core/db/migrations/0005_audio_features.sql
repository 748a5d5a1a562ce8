-- Audio features computed on the user's machine by companion.core.analysis.
-- One row per analysed item; rows whose version is older than the analyser's are re-analysed.
-- A row with error set records why the file could not be analysed (feature columns are then NULL).
-- Scales: loudness is LUFS (integrated, EBU R128-style); energy, danceability, acousticness, valence,
-- beat_strength, brightness and the confidences are 0..1; centroid/rolloff in Hz; see docs/analysis.md.

CREATE TABLE audio_features (
    item_id         INTEGER PRIMARY KEY REFERENCES items(id) ON DELETE CASCADE,
    version         INTEGER NOT NULL,
    analysed_at     REAL NOT NULL,
    error           TEXT,
    bpm             REAL,
    bpm_confidence  REAL,
    tempo_flag      TEXT,            -- NULL, 'half' or 'double' when the pulse is ambiguous by a factor of 2
    beat_strength   REAL,
    key             TEXT,            -- C, C#, D, ... B
    mode            TEXT,            -- major | minor
    key_confidence  REAL,
    loudness        REAL,            -- LUFS
    loudness_source TEXT,            -- measured | replaygain
    dynamic_range   REAL,            -- dB (loudness range style: 95th - 10th percentile of short-term loudness)
    energy          REAL,
    danceability    REAL,
    acousticness    REAL,
    valence         REAL,
    mood            TEXT,            -- calm | chill | focus | happy | energetic | melancholic | party
    brightness      REAL,            -- 0..1 (spectral centroid on a log scale)
    centroid        REAL,            -- Hz
    rolloff         REAL,            -- Hz (85% of spectral energy below)
    flatness        REAL,
    zcr             REAL,
    onset_rate      REAL,            -- onsets per second
    spectral_flux   REAL,
    rms             REAL,            -- dBFS
    duration        REAL,            -- seconds of audio the decoder reported
    seconds         REAL,            -- time the analysis took
    vector          BLOB             -- float32 feature vector for similarity (see analysis/vector.py)
);
CREATE INDEX audio_features_version ON audio_features(version);
CREATE INDEX audio_features_mood ON audio_features(mood);
