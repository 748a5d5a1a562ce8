-- Imported plays that matched no file still say which artist (and album) the person listens to.
-- When the library has that artist through other tracks, the artist's name as the library writes it
-- is kept here (and the album's, when the library has that album): the taste engine learns artist and
-- album taste from these plays. Re-resolved whenever waiting entries are rematched (after a scan).
ALTER TABLE import_unmatched ADD COLUMN artist_match TEXT;
ALTER TABLE import_unmatched ADD COLUMN album_match TEXT;
CREATE INDEX import_unmatched_artist_match ON import_unmatched(artist_match) WHERE artist_match IS NOT NULL;
