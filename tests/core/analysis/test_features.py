"""Silence, white noise, clipping, a 1-second track, a 3-hour track, and files that cannot be decoded."""

from __future__ import annotations

import time
import tracemalloc

import numpy as np
import pytest

from companion.core.analysis.decode import DecodeError
from companion.core.analysis.features import analyse_file
from companion.core.analysis.vector import DIMENSIONS, unpack
from companion.core.media.synth import click_track
from tests.core.analysis.helpers import write_long_flac
from tests.core.analysis.signals import clipped, piano_like, white_noise


def test_silence(audio_file):
    f = analyse_file(str(audio_file(np.zeros(22050 * 10, dtype=np.float32))))
    assert f["loudness"] is None and f["bpm"] is None and f["key"] is None and f["mood"] is None
    assert f["energy"] == 0.0 and f["danceability"] == 0.0
    assert len(unpack(f["vector"])) == len(DIMENSIONS)


def test_white_noise(audio_file):
    f = analyse_file(str(audio_file(white_noise(15))))
    assert f["bpm"] is None or f["bpm_confidence"] < 0.3
    assert f["flatness"] > 0.3 and f["brightness"] > 0.9 and f["zcr"] > 0.3
    assert f["key_confidence"] < 0.5
    assert f["acousticness"] < 0.2


def test_clipped_track(audio_file):
    f = analyse_file(str(audio_file(clipped(20))))
    assert f["bpm"] == pytest.approx(120, rel=0.02)
    assert f["rms"] > -20 and f["loudness"] is not None


def test_one_second_track(audio_file):
    f = analyse_file(str(audio_file(click_track(1.0, 120))))
    assert f["duration"] == pytest.approx(1.0, abs=0.1)
    assert f["bpm"] is None  # too short to read a pulse: no guess
    assert f["loudness"] is not None and f["mood"] is not None


def test_calm_and_dance_land_far_apart(audio_file):
    from tests.core.analysis.signals import dance_like

    calm = analyse_file(str(audio_file(piano_like(30))))
    dance = analyse_file(str(audio_file(dance_like(30))))
    assert calm["mood"] == "calm"
    assert dance["mood"] in ("party", "energetic")
    assert dance["energy"] > calm["energy"] + 0.3
    assert dance["danceability"] > calm["danceability"] + 0.3
    assert calm["acousticness"] > dance["acousticness"]


def test_three_hour_track_in_bounded_time_and_memory(tmp_path):
    path = write_long_flac(tmp_path / "long.flac", 3.0, click_track(8.0, 120, 4000), 4000)
    tracemalloc.start()
    started = time.perf_counter()
    try:
        f = analyse_file(str(path))
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert time.perf_counter() - started < 10.0
    assert peak < 150 * 1024 * 1024, peak
    assert f["duration"] == pytest.approx(3 * 3600, rel=0.01)
    assert f["bpm"] == pytest.approx(120, rel=0.02)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"", "empty"),
        (b"this is not audio at all" * 50, "FFmpeg"),
        (b"ID3\x03\x00\x00\x00\x00\x00\x00", ""),
    ],
)
def test_undecodable_files_raise_a_plain_reason(tmp_path, content, reason):
    path = tmp_path / "bad.mp3"
    path.write_bytes(content)
    with pytest.raises(DecodeError) as info:
        analyse_file(str(path))
    message = str(info.value)
    assert reason in message and "\n" not in message and "Traceback" not in message


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(DecodeError, match="not found"):
        analyse_file(str(tmp_path / "gone.flac"))
    with pytest.raises(DecodeError):
        analyse_file(str(tmp_path))


def test_video_file_audio_is_analysed(tmp_path):
    from companion.core.media.synth import write_video

    path = write_video(tmp_path / "clip.mp4", seconds=3.0)
    f = analyse_file(str(path))
    assert f["loudness"] is not None
