"""edges: leading/trailing silence and fade-outs of generated tracks found within 0.5 s; end energies."""

from __future__ import annotations

import functools

import numpy as np
import pytest

from companion.core.analysis import table
from companion.core.analysis.decode import decode_samples
from companion.core.analysis.edges import find_edges
from companion.core.analysis.features import analyse_decoded, analyse_file
from companion.core.media.synth import music_like
from tests.core.analysis.signals import dance_like

RATE = 22050


def shaped(body: np.ndarray, lead: float, fade: float, trail: float, shape: str = "linear") -> np.ndarray:
    """``body`` with ``lead`` s of silence before, a ``fade`` s fade-out (linear or in dB), ``trail`` s after."""
    x = body.astype(np.float64).copy()
    if fade:
        n = int(fade * RATE)
        x[-n:] *= np.linspace(1, 0, n) if shape == "linear" else 10 ** (np.linspace(0, -60, n) / 20)
    return np.concatenate([np.zeros(int(lead * RATE)), x, np.zeros(int(trail * RATE))]).astype(np.float32)


CASES = [
    (2.0, 10.0, 4.0, "linear"),
    (0.0, 0.0, 0.0, "linear"),
    (5.3, 6.0, 8.0, "db"),
    (0.7, 0.0, 12.0, "linear"),
    (1.0, 15.0, 2.0, "db"),
]


@functools.cache
def body_of(kind: str) -> np.ndarray:
    """The 150 s body of each kind, made once per test process (0.7 CPU s each; ``shaped`` copies it)."""
    return dance_like(150, seed=1) if kind == "dance" else music_like(150, seed=3)


@pytest.mark.parametrize(("lead", "fade", "trail", "shape"), CASES)
@pytest.mark.parametrize("kind", ["dance", "pad"])
def test_silence_and_fades_of_files_within_half_a_second(audio_file, kind, lead, fade, trail, shape):
    body = body_of(kind)
    f = analyse_file(str(audio_file(shaped(body, lead, fade, trail, shape))))
    assert f["intro_end"] == pytest.approx(lead, abs=0.5)
    assert f["outro_start"] == pytest.approx(lead + 150 - fade, abs=0.5)
    assert f["beat_period"] == pytest.approx(60.0 / f["bpm"], abs=1e-3)


def test_end_energies_follow_the_music_at_each_end(audio_file):
    quiet_then_loud = np.concatenate([0.05 * music_like(40, seed=2), dance_like(40, seed=4)])
    f = analyse_file(str(audio_file(quiet_then_loud)))
    assert f["energy_in"] < f["energy_out"] - 0.2
    assert 0 <= f["energy_in"] <= 1 and 0 <= f["energy_out"] <= 1


def test_silence_has_no_edges_and_short_signals_keep_order():
    silent = analyse_decoded(decode_samples(np.zeros(RATE * 5, dtype=np.float32)))
    assert silent["intro_end"] is None and silent["outro_start"] is None and silent["energy_in"] is None
    blip = np.zeros(RATE * 20, dtype=np.float32)
    blip[RATE * 10 : RATE * 10 + RATE // 10] = 0.5
    e = find_edges(blip, blip, RATE, 0.0)
    assert e.intro_end == pytest.approx(10.0, abs=0.06) and e.outro_start >= e.intro_end


def test_stored_and_shown_by_library_json(profile, db, audio_file):
    from companion.core.jobs.analysis import AnalysisSummary, analyze_pending
    from companion.core.library.view import library_view
    from tests.core.analysis.helpers import add_items

    (item,) = add_items(db, [audio_file(shaped(dance_like(70, seed=5), 3.0, 8.0, 2.0))])
    list(analyze_pending(profile, summary=AnalysisSummary(), workers=1))
    row = table.features_for(db, [item], keys=("intro_end", "outro_start", "beat_period"))[item]
    assert row["intro_end"] == pytest.approx(3.0, abs=0.5) and row["outro_start"] == pytest.approx(
        65.0, abs=0.5
    )
    shown = next(d for d in library_view(db) if d["id"] == item)
    assert shown["intro_end"] == row["intro_end"] and shown["outro_start"] == row["outro_start"]
