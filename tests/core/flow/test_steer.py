"""steer: radio learns from the session (what followed sessions like this one) and steers away after two
early skips in a row."""

from __future__ import annotations

import time

import pytest

from companion.core.analysis.features import VERSION
from companion.core.analysis.table import write_results
from companion.core.events.record import record_event
from companion.core.flow.steer import session_context, steer_away
from companion.core.taste.radio import radio
from tests.core.analysis.helpers import add_character_library, analysed_character_library


@pytest.fixture
def analysed(db, tmp_path_factory):
    files, features = analysed_character_library(tmp_path_factory)
    groups = add_character_library(db, files)
    rows = [
        (i, features[p], None) for name, ids in groups.items() for i, p in zip(ids, files[name], strict=True)
    ]
    write_results(db, VERSION, rows)
    return groups


def play(db, item, ts, kind="completed"):
    position = 200.0 if kind == "completed" else 3.0
    record_event(db, item, kind, ts=ts, position=position, duration=200.0)


def test_what_followed_in_past_sessions_comes_up(db, analysed):
    calm, dance = analysed["calm"], analysed["dance"]
    now = time.time()
    for day in range(2, 9):  # every evening: a calm track, then this dance track
        t = now - day * 86400
        play(db, calm[0], t)
        play(db, dance[3], t + 240)
    pop = analysed["pop"]
    for k in range(55):  # since then, plenty of other listening (radio does not repeat the last 50 plays)
        play(db, pop[k % len(pop)], now - 86400 + k * 240)
    without = [p.item_id for p in radio(db, [calm[1]], 3, use_taste=False)]
    play(db, calm[0], now - 120)  # the session now starts the same way
    current, knn = session_context(db, now)
    assert current == [calm[0]] and len(knn) == 8
    with_seq = [p.item_id for p in radio(db, [calm[0]], 3)]
    assert dance[3] not in without and dance[3] in with_seq


def test_two_early_skips_in_a_row_steer_away(db, analysed):
    calm = analysed["calm"]
    now = time.time()
    play(db, calm[0], now - 600)
    before = [p.item_id for p in radio(db, [calm[0]], 4)]
    assert all(i in calm for i in before)
    play(db, calm[1], now - 300, "skip")
    assert steer_away(db, now) == []  # one skip is not a pattern
    play(db, calm[2], now - 60, "skip")
    assert steer_away(db, now) == [calm[2], calm[1]]
    after = radio(db, [calm[0]], 4)
    skipped_artists = {"calm artist 0", "calm artist 1"} & {p.artist for p in after}
    assert not skipped_artists and all(p.item_id not in calm for p in after)
    assert steer_away(db, now + 3600) == []  # an hour later it is forgotten


def test_plays_kept_out_of_the_taste_teach_the_radio_no_sequence(db, analysed):
    from companion.core.db import playlists as playlist_db
    from companion.core.taste import keepout
    from companion.core.taste.radio import _kept_out_plays

    calm, dance = analysed["calm"], analysed["dance"]
    pid = playlist_db.save(db, "Kids", "m3u", None, [], time.time())
    now = time.time()
    for day in range(2, 9):  # every evening: a calm track, then this dance track, from a kids' playlist
        t = now - day * 86400
        play(db, calm[0], t)
        record_event(
            db, dance[3], "completed", ts=t + 240, position=200.0, duration=200.0, context=f"playlist:{pid}"
        )
    play(db, calm[0], now - 120)
    assert dance[3] in session_context(db, now)[1].scores([calm[0]])  # learned: calm, then that dance track

    keepout.add_rule(db, "playlist", str(pid))
    drop = _kept_out_plays(db)
    assert len(drop) == 7  # the seven plays from the playlist, by event id
    current, nextup = session_context(db, now, drop=drop)
    assert current == [calm[0]] and dance[3] not in nextup.scores([calm[0]])
    keepout.remove_rule(db, keepout_db_rule_id(db))
    assert _kept_out_plays(db) == frozenset()  # the rule removed: the sequence teaches again


def keepout_db_rule_id(db) -> int:
    from companion.core.db import keepout as keepout_db

    (rule,) = keepout_db.rules(db)
    return rule.id
