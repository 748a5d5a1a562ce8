"""Whatever bytes a playlist or history file holds: a result or one clear error, never a crash."""

from __future__ import annotations

from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from companion.core.importers.detect import parse_history
from companion.core.importers.model import HistoryFormatError
from companion.core.importers.source import SourceFile, decode_text
from companion.core.playlists.model import PlaylistError
from companion.core.playlists.readers import parse_bytes

PREFIXES = [
    b"",
    b"#EXTM3U\n",
    b"[playlist]\n",
    b"<?xml version='1.0'?><playlist><trackList><track>",
    b"<smil><body><seq><media src=",
    b"\xef\xbb\xbf",
    b"\xff\xfe",
]
HISTORY_PREFIXES = [
    b"",
    b"uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n",
    b'[{"ts":',
    b"Profile Name,Start Time,Duration,Title\n",
    b'{"listened_at": 1, "track_metadata": ',
    b'[{"endTime": "2020-01-01 00:00", "msPlayed": ',
]
FUZZ = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@FUZZ
@given(
    st.sampled_from(PREFIXES), st.binary(max_size=400), st.sampled_from(["m3u", "m3u8", "pls", "xspf", "wpl"])
)
def test_playlist_bytes(prefix, body, suffix):
    try:
        parsed = parse_bytes(prefix + body, suffix, "fuzz")
    except PlaylistError as e:
        assert str(e).startswith("fuzz: ") and "\n" not in str(e)
        return
    assert all(isinstance(e.location, str) and e.location for e in parsed.entries)


@FUZZ
@given(st.sampled_from(HISTORY_PREFIXES), st.binary(max_size=400))
def test_history_bytes(prefix, body):
    raw = prefix + body
    try:
        src = SourceFile(path=Path("fuzz"), text=decode_text(raw, "fuzz"), sha256="x")
        parse_history(src)
    except HistoryFormatError as e:
        assert str(e).startswith("fuzz: ") and "\n" not in str(e)
