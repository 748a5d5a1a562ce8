"""CUE sheets read as real programs write them: times, encodings, and sheets that cannot be right."""

from __future__ import annotations

import pytest

from companion.core.library.cue import CueError, decode, fit, names_file, parse, parse_time

SHEET = """REM GENRE "Jazz"
REM DATE 1977
PERFORMER "Café Trio"
TITLE "Live at Café"
FILE "album.wav" WAVE
  TRACK 01 AUDIO
    TITLE "Opening"
    INDEX 01 00:00:00
  TRACK 02 AUDIO
    TITLE "Middle"
    PERFORMER "Guest"
    INDEX 00 02:58:00
    INDEX 01 03:00:00
  TRACK 03 AUDIO
    TITLE "Close"
    INDEX 01 06:30:37
"""


def test_times_are_minutes_seconds_and_75ths():
    assert parse_time("06:30:37") == pytest.approx(390 + 37 / 75)
    assert parse_time("100:00:74") == pytest.approx(6000 + 74 / 75)
    for bad in ("1:60:00", "00:00:75", "0:0", "aa:bb:cc", "-1:00:00"):
        with pytest.raises(CueError):
            parse_time(bad)


def test_a_sheet_gives_titles_performers_and_lengths_from_index_01():
    sheet = parse(SHEET)
    assert (sheet.title, sheet.performer, sheet.file, sheet.date, sheet.genre) == (
        "Live at Café",
        "Café Trio",
        "album.wav",
        "1977",
        "Jazz",
    )
    tracks = fit(sheet, 600.0)
    assert [(t.number, t.title, t.performer) for t in tracks] == [
        (1, "Opening", None),
        (2, "Middle", "Guest"),
        (3, "Close", None),
    ]
    assert [t.start for t in tracks] == pytest.approx([0.0, 180.0, 390 + 37 / 75])
    assert [t.duration for t in tracks] == pytest.approx([180.0, 210 + 37 / 75, 600 - 390 - 37 / 75])


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252", "shift_jis", "utf-16"])
def test_legacy_encodings_are_read(encoding):
    title = "春はゆく" if encoding in ("shift_jis", "utf-8", "utf-8-sig", "utf-16") else "Café Crème"
    raw = f'TITLE "{title}"\nFILE "a.flac" WAVE\n  TRACK 01 AUDIO\n    INDEX 01 00:00:00\n'.encode(encoding)
    assert parse(decode(raw)).title == title


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("FILE a.flac WAVE\n", "lists no audio tracks"),
        ('FILE "a.flac" WAVE\nTRACK 01 AUDIO\nTITLE "x"\n', "has no start time"),
        (
            'FILE "a.flac" WAVE\nTRACK 01 AUDIO\nINDEX 01 00:05:00\nTRACK 02 AUDIO\nINDEX 01 00:04:00\n',
            "starts before",
        ),
        (
            'FILE "a.flac" WAVE\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nTRACK 02 AUDIO\nINDEX 01 20:00:00\n',
            "past the end",
        ),
        (
            'FILE "a.flac" WAVE\nTRACK 01 AUDIO\nINDEX 01 00:00:00\nFILE "b.flac" WAVE\nTRACK 02 AUDIO\n',
            "several",
        ),
    ],
)
def test_sheets_that_cannot_be_right_say_why(text, reason):
    with pytest.raises(CueError, match=reason):
        fit(parse(text), 60.0)


def test_bad_times_say_so():
    with pytest.raises(CueError, match="not minutes:seconds:frames"):
        parse('FILE "a.flac" WAVE\nTRACK 01 AUDIO\nINDEX 01 00:99:00\n')


def test_which_file_a_sheet_describes():
    sheet = parse(SHEET)
    assert names_file(sheet, "/m/whatever.cue", "/m/album.flac")  # written for the .wav before encoding
    assert names_file(sheet, "/m/x.cue", "/m/ALBUM.WAV")
    assert not names_file(sheet, "/m/album.cue", "/m/other.flac")
    nameless = parse("TRACK 01 AUDIO\nINDEX 01 00:00:00\n")
    assert names_file(nameless, "/m/album.flac.cue", "/m/album.flac")
    assert not names_file(nameless, "/m/b.cue", "/m/album.flac")
