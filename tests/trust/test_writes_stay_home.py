"""Companion writes only in its data, cache and config dirs and the person's own exports;
it never writes into the media folders, and everything it keeps is private to the owner."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
from pathlib import Path

import pytest

from companion.core.media import synth

ALLOWED = (".local/share/Companion", ".cache/Companion", ".config/Companion")


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
    stray = [str(p) for p in written if not str(p).startswith(ALLOWED)]
    assert not stray, f"written outside Companion's dirs: {stray}"
    assert _snapshot(tmp_path / "media") == media_before, "the media folders were changed"
    assert sorted(p.name for p in exports.iterdir()) == ["me.zip", "mix.m3u8"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["exports", "home", "media"]

    data = home / ALLOWED[0]
    assert stat.S_IMODE(data.stat().st_mode) == 0o700
    for p in data.rglob("*"):
        mode = stat.S_IMODE(p.stat().st_mode)
        assert not mode & 0o077, f"{p} is readable by others ({oct(mode)})"
