-- Nothing looks items up by fingerprint in SQL (a scan keeps the candidates for re-attachment in
-- memory), so the index only cost every insert and update of an item: about 2 us a row of a scan.
DROP INDEX IF EXISTS items_fingerprint;
