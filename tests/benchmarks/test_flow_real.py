"""benchmarks/flow_real.py: the measures it reports, and a smoke run over analysed generated audio."""

from __future__ import annotations

import pytest

from benchmarks.flow_real import against_shuffled, arc_figures, jumps, sounds
from companion.core.flow.order import Sound

PROMISED = {
    *(
        f"{lib}_{what}"
        for lib in ("demo", "varied")
        for what in (
            "analysed",
            "arc_tracks",
            "arc_energy_rho",
            "arc_bpm_rho",
            "arc_tempo_x",
            "arc_key_x",
            "mix_rows",
            "mix_tempo_x",
            "mix_key_x",
        )
    ),
    "media_files",
    "media_analysed",
    "media_with_tempo",
}


def test_the_measures_on_a_known_order():
    items = [
        {"item_id": 1, "bpm": 60.0, "key": "C major", "energy": 0.1},
        {"item_id": 2, "bpm": 120.0, "key": "G major", "energy": 0.2},  # double time: no tempo jump
        {"item_id": 3, "bpm": 90.0, "key": "D major", "energy": 0.3},
        {"item_id": 4, "bpm": 90.0, "key": None, "energy": None},  # unanalysed: left out
    ]
    order = sounds(items)
    assert [s.item_id for s in order] == [1, 2, 3] and order[1].mode == "major"
    tempo, key = jumps(order)
    assert tempo == pytest.approx((0.0 + 0.415) / 2, abs=1e-3) and key == 1.0  # C-G-D: Camelot neighbours
    figures = arc_figures(order)
    assert figures["arc_tracks"] == 3 and figures["arc_energy_rho"] == 1.0
    smooth = [Sound(i, 100.0 * 1.02**i, None, None, None, i / 20) for i in range(20)]
    tempo_x, _ = against_shuffled(smooth)
    assert tempo_x > 5  # small steady steps against random jumps


@pytest.mark.slow
def test_smoke_run_reports_every_figure(run_smoke):
    doc = run_smoke("flow_real", PROMISED, may_skip=("media_", "demo_"))
    figures = doc["figures"]
    assert figures["varied_analysed"] == 12 and figures["varied_mix_rows"] == 1
    assert figures["varied_arc_tracks"] >= 3 and -1 <= figures["varied_arc_energy_rho"] <= 1
