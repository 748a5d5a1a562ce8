"""Every music format the issue lists, read from real files; every writer's rating scale from real tags."""

from __future__ import annotations

import json
from pathlib import Path

import mutagen
import pytest

from companion.core.library import ratings
from companion.core.library.reader import init_worker, read_one
from companion.core.media import synth

TAGS = {
    "title": "Song",
    "artist": "Band",
    "albumartist": "Various",
    "album": "Record",
    "genre": ["Jazz", "Funk"],
    "date": "2003-05-01",
    "tracknumber": "4/11",
    "discnumber": "1/2",
}


def read(path: Path, root: Path | None = None) -> dict:
    st = path.stat()
    return read_one((str(path), "music", st.st_size, st.st_mtime_ns, None, str(root or path.parent)))


@pytest.mark.parametrize("ext", [".mp3", ".flac", ".ogg", ".opus", ".m4a", ".wv"])
def test_full_tags_from_every_writable_format(tmp_path, make_audio, ext):
    path = make_audio(tmp_path / f"x{ext}")
    extra = {} if ext == ".wv" else {"bpm": "121"} if ext == ".m4a" else {"bpm": "121", "mood": "Calm"}
    synth.write_tags(path, {**TAGS, **extra})
    rec = read(path)
    assert rec["ok"], rec
    assert (rec["title"], rec["artist"], rec["album_artist"], rec["album"]) == (
        "Song",
        "Band",
        "Various",
        "Record",
    )
    assert json.loads(rec["genres"]) == ["Jazz", "Funk"]
    assert rec["year"] == 2003 and rec["track_no"] == 4 and rec["track_total"] == 11
    assert rec["disc_no"] == 1 and rec["disc_total"] == 2
    assert 0.3 < rec["duration"] < 0.6 and rec["channels"] and rec["sample_rate"] in (22050, 48000)
    assert rec["bpm"] == (121 if extra else None) and rec["mood"] == ("Calm" if "mood" in extra else None)


@pytest.mark.parametrize("ext", [".wav", ".aiff"])
def test_id3_in_wav_and_aiff(tmp_path, make_audio, ext):
    path = make_audio(tmp_path / f"x{ext}")
    synth.write_tags(path, {"title": "Chunk", "artist": "Band", "genre": "Ambient", "date": "1999"})
    rec = read(path)
    assert (rec["title"], rec["artist"], rec["year"], json.loads(rec["genres"])) == (
        "Chunk",
        "Band",
        1999,
        ["Ambient"],
    )


def test_wma_tags_and_windows_media_rating(tmp_path, make_audio):
    from mutagen.asf import ASF, ASFDWordAttribute

    path = make_audio(tmp_path / "x.wma")
    f = ASF(path)
    f["Title"], f["Author"], f["WM/AlbumTitle"], f["WM/Genre"] = ["W"], ["Artist"], ["Alb"], ["Rock", "Blues"]
    f["WM/SharedUserRating"] = [ASFDWordAttribute(75)]
    f["WM/ProviderRating"] = ["8"]
    f.save()
    rec = read(path)
    assert (rec["title"], rec["artist"], rec["album"]) == ("W", "Artist", "Alb")
    assert json.loads(rec["genres"]) == ["Rock", "Blues"]
    assert (rec["tag_rating"], rec["tag_rating_source"]) == (4.0, "WM/SharedUserRating")


def test_provider_rating_alone_is_not_a_rating(tmp_path, make_audio):
    from mutagen.asf import ASF

    path = make_audio(tmp_path / "x.wma")
    f = ASF(path)
    f["Title"], f["WM/ProviderRating"] = ["W"], ["99"]
    f.save()
    assert read(path)["tag_rating"] is None


@pytest.mark.parametrize(
    ("email", "byte", "stars"),
    [
        (ratings.WMP_EMAIL, 196, 4.0),
        (ratings.MEDIAMONKEY_EMAIL, 186, 3.5),
        (ratings.MUSICBEE_EMAIL, 242, 4.5),
        (ratings.WINAMP_EMAIL, 64, 2.0),
        (ratings.QUODLIBET_EMAIL, 153, 3.0),
        (ratings.BANSHEE_EMAIL, 0xC0, 4.0),
    ],
)
def test_popm_rating_and_play_count_in_mp3(tmp_path, make_audio, email, byte, stars):
    from mutagen.id3 import ID3, POPM

    path = make_audio(tmp_path / "x.mp3")
    synth.write_tags(path, {"title": "T"})
    tags = ID3(path)
    tags.add(POPM(email=email, rating=byte, count=17))
    tags.save(path)
    rec = read(path)
    assert (rec["tag_rating"], rec["tag_rating_source"], rec["tag_play_count"]) == (
        stars,
        f"POPM:{email}",
        17,
    )


def test_fmps_txxx_in_mp3(tmp_path, make_audio):
    from mutagen.id3 import ID3, TXXX

    path = make_audio(tmp_path / "x.mp3")
    synth.write_tags(path, {"title": "T"})
    tags = ID3(path)
    tags.add(TXXX(encoding=3, desc="FMPS_Rating", text=["0.7"]))
    tags.add(TXXX(encoding=3, desc="FMPS_PlayCount", text=["5.0"]))
    tags.save(path)
    rec = read(path)
    assert (rec["tag_rating"], rec["tag_rating_source"], rec["tag_play_count"]) == (
        3.5,
        "TXXX:FMPS_Rating",
        5,
    )


@pytest.mark.parametrize(
    ("key", "value", "stars"),
    [
        ("FMPS_RATING", "0.6", 3.0),
        ("RATING", "80", 4.0),
        ("RATING", "5", 5.0),
        ("RATING", "0.4", 2.0),
        ("RATING:quodlibet@lists.sacredchao.net", "0.75", 3.75),
        ("DISCOGS_RATING", "4.5", None),
    ],
)
def test_vorbis_ratings(tmp_path, make_audio, key, value, stars):
    path = make_audio(tmp_path / "x.flac")
    f = mutagen.File(path)
    f[key] = [value]
    f["FMPS_PLAYCOUNT"] = ["9"]
    f.save()
    rec = read(path)
    assert rec["tag_rating"] == stars and rec["tag_play_count"] == 9


def test_apev2_rating_as_musicbee_writes_it(tmp_path, make_audio):
    from mutagen.apev2 import APEv2

    path = make_audio(tmp_path / "x.wv")
    tags = APEv2()
    tags["Title"], tags["Artist"], tags["Rating"], tags["Genre"] = "Ape", "Monkey", "60", "A\x00B"
    tags.save(path)
    rec = read(path)
    assert (rec["title"], rec["tag_rating"], json.loads(rec["genres"])) == ("Ape", 3.0, ["A", "B"])


def test_mp4_rate_counts_and_content_advisory_does_not(tmp_path, make_audio):
    from mutagen.mp4 import MP4, MP4FreeForm

    path = make_audio(tmp_path / "x.m4a")
    f = MP4(path)
    f["©nam"], f["rtng"] = ["M"], [4]
    f.save()
    assert read(path)["tag_rating"] is None
    f = MP4(path)
    f["----:com.apple.iTunes:rate"] = [MP4FreeForm(b"100")]
    f.save()
    assert read(path)["tag_rating"] == 5.0


def test_missing_tags_fall_back_to_names_and_folders(tmp_path, make_audio):
    root = tmp_path / "lib"
    path = make_audio(root / "Nina Simone" / "Pastel Blues (1965)" / "03 - Be My Husband.ogg")
    rec = read(path, root)
    assert (rec["title"], rec["artist"], rec["album"], rec["year"], rec["track_no"]) == (
        "Be My Husband",
        "Nina Simone",
        "Pastel Blues",
        1965,
        3,
    )
    loose = make_audio(root / "loose.ogg")
    rec = read(loose, root)
    assert (rec["title"], rec["artist"], rec["album"]) == ("loose", None, None)


def test_embedded_cover_is_cached_small_and_shared(tmp_path, make_audio, profile):
    from companion.core.library.covers import cover_path

    init_worker(str(profile.covers_dir))
    try:
        cover = synth.cover_jpeg(3, size=900)
        keys = []
        for ext in (".mp3", ".flac", ".m4a", ".ogg"):
            path = make_audio(tmp_path / f"c{ext}")
            synth.write_tags(path, {"title": "C"}, cover=cover)
            rec = read(path)
            assert rec["has_cover"] == 1
            keys.append(rec["cover_key"])
        assert len(set(keys)) == 1
        cached = cover_path(profile, keys[0])
        assert cached is not None and cached.read_bytes()[:3] == b"\xff\xd8\xff"
        assert cached.stat().st_size < len(cover) or len(cover) <= 200 * 1024
    finally:
        init_worker(None)


def test_broken_and_empty_files_become_plain_reasons(tmp_path):
    bad = tmp_path / "bad.flac"
    bad.write_bytes(b"fLaC" + b"\x00" * 40)
    empty = tmp_path / "empty.mp3"
    empty.write_bytes(b"")
    text = tmp_path / "text.ogg"
    text.write_text("just words, not audio " * 20)
    for p in (bad, empty, text):
        rec = read(p)
        assert rec["ok"] is False and rec["error"] and "Traceback" not in rec["error"]
    assert read(empty)["error"] == "the file is empty (0 bytes)"


def test_registry_is_consistent():
    from companion.core.library.formats import MUSIC_EXTENSIONS, VIDEO_EXTENSIONS, kind_for_path
    from companion.core.library.formats.registry import _REGISTRY, _load_families, mutagen_class_for

    _load_families()
    assert {cls.name for cls in _REGISTRY} == {"id3", "vorbis", "mp4", "asf", "apev2"}
    for cls in _REGISTRY:
        assert cls.extensions <= MUSIC_EXTENSIONS | VIDEO_EXTENSIONS, cls.name
    from companion.core.library.formats.container import AV_AUDIO_EXTENSIONS

    for ext in MUSIC_EXTENSIONS:
        assert (mutagen_class_for(ext) is not None) != (ext in AV_AUDIO_EXTENSIONS), ext
        assert kind_for_path(f"/m/song{ext.upper()}") == "music"
    assert kind_for_path("/m/._song.mp3") == "ignored" and kind_for_path("/m/cover.jpg") == "ignored"
    assert kind_for_path("/m/song.xyz") is None and kind_for_path("/v/film.MKV") == "video"


@pytest.mark.parametrize(
    ("frames", "date", "year"),
    [
        ({"TYER": "1999", "TDAT": "1205", "TIME": "1345"}, "1999-05-12 13:45:00", 1999),
        ({"TYER": "1987", "TDAT": "0311"}, "1987-11-03", 1987),
        ({"TYER": "2001"}, "2001", 2001),
        ({"TORY": "1975"}, "1975", 1975),
    ],
)
def test_id3v23_dates_as_mutagen_would_translate_them(tmp_path, make_audio, frames, date, year):
    """MP3 tags are loaded as stored (mutagen's v2.4 upgrade skipped for speed); the v2.3 date frames are
    put together as the upgrade would (TYER + TDAT + TIME -> TDRC)."""
    from mutagen.id3 import ID3, TDAT, TIME, TIT2, TORY, TYER

    path = make_audio(tmp_path / "old.mp3")
    tags = ID3()
    tags.add(TIT2(encoding=1, text="Old"))
    kinds = {"TYER": TYER, "TDAT": TDAT, "TIME": TIME, "TORY": TORY}
    for key, value in frames.items():
        tags.add(kinds[key](encoding=1, text=value))
    tags.save(path, v2_version=3)
    assert ID3(path, translate=False).version == (2, 3, 0)
    want = ID3(path).get("TDRC") or ID3(path).get("TDOR")  # mutagen's own translation agrees
    assert str(want) == date
    rec = read(path)
    assert (rec["title"], rec["date"], rec["year"]) == ("Old", date, year)


def test_id3v22_frames_still_read(tmp_path, make_audio):
    """ID3v2.2 (three-letter frames, as old iTunes wrote them) upgrade on load whatever translate says."""
    from mutagen.id3 import ID3, TALB, TCON, TIT2, TPE1, TYER

    path = make_audio(tmp_path / "v22.mp3")
    tags = ID3()
    for frame in (
        TIT2(encoding=0, text="Twenty-two"),
        TPE1(encoding=0, text="Band"),
        TALB(encoding=0, text="Alb"),
        TCON(encoding=0, text="(8)"),
        TYER(encoding=0, text="1994"),
    ):
        tags.add(frame)
    tags.save(path, v2_version=3)
    raw = Path(path).read_bytes()
    v22 = _as_id3v22(raw)
    Path(path).write_bytes(v22)
    assert ID3(path).version[:2] == (2, 2) and str(ID3(path)["TDRC"]) == "1994"
    rec = read(path)
    assert (rec["title"], rec["artist"], rec["album"], rec["year"]) == ("Twenty-two", "Band", "Alb", 1994)
    assert json.loads(rec["genres"]) == ["Jazz"]


def _as_id3v22(raw: bytes) -> bytes:
    """An ID3v2.3 tag rewritten as ID3v2.2 (3-letter ids, 3-byte sizes); v2.3's TYER becomes TYE."""
    import struct

    size = int.from_bytes(bytes(b & 0x7F for b in raw[6:10]), "big")  # synchsafe
    body, rest = raw[10 : 10 + size], raw[10 + size :]
    names = {b"TIT2": b"TT2", b"TPE1": b"TP1", b"TALB": b"TAL", b"TCON": b"TCO", b"TYER": b"TYE"}
    out, i = b"", 0
    while i + 10 <= len(body) and body[i : i + 4].strip(b"\x00"):
        name, length = body[i : i + 4], struct.unpack(">L", body[i + 4 : i + 8])[0]
        data = body[i + 10 : i + 10 + length]
        if name in names:
            out += names[name] + length.to_bytes(3, "big") + data
        i += 10 + length
    out += b"\x00" * 16
    n = len(out)
    synchsafe = bytes(((n >> s) & 0x7F) for s in (21, 14, 7, 0))
    return b"ID3\x02\x00\x00" + synchsafe + out + rest
