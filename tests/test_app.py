"""The window as a person runs it from a terminal: a real ``companion`` process, real signals, real files.

Ctrl+C (SIGINT, to the whole process group as a terminal sends it) and SIGTERM close the window as
Ctrl+Q does: the play under way is written as an event, the helpers end, the exit status is 0. And the
terminal shows Companion's own lines only: Qt, Qt Multimedia, FFmpeg and the helpers write to the log.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

import tests.conftest as guard
from companion.core.db import open_profile_db
from companion.core.demo import ensure_demo
from companion.core.logfile import PREFIX, log_path
from companion.core.media import synth
from companion.core.media.synth import music_like, write_audio, write_video

ROOT = Path(__file__).resolve().parents[1]
UP = "the first screen is painted"  # logged once the window's first screen is on screen

pytestmark = pytest.mark.slow


def _cli(profile, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(profile.data_dir), *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
        env=_env(),
    )
    return out.stdout


def _env() -> dict[str, str]:
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen", PYTHONPATH=str(ROOT))
    env.pop("COMPANION_DATA_DIR", None)
    return env


def _child(code: str, profile) -> subprocess.CompletedProcess:
    """``code`` in a fresh Python process, given the profile's data folder."""
    return subprocess.run(
        [sys.executable, "-c", code, str(profile.data_dir)],
        capture_output=True,
        text=True,
        timeout=180,
        env=_env(),
    )


def _open_window(profile, *args: str) -> subprocess.Popen:
    """``companion`` with its window, in a process group of its own (a terminal's foreground job)."""
    return subprocess.Popen(
        [sys.executable, "-m", "companion", "--data-dir", str(profile.data_dir), *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        stdin=subprocess.DEVNULL,
        text=True,
        env=_env(),
        start_new_session=True,
    )


def _wait(condition, timeout: float, proc: subprocess.Popen) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        if proc.poll() is not None:
            raise AssertionError(f"the window ended early ({proc.returncode}): {proc.stderr.read()[-2000:]}")
        if time.monotonic() > deadline:
            proc.kill()
            raise AssertionError(f"timed out; log: {_log(proc.args)[-2000:]}")
        time.sleep(0.2)


def _log(args) -> str:
    data_dir = Path(args[args.index("--data-dir") + 1])
    path = data_dir / "cache" / "companion.log"
    return path.read_text(encoding="utf-8", errors="replace") if path.exists() else ""


def _group_gone(pgid: int, timeout: float = 15) -> bool:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            os.killpg(pgid, 0)
        except ProcessLookupError:
            return True
        time.sleep(0.2)
    return False


def _analysed_under(profile, folder: Path) -> bool:
    """Has the sound analysis written a result (or a failure) for a file under ``folder``?"""
    try:
        ro = sqlite3.connect(f"{profile.db_path.as_uri()}?mode=ro", uri=True, timeout=5)
        row = ro.execute(
            "SELECT COUNT(*) FROM audio_features f JOIN items i ON i.id = f.item_id WHERE i.path LIKE ?",
            (f"{folder}{os.sep}%",),
        ).fetchone()
        ro.close()
    except sqlite3.OperationalError:
        return False
    return row[0] > 0


def _companion_lines_only(stderr: str) -> None:
    strange = [ln for ln in stderr.splitlines() if ln.strip() and not ln.startswith(PREFIX)]
    assert not strange, f"the terminal got lines that are not Companion's: {strange[:10]}"


SONG_SECONDS = 16.0  # a play from 8 s (half of it), completed only from 14.4 s: room for a slow close


def _listened(profile) -> float:
    """Seconds listened so far, as the window's playback checkpoint (rewritten every 2 s) says."""
    try:
        ro = sqlite3.connect(f"{profile.db_path.as_uri()}?mode=ro", uri=True, timeout=5)
        row = ro.execute("SELECT MAX(listened) FROM playback_checkpoints").fetchone()
        ro.close()
    except sqlite3.OperationalError:
        return 0.0
    return row[0] or 0.0


@pytest.mark.parametrize(
    ("sig", "to_group"),
    [(signal.SIGINT, True), (signal.SIGTERM, False)],
    ids=["ctrl-c-to-the-group", "sigterm"],
)
def test_signal_closes_the_window_cleanly(profile, tmp_path, sig, to_group):
    music = tmp_path / "music"
    music.mkdir()
    song = write_audio(music / "long song.flac", music_like(SONG_SECONDS))
    _cli(profile, "folders", "add", str(music))
    _cli(profile, "scan")
    proc = _open_window(profile, "--open", str(song))
    _wait(lambda: UP in _log(proc.args), 90, proc)
    # past half the song (a play, which the window writes as it closes: not a skip), as its checkpoint says
    _wait(lambda: _listened(profile) > SONG_SECONDS / 2 + 1, 90, proc)
    if to_group:
        os.killpg(proc.pid, sig)  # as a terminal's Ctrl+C: the window and every helper it started
    else:
        os.kill(proc.pid, sig)
    try:
        out, err = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        raise AssertionError(f"{sig.name} did not close the window; log: {_log(proc.args)[-2000:]}") from None
    assert proc.returncode == 0, err
    _companion_lines_only(err)
    assert _group_gone(proc.pid), "a helper process (taste worker, scan or analysis) outlived the window"
    events = json.loads(_cli(profile, "history", "--json"))
    closed = [e for e in events if e["path"] == str(song) and e["end_reason"] == "closed"]
    assert closed, f"the play under way was not written: {events}"
    assert closed[0]["type"] == "play" and SONG_SECONDS / 2 <= closed[0]["position"] < SONG_SECONDS


def _broken_files(folder: Path) -> None:
    """Files a real collection has: broken, empty, truncated, not media at all, and videos."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "empty.flac").write_bytes(b"")
    (folder / "noise.mp3").write_bytes(os.urandom(20_000))
    (folder / "fake.mp4").write_bytes(b"\x00\x00\x00\x18ftypmp42" + os.urandom(5_000))
    clip = write_video(folder / "clip.mp4", seconds=2.0)
    data = clip.read_bytes()
    (folder / "cut off.mp4").write_bytes(data[: len(data) // 2])
    write_video(folder / "clip.webm", seconds=1.0)
    write_video(folder / "clip.avi", seconds=1.0)


def test_the_terminal_shows_only_companions_lines(profile, tmp_path):
    music = tmp_path / "collection"
    music.mkdir()
    video = write_video(music / "first.mkv", seconds=3.0)
    write_audio(music / "song.flac", music_like(5.0))
    _cli(profile, "folders", "add", str(music))
    _cli(profile, "scan")
    _cli(profile, "settings", "set", "watch_folders", "true")  # the window scans what arrives
    proc = _open_window(profile, "--open", str(video))  # a video plays: Qt Multimedia and FFmpeg at work
    _wait(lambda: UP in _log(proc.args), 90, proc)
    _broken_files(music / "arrived")
    shared = ROOT.parent / "shared" / "data" / "media" / "tinytag"
    if shared.is_dir():  # real-world broken and odd files, when they are beside the checkout
        shutil.copytree(shared, music / "arrived" / "tinytag")
    write_audio(music / "arrived" / "new song.flac", music_like(3.0))  # music for the analysis to start on
    # the scan finishes, the home is rebuilt, sound analysis starts (4 s after the scan) and writes its first
    # result: all of it while the window prints to the terminal
    _wait(lambda: _analysed_under(profile, music / "arrived"), 120, proc)
    os.kill(proc.pid, signal.SIGTERM)
    out, err = proc.communicate(timeout=60)
    assert proc.returncode == 0, err
    _companion_lines_only(err)
    log = log_path(profile).read_text(encoding="utf-8", errors="replace")
    assert "started (pid" in log  # what did not reach the terminal is in the log Settings opens


START = """
import sys
from companion.app import build, wait_for
from companion.core.paths import resolve_profile
parts = build(resolve_profile(sys.argv[1]).ensure())
parts.window.show()
ok = wait_for(lambda: parts.controller.home_data is not None, 120)
heavy = ("numpy", "scipy", "sklearn", "companion.ui.import_dialog", "companion.ui.flow_dialog")
print(ok, sorted(m for m in heavy if m in sys.modules), sorted(parts.window.pages))
parts.close()
"""


def test_the_first_home_needs_no_numpy_and_no_other_page(profile, tmp_path):
    """The start path stays light: the taste engine's arrays live in its worker, the other pages and the
    dialogs wait."""
    music = tmp_path / "music"
    music.mkdir()
    write_audio(music / "song.flac", music_like(3.0))
    _cli(profile, "folders", "add", str(music))
    _cli(profile, "scan")
    out = _child(START, profile)
    assert out.stdout.split("\n")[0] == "True [] ['home']", out.stdout + out.stderr[-2000:]


# --- The privacy promise, end to end: the whole flow works with every network path blocked.
#
# The session-wide guard in tests/conftest.py fails any test that tries a TCP connection, a name
# lookup or a Qt network request. Here the demo library goes through scan, analysis, history
# import, home, export, search and the window; any hidden fetch (metadata, fonts, an update
# check, a crash reporter) would fail this test.


def test_everything_works_offline(run_cli, profile, tmp_path, qapp, demo_media):
    attempts_before = len(guard._network_attempts)
    guard.copy_demo_media(demo_media, profile)  # made once per run (tests/conftest.py): the scan reads them
    conn = open_profile_db(profile)
    demo = ensure_demo(conn, profile)
    assert demo.items > 20
    artist, title = conn.execute("SELECT artist, title FROM items WHERE kind='music' LIMIT 1").fetchone()
    conn.close()

    code, out, err = run_cli("scan", "--json")
    assert code == 0, err
    assert json.loads(out)["unchanged"] >= demo.items

    code, out, err = run_cli("analyze", "--limit", "6", "--json")
    assert code == 0, err

    history = tmp_path / "scrobbles.csv"
    history.write_text(
        "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"
        f'1700000000,,"{artist}",,,,"{title}",\n',
        encoding="utf-8",
    )
    code, out, err = run_cli("import-history", str(history), "--json")
    assert code == 0, err
    assert json.loads(out)["matched"] == 1

    code, out, err = run_cli("home", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows and all(item["reason"] for row in rows for item in row["items"])

    target = tmp_path / "now.m3u8"
    code, _, err = run_cli("export", rows[0]["id"], str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8").count("\n") >= 2

    code, out, err = run_cli("search", "chill", "--json")
    assert code == 0, err

    from companion.app import build, wait_for

    parts = build(profile)
    try:
        ready: list[object] = []
        parts.controller.homeReady.connect(ready.append)
        parts.controller.refresh_home()
        assert wait_for(lambda: bool(ready), 60), "the home never arrived"
        parts.window.resize(1100, 700)
        assert not parts.window.grab().isNull()
    finally:
        parts.close()
    assert len(guard._network_attempts) == attempts_before


# --- Companion writes only in its data, cache and config dirs and the person's own exports;
# it never writes into the media folders, and everything it keeps is private to the owner.

ALLOWED = (".local/share/Companion", ".cache/Companion", ".config/Companion")
# written by the PulseAudio client library when Qt Multimedia connects to a sound server (its auth cookie),
# not by Companion: the test session runs a private PulseAudio server (tests/sound_server.py)
SOUND_SERVER_FILES = (".config/pulse/",)


def _snapshot(root: Path) -> dict[str, tuple[int, int]]:
    return {
        str(p.relative_to(root)): (p.stat().st_size, p.stat().st_mtime_ns)
        for p in root.rglob("*")
        if p.is_file()
    }


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_files_land_only_in_companions_own_dirs(tmp_path):
    home = tmp_path / "home"
    music = tmp_path / "media" / "Music"
    exports = tmp_path / "exports"
    for d in (home, exports):
        d.mkdir(parents=True)
    for i, ext in enumerate((".mp3", ".flac", ".ogg")):
        p = synth.write_audio(music / f"Band/Album/{i:02d} Song{ext}", synth.music_like(3, seed=i))
        synth.write_tags(
            p, {"title": f"Song {i}", "artist": "Band", "album": "Album"}, cover=synth.cover_jpeg(i)
        )
    synth.write_video(tmp_path / "media" / "Videos" / "Show" / "Season 01" / "Show S01E01.mp4", 1.0)
    media_before = _snapshot(tmp_path / "media")

    env = {k: v for k, v in os.environ.items() if not k.startswith(("XDG_", "COMPANION_"))}
    env.update(HOME=str(home), QT_QPA_PLATFORM="offscreen")

    def companion(*args: str) -> None:
        r = subprocess.run(
            [sys.executable, "-m", "companion", *args],
            env=env,
            capture_output=True,
            text=True,
            timeout=300,
            cwd=tmp_path,
        )
        assert r.returncode == 0, r.stderr

    companion("scan", str(music), str(tmp_path / "media" / "Videos"))
    companion("analyze")
    companion("rate", str(music / "Band/Album/00 Song.mp3"), "4")
    companion("home", "--json")
    # three songs make no mix (a mix holds at least 8): the row of what was just added is there
    companion("export", "new", str(exports / "mix.m3u8"))
    companion("privacy", "export", str(exports / "me.zip"))
    companion("--self-test")

    written = [p.relative_to(home) for p in home.rglob("*") if p.is_file()]
    stray = [str(p) for p in written if not str(p).startswith(ALLOWED + SOUND_SERVER_FILES)]
    assert not stray, f"written outside Companion's dirs: {stray}"
    assert _snapshot(tmp_path / "media") == media_before, "the media folders were changed"
    assert sorted(p.name for p in exports.iterdir()) == ["me.zip", "mix.m3u8"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports", "home", "media"]

    data = home / ALLOWED[0]
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for p in data.rglob("*"):
        mode = stat.S_IMODE(p.stat().st_mode)
        assert not mode & 0o077, f"{p} is readable by others ({oct(mode)})"


# --- The window starts MPRIS and auto-DJ, and starts cleanly where there is no session bus.


def test_desktop_integration_starts_cleanly_without_a_session_bus(qapp, profile, monkeypatch):
    from companion.app import _desktop_integration, build

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    parts = build(profile)
    try:
        mpris, auto_dj = _desktop_integration(qapp, parts.window, parts)
        assert mpris.registered is False
        assert auto_dj is not None
    finally:
        parts.close()


STARTS_BEFORE_QT = r"""
import sys
import companion.app as app
import companion.core.jobs.service as service
original = service.Service.__init__
def spy(self, *args, **kwargs):
    qt_first = "PySide6" in sys.modules
    original(self, *args, **kwargs)
    print("taste process", self.pid, "Qt imported before it:", qt_first, flush=True)
service.Service.__init__ = spy
def no_window():
    raise RuntimeError("no window in this test")
app.make_app = no_window
from companion.cli import main
sys.argv = ["companion", "--data-dir", sys.argv[1]]
sys.exit(main())
"""


def test_the_taste_process_starts_before_qt_and_ends_with_a_window_that_never_came(profile):
    """The real entry point starts the taste engine's process before importing Qt (0.2 s sooner to work on
    the first home); when the window then cannot be made, that process ends with it and the lock is free."""
    from companion.core.instance_lock import InstanceLock, instance_dir

    open_profile_db(profile).close()
    out = _child(STARTS_BEFORE_QT, profile)
    started = [ln for ln in out.stdout.splitlines() if ln.startswith("taste process")]
    assert out.returncode != 0 and len(started) == 1, out.stdout + out.stderr[-2000:]
    assert started[0].endswith("Qt imported before it: False")
    pid = int(started[0].split()[2])
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            os.kill(pid, 0)
        except ProcessLookupError:
            break
        time.sleep(0.1)
    else:
        raise AssertionError("the taste process outlived the window that could not be made")
    lock = InstanceLock(instance_dir(profile))
    assert lock.claim()
    lock.release()


def test_a_window_that_could_not_start_gives_ctrl_c_back(profile, monkeypatch):
    """SIGINT is blocked for the helpers before the window exists; when none comes (here its core fails to
    start), the thread gets it back, and processes started afterwards do not inherit the block."""
    import argparse

    import companion.app as app

    def fails(*_args, **_kwargs):
        raise RuntimeError("no core")

    monkeypatch.setattr(app, "start_core", fails)
    with pytest.raises(RuntimeError, match="no core"):
        app._run_window(argparse.Namespace(demo=False), profile.ensure(), None, [])
    assert signal.SIGINT not in signal.pthread_sigmask(signal.SIG_BLOCK, set())


def test_a_launch_while_the_window_starts_is_taken_once_it_is_painted(profile):
    """The window watches for later launches only after its first screen (the watch and the Qt types it
    makes cost 0.03-0.04 s of the start); a launch meanwhile waits in the inbox and is answered then."""
    proc = _open_window(profile)
    try:
        _wait(
            lambda: "started (pid" in _log(proc.args), 60, proc
        )  # the lock is held: this is the running one
        second = subprocess.run(
            [sys.executable, "-m", "companion", "--data-dir", str(profile.data_dir)],
            capture_output=True,
            text=True,
            timeout=60,
            env=_env(),
        )
        assert second.returncode == 0, second.stderr
        assert "already open" in second.stderr
        assert not list((profile.data_dir / "instance").rglob("*.request.json")), (
            "a request was left unanswered"
        )
        assert proc.poll() is None  # one window, still running
    finally:
        os.kill(proc.pid, signal.SIGTERM)
        proc.communicate(timeout=60)
    assert proc.returncode == 0
