"""A scan of ../shared/data/media: real files from other projects' test suites, about one in six broken."""

from __future__ import annotations

import os

from companion.core.jobs.scan import run_scan
from companion.core.library.formats import IGNORED_EXTENSIONS
from companion.core.library.queries import list_failures, list_items


def test_every_shared_file_is_an_item_or_a_failure_with_a_reason(shared_data, db, profile):
    media = shared_data / "media"
    summary = run_scan(db, profile, [str(media)])
    assert not summary.cancelled
    items = {i["path"] for i in list_items(db)}
    failures = {f["path"]: f["error"] for f in list_failures(db)}
    on_disk = [os.path.join(d, n) for d, _, names in os.walk(media) for n in names]
    unaccounted = []
    for path in on_disk:
        ignored = os.path.splitext(path)[1].lower() in IGNORED_EXTENSIONS
        if (path in items) + (path in failures) + ignored != 1:
            unaccounted.append(path)
    assert not unaccounted
    assert all(reason and "Traceback" not in reason and len(reason) < 300 for reason in failures.values())
    assert len(items) > len(failures) > len(on_disk) / 10
    # the formats mutagen and tinytag test, read for real
    kinds = {os.path.splitext(p)[1].lower() for p in items}
    assert {
        ".mp3",
        ".flac",
        ".ogg",
        ".opus",
        ".m4a",
        ".wma",
        ".wav",
        ".aiff",
        ".wv",
        ".ape",
        ".mpc",
        ".spx",
        ".dsf",
        ".aac",
    } <= kinds
    rated = [i for i in list_items(db) if i["tag_rating"] is not None]
    assert rated, "the mutagen samples carry POPM ratings"
    again = run_scan(db, profile)
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(items))
    assert {f["path"] for f in again.failed} == set(failures)
