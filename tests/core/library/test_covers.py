"""Covers: a picture embedded in the file, or one beside it, cached small under the profile."""

from __future__ import annotations

import av
import numpy as np

from companion.core.library.covers import cover_path
from companion.core.library.queries import get_item_by_path
from companion.core.media import synth


def test_folder_cover_is_used_when_no_picture_is_embedded(tmp_path, db, profile, make_audio, scan_conn):
    album = tmp_path / "music" / "A" / "B"
    track = make_audio(album / "01 One.flac")
    (album / "Folder.JPG").write_bytes(synth.cover_jpeg(7))
    scan_conn([tmp_path / "music"])
    item = get_item_by_path(db, str(track))
    assert item["has_cover"] == 0 and item["cover_key"]
    assert cover_path(profile, item["cover_key"]).read_bytes() == (album / "Folder.JPG").read_bytes()


def test_embedded_cover_wins_over_the_folder_image(tmp_path, db, profile, make_audio, scan_conn):
    album = tmp_path / "music" / "A" / "B"
    track = make_audio(album / "01 One.mp3")
    embedded = synth.cover_jpeg(1)
    synth.write_tags(track, {"title": "One"}, cover=embedded)
    (album / "cover.jpg").write_bytes(synth.cover_jpeg(2))
    scan_conn([tmp_path / "music"])
    item = get_item_by_path(db, str(track))
    assert item["has_cover"] == 1 and cover_path(profile, item["cover_key"]).read_bytes() == embedded


def test_cover_path_refuses_odd_keys(profile):
    assert cover_path(profile, None) is None and cover_path(profile, "../../etc/passwd") is None
    assert cover_path(profile, "abc123") is None


def test_a_large_front_png_is_cached_as_a_small_jpeg(tmp_path, db, profile, make_audio, scan_conn):
    from fractions import Fraction

    album = tmp_path / "music" / "A" / "B"
    track = make_audio(album / "01 One.opus")
    img = np.random.default_rng(0).integers(0, 255, (1000, 1000, 3)).astype(np.uint8)
    ctx = av.CodecContext.create("png", "w")
    ctx.width = ctx.height = 1000
    ctx.pix_fmt, ctx.time_base = "rgb24", Fraction(1, 25)
    frame = av.VideoFrame.from_ndarray(img, format="rgb24")
    png = b"".join(bytes(p) for p in ctx.encode(frame)) + b"".join(bytes(p) for p in ctx.encode(None))
    (album / "front.png").write_bytes(png)
    scan_conn([tmp_path / "music"])
    cached = cover_path(profile, get_item_by_path(db, str(track))["cover_key"])
    assert cached.suffix == ".jpg" and cached.stat().st_size < len(png) / 4
    with av.open(str(cached)) as c:
        small = next(c.decode(video=0))
    assert max(small.width, small.height) <= 500
