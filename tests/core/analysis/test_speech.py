"""Speech or music: the analysis measures it, and a long file that is mostly speech becomes spoken word."""

from __future__ import annotations

import numpy as np

from companion.core.analysis.speech import speechiness
from companion.core.jobs.analysis import AnalysisSummary, analyze_pending
from companion.core.media.synth import music_like, speech_like, tone
from tests.core.analysis.helpers import add_items, write_long_flac
from tests.core.analysis.signals import dance_like, piano_like

RATE = 22050


def excerpts(x: np.ndarray) -> list[np.ndarray]:
    third = len(x) // 3
    return [x[:third], x[third : 2 * third], x[2 * third :]]


def test_speech_is_told_from_music():
    for seed, pitch in ((1, 110.0), (2, 210.0)):
        assert speechiness(excerpts(speech_like(36, RATE, seed, pitch)), RATE) >= 0.6
    music = [music_like(36, 110, seed=1), music_like(36, 70, 196, True, 0.3, seed=2), piano_like(36, seed=3),
             dance_like(36, bpm=128, seed=4), tone(36, RATE)]  # fmt: skip
    for x in music:
        assert speechiness(excerpts(x), RATE) < 0.3
    assert speechiness([np.zeros(RATE * 10, np.float32)], RATE) is None


def test_a_long_file_that_sounds_like_speech_becomes_spoken_word(profile, db, tmp_path):
    rate = 8000
    talk = write_long_flac(tmp_path / "talk.flac", 0.36, speech_like(30, rate, 3), rate)  # 22 minutes
    song = write_long_flac(tmp_path / "long song.flac", 0.36, music_like(30, 100, rate=rate, seed=3), rate)
    short = write_long_flac(tmp_path / "intro.flac", 0.01, speech_like(30, rate, 4), rate)  # 36 s of talk
    ids = add_items(
        db, [talk, song, short], tags=[{"duration": 1296.0}, {"duration": 1296.0}, {"duration": 36.0}]
    )
    summary = AnalysisSummary()
    list(analyze_pending(profile, summary=summary, workers=1))
    assert summary.analysed == 3
    spoken = {r[0]: r[1] for r in db.execute("SELECT id, spoken FROM items")}
    assert spoken[ids[0]] and "speech" in spoken[ids[0]]
    assert spoken[ids[1]] is None and spoken[ids[2]] is None  # a long song; a spoken intro track stays music
