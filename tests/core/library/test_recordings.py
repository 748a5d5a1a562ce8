"""One recording, many files: the keys, the grouping rules, and the pass after a scan on real files."""

from __future__ import annotations

from companion.core.library.queries import get_item_by_path
from companion.core.library.recordings import (
    File,
    artist_key,
    fold,
    group,
    is_lossless,
    quality_key,
    recording_key,
    title_key,
    update_recordings,
)


def test_fold_drops_accents_case_and_punctuation():
    assert fold("Café Noir!") == fold("cafe noir") == "cafe noir"
    assert fold("Simon & Garfunkel") == "simon and garfunkel"


def test_artist_key_folds_feat_the_and_co_credits():
    assert artist_key("The Cure feat. Robert") == artist_key("the cure") == "the cure"
    assert artist_key("Cure, The") == "the cure"
    assert artist_key("piman / jzig") == artist_key("piman") == "piman"
    assert artist_key("Mira Solène") == artist_key("Mira Solene")


def test_title_key_keeps_version_words_apart_and_drops_the_rest():
    assert title_key("Low Tide (Live at the Pier)") == ("low tide", ("live",))
    assert title_key("Low Tide - 2011 Remaster") == ("low tide", ())
    assert title_key("GLASSHOUSE [2019 Remaster]") == ("glasshouse", ())
    assert title_key("Night Shift (feat. Mira Solène)") == ("night shift", ())
    assert title_key("Song (Acoustic Version) [Radio Edit]") == ("song", ("acoustic", "edit"))
    assert title_key("(Untitled)")[0] == "untitled"  # only brackets: the whole title


def test_recording_key_needs_a_title_and_keeps_untagged_files_to_their_folder():
    assert recording_key("A", None) is None
    same = recording_key(None, "Track 1", "/music/x/01.mp3") == recording_key(
        None, "Track 1", "/music/x/01.flac"
    )
    other = recording_key(None, "Track 1", "/music/x/01.mp3") != recording_key(
        None, "Track 1", "/music/y/01.mp3"
    )
    assert same and other


def test_group_by_mbid_text_and_length():
    k = recording_key("A", "Song")
    files = [
        File(1, k, None, 200.0),
        File(2, k, None, 202.5),  # within 3 s: the same recording
        File(3, k, None, 260.0),  # a minute longer: another recording with the same title
        File(4, recording_key("A", "Song (Live)"), None, 201.0),  # a version
        File(5, recording_key("B", "Other"), "mb-1", 100.0),
        File(6, recording_key("B", "Other (re-tagged)"), "MB-1", 300.0),  # same MusicBrainz id wins
        File(7, k, None, None),  # unknown length: joins the first cluster of its key
    ]
    out = group(files)
    assert out[1] == out[2] == out[7] == 1
    assert out[3] == 3 and out[4] == 4
    assert out[5] == out[6] == 5


def test_two_musicbrainz_recordings_are_never_joined_through_an_untagged_file():
    k = recording_key("A", "Song")
    out = group([File(1, k, "mb-a", 200.0), File(2, k, None, 200.5), File(3, k, "mb-b", 201.0)])
    assert out[1] != out[3]
    assert out[2] in (out[1], out[3])


def test_quality_key_prefers_playable_plausible_lossless_then_bitrate_then_art():
    files = {
        "damaged.flac": quality_key("a.flac", 900_000, 1, ok=True, plausible=False),
        "ok.flac": quality_key("a.flac", 800_000, 0, ok=True, plausible=True),
        "320.mp3": quality_key("a.mp3", 320_000, 1, ok=True, plausible=True),
        "128.mp3": quality_key("a.mp3", 128_000, 1, ok=True, plausible=True),
        "128-noart.mp3": quality_key("a.mp3", 128_000, 0, ok=True, plausible=True),
        "missing.wav": quality_key("a.wav", 1_411_000, 1, ok=False, plausible=True),
    }
    order = sorted(files, key=files.get)
    assert order == ["ok.flac", "320.mp3", "128.mp3", "128-noart.mp3", "damaged.flac", "missing.wav"]
    assert is_lossless("x.m4a", 900_000) and not is_lossless("x.m4a", 256_000)


def _recording_of(db, path) -> int:
    return int(get_item_by_path(db, str(path))["recording_id"])


def test_the_pass_after_a_scan_groups_the_messy_library_as_it_says(messy_db, messy_library):
    for name, paths in messy_library.recordings.items():
        assert len({_recording_of(messy_db, p) for p in paths}) == 1, name
    distinct = {_recording_of(messy_db, paths[0]) for paths in messy_library.recordings.values()}
    assert len(distinct) == len(messy_library.recordings)  # versions and same-title songs stay apart
    for a, b in messy_library.versions + messy_library.same_title:
        assert _recording_of(messy_db, a) != _recording_of(messy_db, b)


def test_the_pass_reads_only_what_changed_and_follows_a_retag(db, profile, messy_library, tmp_path):
    import shutil

    from companion.core.jobs.scan import run_scan
    from companion.core.media.synth import write_tags

    root = tmp_path / "copy"
    shutil.copytree(messy_library.root, root)
    run_scan(db, profile, [str(root)])
    assert update_recordings(db) == 0  # nothing changed since the scan's own pass
    song = [
        root / p.relative_to(messy_library.root)
        for p in messy_library.recordings["Blue Hour Quartet - Slow Rain"]
    ]
    mp3, flac = next(p for p in song if p.suffix == ".mp3"), song[0]
    write_tags(mp3, {"title": "Slow Rain (Live)"})  # someone re-tags the copy as a live version
    run_scan(db, profile, [str(root)])
    assert _recording_of(db, mp3) != _recording_of(db, flac)
    write_tags(mp3, {"title": "Slow Rain"})
    run_scan(db, profile, [str(root)])
    assert _recording_of(db, mp3) == _recording_of(db, flac)


def test_every_file_of_a_recording_is_found_from_any_of_them(messy_db, messy_library):
    from companion.core.db.recordings import recording_files

    def ids(name):
        return frozenset(
            int(get_item_by_path(messy_db, str(p))["id"]) for p in messy_library.recordings[name]
        )

    lantern, canopy = ids("Mira Solène - Lantern"), ids("Neon Ferns - Canopy")
    found = recording_files(messy_db, [max(lantern), min(canopy)])
    assert found == {max(lantern): lantern, min(canopy): canopy} and len(lantern) == 2


def test_a_cue_track_is_as_lossless_as_its_file():
    from companion.core.library.recordings import is_lossless

    assert is_lossless("/m/album.flac#track02", None)
    assert not is_lossless("/m/album.mp3#track02", 320_000)
