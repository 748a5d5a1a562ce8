-- One recording, many files; spoken word as its own kind (issue 14).
-- recording_id: the files that are one recording share it (the smallest item id of the group; a file that
--   is no other file's recording has its own id). NULL until the grouping pass after a scan has seen the
--   item (the taste engine then treats the file as a recording of its own).
-- recording_key: the normalised "artist / title / version words" the grouping compares (kept so that a
--   pass only normalises the files that changed).
-- spoken: why this file is spoken word (an audiobook or podcast), NULL for music; such files never enter
--   music mixes. Judged from the extension, chapters and genre after a scan, and from the analysis (speech).
-- implausible: why the file's claimed length cannot be believed (a header claiming 27 hours in 200 KB, a FLAC
--   cut short, a music "track" over 3 hours), NULL when it can; such files enter no mix until played through.
-- identity_at: the updated_at the key and the judgements were made for (a changed file is judged again).
ALTER TABLE items ADD COLUMN recording_id INTEGER;
ALTER TABLE items ADD COLUMN recording_key TEXT;
ALTER TABLE items ADD COLUMN spoken TEXT;
ALTER TABLE items ADD COLUMN implausible TEXT;
ALTER TABLE items ADD COLUMN identity_at REAL;
CREATE INDEX items_recording ON items(recording_id);
-- The share of the analysed excerpts that sound like speech (0..1); NULL before the analysis measured it.
ALTER TABLE audio_features ADD COLUMN speech REAL;
