"""Three short tagged tracks of one album, and the same scanned into the test's profile by the scan command's
own module (for the tests that run one command's module on its own: tests/commands/direct.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from companion.commands import scan
from companion.core.media.synth import tone, write_audio, write_tags
from tests.commands.direct import run_command


@pytest.fixture
def album(tmp_path) -> Path:
    """``Music/`` holding Band - Album: Song 0, Song 1, Song 2 (one second each)."""
    music = tmp_path / "Music"
    for n in range(3):
        path = write_audio(music / "Band" / "Album" / f"0{n + 1} Song {n}.flac", tone(1.0, freq=300 + 40 * n))
        write_tags(path, {"title": f"Song {n}", "artist": "Band", "album": "Album", "genre": "Jazz",
                          "tracknumber": str(n + 1)})  # fmt: skip
    return music


@pytest.fixture
def scanned(profile, album) -> Path:
    code, out, _ = run_command(scan, profile, str(album))
    assert code == 0 and out.startswith("3 added"), out
    return album
