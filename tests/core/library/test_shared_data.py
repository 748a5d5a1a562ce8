"""A scan of ../shared/data/media: real files from other projects' test suites, about one in six broken."""

from __future__ import annotations

import os

from companion.core.jobs.scan import run_scan
from companion.core.library.formats import kind_for_path
from companion.core.library.queries import list_failures, list_items
from companion.core.library.sniff import sniff

PLAIN_REASONS = {
    "its tags or audio header are damaged, so Companion cannot read it",
    "no MPEG audio found in it (the file is cut short, or holds tags only)",
    "its tags are cut short (the file ends too early)",
    "the file is empty (0 bytes)",
    "not an audio format Companion can read (the content does not match any known format)",
    "not a video file Companion can open: it is damaged or cut short",
    "the file is damaged: Companion could not make sense of its contents",
}


def test_every_shared_file_is_an_item_or_a_failure_with_a_reason(shared_data, db, profile):
    media = shared_data / "media"
    summary = run_scan(db, profile, [str(media)])
    assert not summary.cancelled
    items = {i["path"].rsplit("#track", 1)[0] for i in list_items(db)}  # a CUE sheet's tracks: their file
    failures = {f["path"]: f["error"] for f in list_failures(db)}
    on_disk = [os.path.join(d, n) for d, _, names in os.walk(media) for n in names]
    unaccounted, ignored_count = [], 0
    for path in on_disk:
        known = kind_for_path(path)
        ignored = known == "ignored" or (known is None and sniff(path) is None)
        ignored_count += ignored
        if (path in items) + (path in failures) + ignored != 1:
            unaccounted.append(path)
    assert not unaccounted
    assert summary.ignored == ignored_count > 0
    # only files that look like media fail, and every reason is one of a few plain sentences
    assert not [p for p in failures if kind_for_path(p) is None and sniff(p) is None]
    assert set(failures.values()) <= PLAIN_REASONS, set(failures.values()) - PLAIN_REASONS
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
    assert (again.added, again.updated, again.unchanged) == (0, 0, len(list_items(db)))
    assert {f["path"] for f in again.failed} == set(failures)
