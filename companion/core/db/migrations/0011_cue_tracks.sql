-- CUE sheets (issue 16): one album in one audio file becomes one item per track.
-- A track's item path is the audio file's path text plus "#trackNN" (core/library/cue.py track_key): items'
--   paths stay unique, and a track keeps its identity and history while the sheet is edited.
-- cue_path: the sheet the track comes from (pathcodec text; the FLAC itself for a sheet embedded in it).
-- cue_start: where the track starts in the audio file, in seconds (INDEX 01); its length is `duration`.
-- cue_problem: on a whole-file item, why the CUE sheet beside it (or in it) could not be used.
ALTER TABLE items ADD COLUMN cue_path TEXT;
ALTER TABLE items ADD COLUMN cue_start REAL;
ALTER TABLE items ADD COLUMN cue_problem TEXT;
-- Few items are CUE tracks: the scan finds them (and the player a track's neighbours) without reading the rest.
CREATE INDEX items_cue ON items(cue_path) WHERE cue_path IS NOT NULL;
