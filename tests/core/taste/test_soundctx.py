"""What this moment sounds like: items near the tempo played now lift, the rest sink; thin evidence is silent."""

from __future__ import annotations

import numpy as np

from companion.core.taste.library import load_library
from companion.core.taste.soundctx import MIN_KNOWN, sound_lift
from tests.core.events.helpers import add_item


def _tracks(db, tmp_path, bpms) -> None:
    for n, bpm in enumerate(bpms):
        add_item(db, tmp_path / f"t{n}.ogg", title=f"t{n}", bpm=bpm)


def test_fast_listening_now_lifts_fast_items_and_sinks_slow_ones(db, tmp_path):
    bpms = [70.0 + 5 * n for n in range(24)]  # 70 .. 185 BPM
    _tracks(db, tmp_path, bpms)
    add_item(db, tmp_path / "film.mp4", kind="video", title="film", bpm=150.0)
    lib = load_library(db)
    bpm = lib.bpm
    pres = np.where(lib.is_video, 0.0, 1.0)  # played evenly across tempos, always
    now = np.where(~lib.is_video & (bpm >= 150), 1.0, 0.0)  # this hour: only fast ones
    lift = sound_lift(lib, pres, now)
    fast, slow = ~lib.is_video & (bpm >= 160), ~lib.is_video & (bpm <= 100)
    assert (lift[fast] > 0).all() and (lift[slow] < 0).all()
    assert lift[lib.is_video][0] == 0.0, "videos are not scored by sound"
    assert np.allclose(sound_lift(lib, pres, pres), 0.0), "the same listening now as always: no lift"


def test_too_few_known_tempos_say_nothing(db, tmp_path):
    _tracks(db, tmp_path, [100.0] * (MIN_KNOWN - 1) + [None] * 5)
    lib = load_library(db)
    assert not sound_lift(lib, np.ones(len(lib)), np.ones(len(lib))).any()
