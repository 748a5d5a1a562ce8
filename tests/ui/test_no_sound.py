"""No sound output (issue 16, part 8): one notice that blocks nothing, no clock running over silence, nothing
recorded; it clears when a device appears. A real PulseAudio server with no sink, then one."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from companion.core.media.synth import tone, write_audio, write_tags
from tests import sound_server


def test_no_sound_output_is_told_and_nothing_is_recorded(tmp_path):
    try:
        server = sound_server.Server(sink=False)
    except OSError as e:
        pytest.skip(str(e))
    try:
        music = tmp_path / "Music"
        for n in range(2):
            path = write_audio(music / f"0{n} Song.flac", tone(3.0, freq=300 + 50 * n))
            write_tags(path, {"title": f"Song {n}", "artist": "Band", "album": "Album"})
        env = {**os.environ, "PULSE_SERVER": server.address, "QT_QPA_PLATFORM": "offscreen"}
        root = Path(__file__).resolve().parents[2]
        r = subprocess.run(
            [sys.executable, "-m", "tests.ui.no_sound_session", str(tmp_path / "p"), str(music), server.address],
            env=env, cwd=root, capture_output=True, text=True, timeout=240,
        )  # fmt: skip
        assert r.stdout.strip().splitlines()[-1:] == ["OK"], r.stdout[-2000:] + r.stderr[-2000:]
        assert (tmp_path / "p" / "no-sound.png").is_file()
    finally:
        server.stop()
