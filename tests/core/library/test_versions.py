"""The tracks table lists a recording once, from its best file, with the plays of all its files."""

from __future__ import annotations

from companion.core.library.versions import FILE_FACTS, one_row_per_recording


def _row(
    title: str, plays: int, recording: int, path: str, bitrate: int, status: str = "ok", implausible=None
):
    facts = dict(zip(FILE_FACTS, (recording, path, status, bitrate, 1, implausible), strict=True))
    return (title, path, plays, *facts.values())


def test_one_row_per_recording_from_its_best_file_with_all_plays():
    rows = [
        _row("Aurora (mp3)", 3, 1, "/m/Aurora.mp3", 320_000),
        _row("Aurora (flac)", 2, 1, "/m/Aurora.flac", 900_000),
        _row("Aurora (broken flac)", 0, 1, "/m/Aurora copy.flac", 1_000_000, status="unreadable"),
        _row("Snowfield", 5, 2, "/m/Snowfield.ogg", 160_000),
    ]
    got = one_row_per_recording(rows, shown=3, plays_col=2)
    assert got == [
        ("Aurora (flac)", "/m/Aurora.flac", 5, "3 files"),
        ("Snowfield", "/m/Snowfield.ogg", 5, ""),
    ]


def test_a_believable_length_comes_before_a_better_format():
    rows = [
        _row("long flac", 1, 7, "/m/a.flac", 900_000, implausible=1),
        _row("mp3", 1, 7, "/m/a.mp3", 128_000),
    ]
    assert one_row_per_recording(rows, shown=3, plays_col=2) == [("mp3", "/m/a.mp3", 2, "2 files")]
