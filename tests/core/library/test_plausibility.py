"""Claimed lengths that size and bitrate cannot hold, and music 'tracks' over three hours."""

from __future__ import annotations

import numpy as np

from companion.core.library.plausibility import implausible


def check(duration, size, bitrate, rate=44100, channels=2, lossless=False, long_ok=False) -> bool:
    a = [np.array([v], dtype=float) for v in (duration, size, bitrate, rate, channels)]
    return bool(implausible(*a, np.array([lossless]), np.array([long_ok]))[0])


def test_a_wav_header_claiming_hours_in_a_small_file():
    assert check(27 * 3600, 200_000, 1_411_200, lossless=True)
    assert not check(180, 31_752_000, 1_411_200, lossless=True)


def test_a_truncated_flac_whose_bitrate_is_its_size_over_its_claim():
    pcm = 44100 * 2 * 16
    assert check(240, 240 * pcm * 0.05 / 8, pcm * 0.05, lossless=True)  # 5% of PCM: cut short
    assert not check(240, 240 * pcm * 0.5 / 8, pcm * 0.5, lossless=True)  # a real FLAC


def test_lossy_files_against_their_bitrate_and_the_three_hour_rule():
    assert not check(240, 240 * 320_000 / 8, 320_000)
    assert check(240, 240 * 320_000 / 8 / 10, 320_000)  # a tenth of what it claims
    assert check(4 * 3600, 4 * 3600 * 64_000 / 8, 64_000)  # a four-hour "track"
    assert not check(4 * 3600, 4 * 3600 * 64_000 / 8, 64_000, long_ok=True)  # an audiobook may


def test_unknown_facts_never_condemn_a_file():
    assert not check(np.nan, 1000, 128_000)
    assert not check(240, np.nan, np.nan, rate=np.nan, channels=np.nan)


def test_the_pass_after_a_scan_says_why(messy_db, messy_library):
    from companion.core.library.view import library_view

    entries = {e["path"]: e for e in library_view(messy_db)}
    wav, flac = entries[str(messy_library.bogus_length)], entries[str(messy_library.damaged)]
    assert wav["implausible"].startswith("claims 27:") and "size" in wav["implausible"]
    assert flac["implausible"].startswith("claims 0:00:20")
    book = entries[str(next(p for p in messy_library.spoken if p.suffix == ".m4b"))]
    assert "implausible" not in book and book["kind"] == "spoken"
    assert sum("implausible" in e for e in entries.values()) == 2
