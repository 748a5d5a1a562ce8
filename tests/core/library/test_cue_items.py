"""A FLAC and its CUE sheet (beside it, or inside it) scan as one item per track (issue 16)."""

from __future__ import annotations

import json
import shutil

import pytest

from companion.core.jobs.scan import run_scan
from companion.core.library import cue_items
from companion.core.media.synth import music_like, write_audio, write_tags

SHEET = """PERFORMER "Café Trio"
TITLE "Live at Café"
REM DATE 1977
FILE "album.wav" WAVE
  TRACK 01 AUDIO
    TITLE "Opening"
    INDEX 01 00:00:00
  TRACK 02 AUDIO
    TITLE "Middle"
    PERFORMER "Guest"
    INDEX 01 00:03:00
  TRACK 03 AUDIO
    TITLE "Close"
    INDEX 01 00:06:37
"""


@pytest.fixture(scope="module")
def flac_template(tmp_path_factory):
    path = tmp_path_factory.mktemp("cue") / "album.flac"
    write_audio(path, music_like(9.0))
    write_tags(path, {"artist": "Tag Artist", "album": "Tag Album"})
    return path


def album(folder, template, sheet: str | None = SHEET, encoding: str = "utf-8"):
    folder.mkdir(parents=True, exist_ok=True)
    shutil.copy(template, folder / "album.flac")
    if sheet is not None:
        (folder / "album.cue").write_bytes(sheet.encode(encoding))
    return folder


def items(db):
    return [dict(r) for r in db.execute("SELECT * FROM items WHERE status = 'ok' ORDER BY path")]


def test_a_flac_and_its_cue_sheet_are_one_item_per_track(db, profile, tmp_path, flac_template):
    music = album(tmp_path / "music", flac_template, encoding="cp1252")
    summary = run_scan(db, profile, [str(music)])
    assert (summary.added, summary.failed) == (3, [])
    got = items(db)
    assert [(i["title"], i["artist"], i["album"], i["track_no"]) for i in got] == [
        ("Opening", "Café Trio", "Live at Café", 1),
        ("Middle", "Guest", "Live at Café", 2),
        ("Close", "Café Trio", "Live at Café", 3),
    ]
    assert [i["cue_start"] for i in got] == pytest.approx([0.0, 3.0, 6 + 37 / 75], abs=1e-3)
    assert [i["duration"] for i in got] == pytest.approx([3.0, 3 + 37 / 75, 9 - 6 - 37 / 75], abs=0.05)
    assert {i["cue_path"] for i in got} == {str(music / "album.cue")}
    assert [i["path"] for i in got] == [f"{music / 'album.flac'}#track0{n}" for n in (1, 2, 3)]
    assert all(i["year"] == 1977 and i["album_artist"] == "Café Trio" for i in got)
    again = run_scan(db, profile)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)  # neither file nor sheet changed
    (music / "album.cue").write_text(SHEET.replace('"Middle"', '"Center"'), encoding="utf-8")
    edited = run_scan(db, profile)
    assert (edited.added, edited.updated) == (0, 3)
    assert [i["title"] for i in items(db)] == ["Opening", "Center", "Close"]
    assert [i["id"] for i in items(db)] == [i["id"] for i in got]  # the same tracks, retitled


def test_library_json_carries_cue_start_and_duration(run_cli, db, profile, tmp_path, flac_template):
    music = album(tmp_path / "music", flac_template)
    run_scan(db, profile, [str(music)])
    code, out, _err = run_cli("library", "--json")
    assert code == 0
    rows = json.loads(out)
    assert [(r["title"], r["cue"], r["start"]) for r in rows] == [
        ("Opening", str(music / "album.cue"), 0.0),
        ("Middle", str(music / "album.cue"), 3.0),
        ("Close", str(music / "album.cue"), pytest.approx(6 + 37 / 75, abs=1e-3)),
    ]
    assert rows[0]["duration"] == pytest.approx(3.0)


def test_a_sheet_inside_the_flac_as_a_vorbis_comment(db, profile, tmp_path, flac_template):
    from mutagen.flac import FLAC

    music = album(tmp_path / "music", flac_template, sheet=None)
    f = FLAC(music / "album.flac")
    f["CUESHEET"] = SHEET
    f.save()
    run_scan(db, profile, [str(music)])
    got = items(db)
    assert [i["title"] for i in got] == ["Opening", "Middle", "Close"]
    assert {i["cue_path"] for i in got} == {str(music / "album.flac")}
    again = run_scan(db, profile)
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)  # unchanged: not read again


def test_a_sheet_inside_the_flac_as_its_cuesheet_block(db, profile, tmp_path, flac_template):
    from mutagen.flac import FLAC, CueSheet, CueSheetTrack, CueSheetTrackIndex

    music = album(tmp_path / "music", flac_template, sheet=None)
    f = FLAC(music / "album.flac")
    rate = f.info.sample_rate

    def track(number: int, offset: int) -> CueSheetTrack:
        t = CueSheetTrack(number, offset)
        t.indexes = [CueSheetTrackIndex(1, 0)] if number < 100 else []
        return t

    block = CueSheet(None)
    block.media_catalog_number, block.lead_in_samples, block.compact_disc = b"", 88200, True
    block.tracks = [track(1, 0), track(2, 4 * rate), track(170, f.info.total_samples)]
    f.metadata_blocks.append(block)
    f.save()
    run_scan(db, profile, [str(music)])
    got = items(db)
    assert [(i["title"], i["track_no"], i["album"]) for i in got] == [
        ("Track 1", 1, "Tag Album"),
        ("Track 2", 2, "Tag Album"),
    ]
    assert [i["cue_start"] for i in got] == pytest.approx([0.0, 4.0])


@pytest.mark.parametrize(
    ("sheet", "reason"),
    [
        (SHEET.replace("00:06:37", "00:02:00"), "track 3 starts before track 2 ends"),
        (SHEET.replace("00:06:37", "00:59:00"), "go past the end of the audio file"),
        (SHEET.replace("00:06:37", "00:06:99"), "is not minutes:seconds:frames"),
        (SHEET.replace('"album.wav"', '"Disc 1.wav"'), "names Disc 1.wav, which is not in the folder"),
    ],
)
def test_a_broken_sheet_leaves_the_whole_file_with_a_reason(
    db, profile, tmp_path, flac_template, sheet, reason
):
    music = album(tmp_path / "music", flac_template, sheet=sheet)
    summary = run_scan(db, profile, [str(music)])
    assert summary.failed == []
    (whole,) = items(db)
    assert whole["path"] == str(music / "album.flac") and whole["cue_path"] is None
    assert whole["cue_problem"].startswith("its CUE sheet (album.cue)")
    assert reason in whole["cue_problem"]


def test_a_sheet_added_later_replaces_the_whole_file_and_removing_it_brings_it_back(
    db, profile, tmp_path, flac_template
):
    music = album(tmp_path / "music", flac_template, sheet=None)
    run_scan(db, profile, [str(music)])
    (whole,) = items(db)
    (music / "album.cue").write_text(SHEET, encoding="utf-8")
    run_scan(db, profile)
    assert [i["title"] for i in items(db)] == ["Opening", "Middle", "Close"]
    status = dict(db.execute("SELECT id, status FROM items WHERE id = ?", (whole["id"],)).fetchall())
    assert status == {whole["id"]: "missing"}  # its history is kept
    (music / "album.cue").unlink()
    run_scan(db, profile)
    (back,) = items(db)
    assert back["path"] == str(music / "album.flac") and back["id"] == whole["id"]


def test_each_track_is_analysed_from_its_own_span(db, profile, tmp_path):
    import numpy as np

    from companion.core.analysis.table import pending_jobs
    from companion.core.jobs.analysis import analyze_pending
    from companion.core.media.synth import tone

    music = tmp_path / "music"
    quiet, loud = tone(4.0, level_db=-30.0), tone(4.0, freq=660.0, level_db=-3.0)
    write_audio(music / "album.flac", np.concatenate([quiet, loud]))
    (music / "album.cue").write_text(
        'FILE "album.flac" WAVE\n TRACK 01 AUDIO\n  INDEX 01 00:00:00\n TRACK 02 AUDIO\n  INDEX 01 00:04:00\n',
        encoding="utf-8",
    )
    run_scan(db, profile, [str(music)])
    jobs = sorted(pending_jobs(db, 10**6), key=lambda j: j.item_id)
    assert [(j.path, j.span) for j in jobs] == [
        (str(music / "album.flac"), (0.0, 4.0)),
        (str(music / "album.flac"), (4.0, None)),
    ]
    for _ in analyze_pending(profile, workers=1):
        pass
    first, second = (
        r[0] for r in db.execute("SELECT f.loudness FROM audio_features f ORDER BY f.item_id").fetchall()
    )
    assert second - first > 20  # -30 dB and -3 dB tones: each track measured on its own part


# --- cue_records and embedded_sheet on their own: a reader's record in, one record per track out


def test_a_record_becomes_one_record_per_track_of_the_sheet_beside_it(tmp_path):
    wav, cue = tmp_path / "album.wav", tmp_path / "album.cue"
    wav.write_bytes(b"")
    cue.write_text(SHEET, encoding="utf-8")
    rec = {
        "duration": 9.0,
        "artist": "Tag Artist",
        "fingerprint": "fp",
        "mb_track_id": "x",
        "tag_play_count": 3,
    }
    out = cue_items.cue_records(str(wav), rec, (str(cue),))
    assert [key.rsplit("#", 1)[1] for key, _ in out] == ["track01", "track02", "track03"]
    (_, first), (_, second), (_, last) = out
    assert (first["title"], first["artist"], first["album"], first["track_total"]) == (
        "Opening", "Café Trio", "Live at Café", 3,
    )  # fmt: skip
    assert (second["artist"], second["cue_start"], second["duration"]) == (
        "Guest",
        3.0,
        round(3 + 37 / 75, 4),
    )
    assert last["cue_start"] == round(6 + 37 / 75, 4) and last["duration"] == round(
        9.0 - last["cue_start"], 4
    )
    assert (first["fingerprint"], first["mb_track_id"], first["tag_play_count"], first["year"]) == (
        "fp#01",
        None,
        None,
        1977,
    )
    assert rec["artist"] == "Tag Artist", "the file's own record is left as it was"


def test_a_sheet_of_the_same_name_for_another_file_says_so(tmp_path):
    flac, cue = tmp_path / "album.flac", tmp_path / "album.cue"
    flac.write_bytes(b"")
    cue.write_text(SHEET.replace("album.wav", "other.wav"), encoding="utf-8")  # not there
    rec: dict = {"duration": 9.0}
    assert cue_items.cue_records(str(flac), rec, (str(cue),)) is None
    assert rec["cue_problem"] == "its CUE sheet (album.cue) names other.wav, which is not in the folder"
    assert cue_items.cue_records(str(flac), {"duration": 9.0}, ()) is None  # no sheet: the file is one item


def test_a_sheet_inside_a_file_is_read_from_its_comment():
    class Audio:
        def __init__(self, text: str) -> None:
            self.tags = {"cuesheet": [text]}

    sheet = cue_items.embedded_sheet(Audio(SHEET))
    assert [t.title for t in sheet.tracks] == ["Opening", "Middle", "Close"]
    assert isinstance(cue_items.embedded_sheet(Audio("TRACK nonsense")), str)
    assert cue_items.embedded_sheet(object()) is None
