"""benchmarks/eval/next_track: hit rates on generated listeners, a generated export, and the taste_eval part."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from benchmarks.eval.lastfm_exports import read_export
from benchmarks.eval.next_track import ceilings, from_export, hit_rates, simulated, split, summary

SCRIPT = Path(__file__).resolve().parents[3] / "benchmarks" / "taste_eval.py"


def test_sequences_help_routine_listeners_and_the_numbers_are_shares():
    listener = simulated("routine", 1, days=30)
    radio, seq, queries = hit_rates(listener, 80)
    assert queries == 80 and 0 <= radio <= 1 and 0 <= seq <= 1
    assert seq >= 1.2 * radio
    s = summary([("x", radio, seq, queries)])
    assert s["ratio"] == round(seq / radio, 2) and s["queries"] == 80


def test_a_generated_export_reads_into_sessions(tmp_path):
    lines = ["artist,track,album,played_at,date,month,weekday,hour,track_genre"]
    for day in range(1, 21):
        for k, (artist, track) in enumerate([("A", "one"), ("A", "two"), ("B", "three"), ("C", "four")]):
            lines.append(f"{artist},{track},X,2025-08-{day:02d} 20:{10 + 4 * k:02d}:00,,,,,rock")
    path = tmp_path / "someone.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    listener = from_export(read_export(path))
    assert len(listener.sessions) == 20 and all(len(s) == 4 for s in listener.sessions)
    radio, seq, _ = hit_rates(listener)
    assert seq >= radio
    # every evening the same four tracks in the same order: the held-out ones were all heard, and each
    # came straight after its predecessor before; none repeats inside a session
    assert ceilings(listener) == {"heard": 1.0, "followed": 1.0, "repeat": 0.0}


def test_taste_eval_next_track_part_skips_absent_exports(tmp_path):
    r = subprocess.run(
        [sys.executable, str(SCRIPT), "--part", "nexttrack", "--smoke", "--exports", str(tmp_path / "none"),
         "--work", str(tmp_path / "work")],
        capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    assert r.returncode == 0, r.stderr
    out = r.stdout + r.stderr
    assert "next track, routine: with / without sequences" in out and "no Last.fm exports" in out


def test_a_window_holds_out_the_middle_and_never_the_end():
    listener = simulated("routine", 2, days=20)  # 40 sessions
    train, test = split(listener)
    assert (len(train), len(test)) == (32, 8) and train + test == listener.sessions
    train, test = split(listener, (0.6, 0.8))
    assert (len(train), len(test)) == (24, 8) and train + test == listener.sessions[:32]
    radio, seq, queries = hit_rates(listener, 40, (0.6, 0.8))
    assert queries == 40 and seq > radio
