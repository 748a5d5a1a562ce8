"""The scan over real files: incremental behaviour, moves, failures, odd file systems, cancel and kill; and
a scan of ../shared/data/media (real files from other projects' test suites, about one in six broken)."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time

import pytest

from companion.core.events.record import record_event
from companion.core.jobs.scan import run_scan, scan
from companion.core.library.formats import kind_for_path
from companion.core.library.pathcodec import to_db
from companion.core.library.progress import ScanProgress, ScanSummary
from companion.core.library.queries import get_item_by_path, list_failures, list_items
from companion.core.library.sniff import sniff
from companion.core.media import synth


def _library(root, make_audio, n=3):
    paths = []
    for i in range(n):
        p = make_audio(root / "Artist" / "Album (2010)" / f"{i + 1:02d} Track {i}.mp3")
        synth.write_tags(p, {"title": f"Track {i}", "artist": "Artist", "album": "Album"})
        paths.append(p)
    return paths


def _status(db, path):
    return db.execute("SELECT status FROM items WHERE path = ?", (to_db(str(path)),)).fetchone()[0]


def test_incremental_scan(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "music"
    a, b, c = _library(root, make_audio)
    first = scan_conn([root])
    assert (first.added, first.updated, first.unchanged, first.removed, first.failed) == (3, 0, 0, 0, [])
    again = scan_conn()
    assert (again.added, again.updated, again.unchanged) == (0, 0, 3)

    synth.write_tags(a, {"title": "Renamed song"})
    os.utime(a, ns=(time.time_ns(), time.time_ns() + 5_000_000_000))
    item_b = get_item_by_path(db, str(b))
    record_event(db, item_b["id"], "completed")
    b.unlink()
    d = make_audio(root / "Other" / "New.flac")
    third = scan_conn()
    assert (third.added, third.updated, third.unchanged, third.removed) == (1, 1, 1, 1)
    assert get_item_by_path(db, str(a))["title"] == "Renamed song"
    assert _status(db, b) == "missing"
    assert db.execute("SELECT COUNT(*) FROM events WHERE item_id = ?", (item_b["id"],)).fetchone()[0] == 1
    assert get_item_by_path(db, str(d))["kind"] == "music"
    assert {i["path"] for i in list_items(db, "music")} == {str(a), str(c), str(d)}


def test_moved_file_is_reattached_with_its_history(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "music"
    a, _, _ = _library(root, make_audio)
    scan_conn([root])
    old = get_item_by_path(db, str(a))
    record_event(db, old["id"], "play")
    moved = root / "Elsewhere" / "renamed.mp3"
    moved.parent.mkdir()
    a.rename(moved)
    s = scan_conn()
    assert (s.reattached, s.added, s.removed) == (1, 0, 0)
    now = get_item_by_path(db, str(moved))
    assert now["id"] == old["id"] and now["status"] == "ok"
    assert get_item_by_path(db, str(a)) is None
    # and after it was first seen missing, it still re-attaches later
    moved.rename(tmp_path / "away.mp3")
    assert scan_conn().removed == 1
    assert _status(db, moved) == "missing"
    (tmp_path / "away.mp3").rename(root / "back.mp3")
    s = scan_conn()
    assert s.reattached == 1 and get_item_by_path(db, str(root / "back.mp3"))["id"] == old["id"]


def test_an_item_fingerprinted_the_older_way_is_still_reattached(tmp_path, db, make_audio, scan_conn):
    from companion.core.library.fingerprint import fingerprint, is_legacy, legacy

    root = tmp_path / "music"
    a, _, _ = _library(root, make_audio)
    scan_conn([root])
    old = get_item_by_path(db, str(a))
    assert old["fingerprint"] == fingerprint(str(a)) and not is_legacy(old["fingerprint"])
    # as an earlier version stored it (Adler-32, no mark)
    db.execute("UPDATE items SET fingerprint = ? WHERE id = ?", (legacy(str(a)), old["id"]))
    db.commit()
    assert is_legacy(legacy(str(a))) and legacy(str(a)) != fingerprint(str(a))
    moved = root / "Elsewhere" / "renamed.mp3"
    moved.parent.mkdir()
    a.rename(moved)
    s = scan_conn()
    assert (s.reattached, s.added, s.removed) == (1, 0, 0)
    now = get_item_by_path(db, str(moved))
    assert now["id"] == old["id"] and now["fingerprint"] == fingerprint(str(moved))  # and now the new kind


def test_a_copy_is_a_new_item_not_a_move(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "music"
    a, _, _ = _library(root, make_audio)
    scan_conn([root])
    copy = root / "copy.mp3"
    copy.write_bytes(a.read_bytes())
    s = scan_conn()
    assert (s.added, s.reattached) == (1, 0)


def test_unchanged_missing_file_comes_back(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "music"
    a, _, _ = _library(root, make_audio)
    scan_conn([root])
    hidden = tmp_path / "hidden.mp3"
    os.rename(a, hidden)
    scan_conn()
    os.rename(hidden, a)
    s = scan_conn()
    assert s.unchanged == 3 and _status(db, a) == "ok"


def test_failures_are_recorded_and_forgotten_when_fixed(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "music"
    _library(root, make_audio, 1)
    (root / "zero.mp3").write_bytes(b"")
    (root / "junk.flac").write_bytes(b"not flac at all" * 10)
    (root / "strange.xyz").write_bytes(b"?")  # not media by name or by its bytes: ignored (issue 16)
    (root / "strange.bin").write_bytes(b"ID3\x04\x00")  # an odd name, but it starts like an MP3
    (root / "cover.jpg").write_bytes(synth.cover_jpeg(1))
    (root / "notes.txt").write_text("liner notes")
    s = scan_conn([root])
    reasons = {os.path.basename(f["path"]): f["error"] for f in s.failed}
    assert set(reasons) == {"zero.mp3", "junk.flac", "strange.bin"}
    assert reasons["zero.mp3"] == "the file is empty (0 bytes)"
    assert s.ignored == 3
    assert {os.path.basename(f["path"]) for f in list_failures(db)} == set(reasons)
    # unchanged broken files are not parsed again, but still reported
    again = scan_conn()
    assert {os.path.basename(f["path"]) for f in again.failed} == set(reasons)
    make_audio(root / "junk.flac")
    (root / "zero.mp3").unlink()
    fixed = scan_conn()
    assert {os.path.basename(f["path"]) for f in fixed.failed} == {"strange.bin"}
    assert {os.path.basename(f["path"]) for f in list_failures(db)} == {"strange.bin"}


def test_odd_file_systems_do_not_stop_a_scan(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "music"
    _library(root, make_audio, 2)
    (root / "Artist" / "loop").symlink_to(root, target_is_directory=True)  # a symbolic-link loop
    (root / "dangling.mp3").symlink_to(tmp_path / "nowhere.mp3")  # a link to nothing
    os.mkfifo(root / "pipe.mp3")  # reading it would block
    odd = os.fsencode(str(root)) + b"/caf\xe9 \xff.mp3"  # not UTF-8
    make_audio(tmp_path / "t.mp3")
    with open(odd, "wb") as f:
        f.write((tmp_path / "t.mp3").read_bytes())
    s = scan_conn([root])
    assert s.added == 3
    paths = {os.fsencode(i["path"]) for i in list_items(db)}
    assert odd in paths
    assert [f["error"] for f in s.failed] == ["a link to a file that does not exist"]
    assert scan_conn().unchanged == 3


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root reads every folder")
def test_unreadable_folder_is_a_failure(tmp_path, make_audio, scan_conn):
    root = tmp_path / "music"
    _library(root, make_audio, 1)
    locked = root / "locked"
    make_audio(locked / "x.mp3")
    locked.chmod(0)
    try:
        s = scan_conn([root])
    finally:
        locked.chmod(0o755)
    assert s.added == 1 and any("permission denied" in f["error"] for f in s.failed)


def test_unreadable_folder_as_another_user(make_audio):
    """Root reads every folder, so walk as 'nobody' in a forked child (same interpreter, no exec)."""
    if os.name != "posix" or os.geteuid() != 0:
        pytest.skip("covered by test_unreadable_folder_is_a_failure")
    import json
    import pwd
    import shutil
    import tempfile
    from pathlib import Path

    from companion.core.library.walk import walk

    nobody = pwd.getpwnam("nobody")
    base = Path(tempfile.mkdtemp(prefix="companion-perm-"))
    try:
        base.chmod(0o755)
        root = base / "music"
        make_audio(root / "ok.mp3")
        make_audio(root / "locked" / "x.mp3")
        for p in (root, root / "ok.mp3"):
            p.chmod(0o755)
        (root / "locked").chmod(0o700)  # owned by root: 'nobody' may not open it
        read_end, write_end = os.pipe()
        pid = os.fork()
        if pid == 0:  # the child: drop to 'nobody', walk, report, leave without cleanup
            try:
                os.close(read_end)
                os.setgid(nobody.pw_gid)
                os.setuid(nobody.pw_uid)
                failed = {}
                found = [f.path for _, files in walk(str(root), set(), failed.__setitem__) for f in files]
                os.write(write_end, json.dumps({"found": found, "failed": failed}).encode())
            finally:
                os._exit(0)
        os.close(write_end)
        with os.fdopen(read_end) as r:
            out = json.loads(r.read() or "{}")
        os.waitpid(pid, 0)
        assert out["found"] == [str(root / "ok.mp3")]
        assert out["failed"] == {str(root / "locked"): "cannot open this folder: permission denied"}
    finally:
        shutil.rmtree(base, ignore_errors=True)


def test_ten_thousand_files_in_one_folder(tmp_path, db, make_audio, scan_conn):
    big = tmp_path / "big"
    src = make_audio(tmp_path / "src.mp3")
    big.mkdir()
    for i in range(10_000):
        os.link(src, big / f"{i:05d}.mp3")
    started = time.monotonic()
    s = scan_conn([big])
    assert s.added == 10_000 and not s.failed
    assert db.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 10_000
    t = time.monotonic()
    assert scan_conn().unchanged == 10_000
    print(f"10,000 files: full {t - started:.1f} s, unchanged {time.monotonic() - t:.2f} s")


def test_file_vanishing_mid_scan_is_not_a_failure(tmp_path, db, profile, make_audio):
    root = tmp_path / "music"
    _, b, _ = _library(root, make_audio)
    steps = scan(db, profile, [str(root)])
    for step in steps:
        if isinstance(step, ScanProgress) and step.phase == "reading":
            b.unlink()  # gone after the walk saw it, before it was read
            break
    summary = [s for s in steps if isinstance(s, ScanSummary)][0]
    assert (summary.added, summary.failed) == (2, [])
    assert get_item_by_path(db, str(b)) is None


def test_cancel_leaves_a_consistent_library_the_next_scan_completes(
    tmp_path, db, profile, make_audio, monkeypatch
):
    import companion.core.library.scan as scan_mod

    monkeypatch.setattr(scan_mod, "BATCH", 5)
    monkeypatch.setattr(scan_mod, "PROGRESS_EVERY_S", 0.0)
    root = tmp_path / "music"
    _library(root, make_audio, 30)
    stop = threading.Event()
    summary = None
    for step in scan(db, profile, [str(root)], cancel=stop, workers=1):
        if isinstance(step, ScanProgress) and step.phase == "reading" and step.done >= 12:
            stop.set()
        if isinstance(step, ScanSummary):
            summary = step
    assert summary is not None and summary.cancelled and 10 <= summary.added < 30
    stored = db.execute("SELECT COUNT(*) FROM items").fetchone()[0]
    assert 10 <= stored < 30
    assert db.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    done = run_scan(db, profile)
    assert done.added == 30 - stored and done.unchanged == stored and not done.cancelled


def test_killed_scan_leaves_whole_batches_and_the_next_scan_completes(tmp_path, profile, make_audio):
    root = tmp_path / "music"
    _library(root, make_audio, 40)
    code = (
        "import os, sys; import companion.core.library.scan as s; s.BATCH = 7; "
        "from companion.core.paths import resolve_profile; from companion.core.db import open_profile_db; "
        "p = resolve_profile(sys.argv[1]).ensure(); c = open_profile_db(p); n = [0]\n"
        "def cancel():\n    n[0] += 1\n    if n[0] > 25: os._exit(9)\n    return False\n"
        "from companion.core.jobs.scan import run_scan; run_scan(c, p, [sys.argv[2]], cancel=cancel, workers=1)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(profile.data_dir), str(root)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 9, result.stderr
    from companion.core.db import open_profile_db

    conn = open_profile_db(profile)
    try:
        stored = conn.execute("SELECT COUNT(*) FROM items").fetchone()[0]
        assert stored % 7 == 0 and 0 < stored < 40
        assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        s = run_scan(conn, profile)
        assert (s.added, s.unchanged) == (40 - stored, stored)
    finally:
        conn.close()


def test_pool_of_workers_reads_the_same_as_one_process(tmp_path, db, profile, make_audio, make_video):
    root = tmp_path / "music"
    _library(root, make_audio, 60)
    make_video(root / "Film (2004).mkv")
    s = run_scan(db, profile, [str(root)], workers=2)
    assert s.added == 61 and not s.failed
    film = get_item_by_path(db, str(root / "Film (2004).mkv"))
    assert (film["kind"], film["video_type"], film["year"]) == ("video", "movie", 2004)
    assert all(i["artist"] == "Artist" for i in list_items(db, "music"))


def test_a_path_added_meanwhile_by_another_scan_is_updated_not_lost(db):
    from companion.core.db.scans import ScannedFile
    from companion.core.library.columns import TAG_COLUMNS
    from companion.core.library.writer import ReadFailure, write_batch

    def values(title):
        return tuple(
            {"kind": "music", "title": title}.get(c, 0 if c == "has_cover" else None) for c in TAG_COLUMNS
        )

    write_batch(db, [ScannedFile("/m/a.mp3", values("first"), None)])
    write_batch(
        db,
        [ScannedFile("/m/b.mp3", values("b"), None), ScannedFile("/m/a.mp3", values("second"), None)],
        [ReadFailure("/m/bad.mp3", "broken", 1, 2)],
    )
    assert dict(db.execute("SELECT path, title FROM items").fetchall()) == {
        "/m/a.mp3": "second",
        "/m/b.mp3": "b",
    }
    assert db.execute("SELECT COUNT(*) FROM scan_failures").fetchone()[0] == 1 and not db.in_transaction


def test_progress_says_files_done_of_total_and_the_folder(tmp_path, db, profile, make_audio, monkeypatch):
    import companion.core.library.scan as scan_mod

    monkeypatch.setattr(scan_mod, "PROGRESS_EVERY_S", 0.0)
    root = tmp_path / "music"
    _library(root, make_audio, 5)
    steps = list(scan(db, profile, [str(root)]))
    walking = [s for s in steps if isinstance(s, ScanProgress) and s.phase == "walking"]
    reading = [s for s in steps if isinstance(s, ScanProgress) and s.phase == "reading"]
    assert walking and all(s.total is None for s in walking)
    assert any(s.folder.endswith("Album (2010)") for s in walking + reading)
    assert [s.done for s in reading] == sorted(s.done for s in reading) and reading[-1].done == 5
    assert all(s.total == 5 for s in reading)
    assert isinstance(steps[-1], ScanSummary) and steps[-1].added == 5


def test_a_known_file_that_breaks_keeps_its_item_and_history(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "music"
    a, _, _ = _library(root, make_audio)
    scan_conn([root])
    item = get_item_by_path(db, str(a))
    record_event(db, item["id"], "play")
    a.write_bytes(b"\x00" * 500)  # overwritten with garbage
    s = scan_conn()
    assert [os.path.basename(f["path"]) for f in s.failed] == [a.name]
    broken = get_item_by_path(db, str(a))
    assert broken["id"] == item["id"] and broken["status"] == "unplayable" and broken["status_reason"]
    assert str(a) not in {i["path"] for i in list_items(db)}
    again = scan_conn()  # unchanged since: not read again
    assert again.unchanged == 3 and get_item_by_path(db, str(a))["status"] == "unplayable"
    make_audio(a)
    os.utime(a, ns=(time.time_ns(), time.time_ns() + 7_000_000_000))
    scan_conn()
    assert get_item_by_path(db, str(a))["status"] == "ok"


def test_new_files_get_size_and_time_from_the_reader_not_the_walk(tmp_path, db, make_audio, scan_conn):
    """The walk stats only files the library knows; a new file's size and mtime come from the open file,
    and a new broken file still has them recorded, so an unchanged broken file is not read again."""
    from companion.core.library.walk import walk

    root = tmp_path / "music"
    _library(root, make_audio, 2)
    (root / "junk.flac").write_bytes(b"not flac at all" * 10)
    found = [f for _, files in walk(str(root), set(), lambda p, r: None, lambda p: False) for f in files]
    assert found and all(f.size is None and f.mtime_ns is None for f in found)
    scan_conn([root])
    for path, size, mtime_ns in db.execute("SELECT path, size, mtime_ns FROM items"):
        info = os.stat(path)
        assert (size, mtime_ns) == (info.st_size, info.st_mtime_ns)
    junk = root / "junk.flac"
    assert tuple(
        db.execute("SELECT size, mtime_ns FROM scan_failures WHERE path = ?", (str(junk),)).fetchone()
    ) == (junk.stat().st_size, junk.stat().st_mtime_ns)
    from companion.core.library import reader

    seen: list[str] = []
    real = reader.read_one
    reader.read_one = lambda task: seen.append(task[0]) or real(task)
    try:
        again = scan_conn()
        junk.write_bytes(b"still not flac" * 20)  # changed: read again (and the spy sees it)
        scan_conn()
    finally:
        reader.read_one = real
    assert again.unchanged == 2 and [os.path.basename(f["path"]) for f in again.failed] == ["junk.flac"]
    assert seen == [str(junk)]


def test_a_scan_offers_only_playlists_not_imported_yet(db, profile, tmp_path):
    from companion.core.media.synth import tone, write_audio
    from companion.core.playlists.imports import import_playlist

    music = tmp_path / "music"
    write_audio(music / "a.flac", tone(0.5))
    (music / "old.m3u").write_text("a.flac\n", encoding="utf-8")
    (music / "new.m3u").write_text("a.flac\n", encoding="utf-8")
    first = run_scan(db, profile, [str(music)])
    assert sorted(p.rsplit("/", 1)[1] for p in first.playlists) == ["new.m3u", "old.m3u"]
    import_playlist(db, str(music / "old.m3u"))
    again = run_scan(db, profile)
    assert [p.rsplit("/", 1)[1] for p in again.playlists] == ["new.m3u"]
    assert again.ignored == 2


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
