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
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.core.logfile import PREFIX, log_path
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


def _companion_lines_only(stderr: str) -> None:
    strange = [ln for ln in stderr.splitlines() if ln.strip() and not ln.startswith(PREFIX)]
    assert not strange, f"the terminal got lines that are not Companion's: {strange[:10]}"


@pytest.mark.parametrize(
    ("sig", "to_group"),
    [(signal.SIGINT, True), (signal.SIGTERM, False)],
    ids=["ctrl-c-to-the-group", "sigterm"],
)
def test_signal_closes_the_window_cleanly(profile, tmp_path, sig, to_group):
    music = tmp_path / "music"
    music.mkdir()
    song = write_audio(music / "long song.flac", music_like(40.0))
    _cli(profile, "folders", "add", str(music))
    _cli(profile, "scan")
    proc = _open_window(profile, "--open", str(song))
    _wait(lambda: UP in _log(proc.args), 90, proc)
    time.sleep(24.0)  # past half the song: a play, which the window writes as it closes (not a skip)
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
    assert closed[0]["type"] == "play" and 20 <= closed[0]["position"] < 40


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
    before = len(json.loads(_cli(profile, "library", "--json")))
    _wait(lambda: len(json.loads(_cli(profile, "library", "--json"))) > before + 2, 120, proc)
    time.sleep(5.0)  # the scan finishes, the home is rebuilt, sound analysis starts
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
print(ok, sorted(m for m in ("numpy", "scipy", "sklearn") if m in sys.modules), sorted(parts.window.pages))
parts.close()
"""


def test_the_first_home_needs_no_numpy_and_no_other_page(profile, tmp_path):
    """The start path stays light: the taste engine's arrays live in its worker, the other pages wait."""
    music = tmp_path / "music"
    music.mkdir()
    write_audio(music / "song.flac", music_like(3.0))
    _cli(profile, "folders", "add", str(music))
    _cli(profile, "scan")
    out = subprocess.run(
        [sys.executable, "-c", START, str(profile.data_dir)],
        capture_output=True,
        text=True,
        timeout=180,
        env=_env(),
    )
    assert out.stdout.split("\n")[0] == "True [] ['home']", out.stdout + out.stderr[-2000:]
