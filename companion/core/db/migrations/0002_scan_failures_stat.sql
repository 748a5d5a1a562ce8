-- Library scanner: remember size and mtime of files that failed, so an unchanged broken file
-- costs one stat on the next scan instead of another parse.
ALTER TABLE scan_failures ADD COLUMN size INTEGER;
ALTER TABLE scan_failures ADD COLUMN mtime_ns INTEGER;
