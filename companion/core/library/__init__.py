"""The library: folders, the scanner (``scan.scan``), tag formats, covers and small queries.

Entry points other modules use:
- ``scan.scan(store_or_conn, profile, folders=None, *, pool, settled=None, cancel=None, workers=None)``:
  a generator of ``ScanProgress`` ending with a ``ScanSummary`` (``pool`` makes its readers, ``settled``
  follows a scan that changed rows: callers go through ``companion.core.jobs.scan``, which gives it the
  job system's pool and re-matches waiting history and playlist entries);
- ``folders.add_folder / list_folders / remove_folder``;
- ``queries.get_item / get_item_by_path / list_items / mark_unplayable / list_failures``;
- ``covers.cover_path(profile, cover_key)``; ``pathcodec.to_db / from_db`` for every stored path;
- ``ratings``: tag scales to stars and back (for writing ratings into files).
"""
