"""Ask on a generated year of listening with known answers (the issue's goals), follow-ups and the fallback."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from companion.core.taste.ask import ask, ask_clauses, refine

from .listening_history import NOW, SUMMER, History, make_history


@pytest.fixture
def history(db) -> History:
    return make_history(db)


def _played_through_in(h: History, start: datetime, end: datetime) -> set[int]:
    return {
        e.item_id
        for e in h.events
        if start.timestamp() <= e.ts < end.timestamp()
        and (e.type == "completed" or e.type == "like" or (e.type == "play" and (e.position or 0) >= 180))
    }


def _played_after(h: History, ts: float) -> set[int]:
    return {e.item_id for e in h.events if e.ts >= ts and e.type in ("play", "completed")}


def test_loved_last_summer_not_played_lately(db, profile, history):
    res = ask(db, profile, "songs I loved last summer but haven't played lately", at=NOW)
    ids = [i.item_id for i in res.items]
    assert len(ids) >= 20
    good = _played_through_in(history, *SUMMER) - _played_after(history, SUMMER[1].timestamp())
    share = sum(i in good for i in ids) / len(ids)
    assert share >= 0.8, share
    assert not set(ids) & set(history.summer_and_later)  # played again in October
    assert not set(ids) & set(history.summer_skimmed)  # never played through
    kinds = {(c.kind, c.value.get("is")) for c in res.clauses}
    assert (
        ("behaviour", "loved") in kinds and ("behaviour", "not-lately") in kinds and ("time", None) in kinds
    )
    labels = [c.label for c in res.clauses]
    assert "last summer: Jun-Aug 2026" in labels
    assert "not played since Sep 2026" in labels


def test_new_to_me(db, profile, history):
    res = ask(db, profile, "new to me", at=NOW)
    ids = [i.item_id for i in res.items]
    assert len(ids) >= 20
    assert sum(i not in history.played for i in ids) / len(ids) >= 0.9


def test_no_metal_something_calm(db, profile, history):
    res = ask(db, profile, "no metal, something calm", at=NOW)
    assert res.items
    genres = {g for i in res.items for g in _genres(history, i.item_id)}
    assert "metal" not in genres
    assert "ambient" in genres  # the library's calm genre
    negated = [c for c in res.clauses if c.negated]
    assert [(c.kind, c.value) for c in negated] == [("genre", {"genre": "metal"})]


def test_what_i_play_on_sunday_mornings(db, profile, history):
    res = ask(db, profile, "what I play on Sunday mornings", at=NOW)
    ids = [i.item_id for i in res.items]
    assert ids
    then = {
        e.item_id
        for e in history.events
        if e.type in ("play", "completed")
        and datetime.fromtimestamp(e.ts, UTC).weekday() == 6
        and 5 <= datetime.fromtimestamp(e.ts, UTC).hour < 12
    }
    assert sum(i in then for i in ids) / len(ids) >= 0.7
    assert any(c.kind == "weekly" and c.value["days"] == [6] for c in res.clauses)


def test_most_played_this_year_counts_plays(db, profile, history):
    res = ask(db, profile, "most played this year", at=NOW, limit=10)
    assert {i.item_id for i in res.items} <= set(history.recent)  # four plays each, the most


def test_nothing_understood_falls_back_to_search(db, profile, history):
    res = ask(db, profile, "qwxzy", at=NOW)
    assert not res.understood and res.fallback is not None
    assert "did not understand" in res.message
    found = ask(db, profile, "jazz artist 3", at=NOW)  # library words: a search-like answer, understood
    assert found.understood and found.items


def test_removing_a_chip_widens_the_answer(db, profile, history):
    res = ask(db, profile, "songs I loved last summer but haven't played lately", at=NOW)
    without_lately = [c for c in res.clauses if c.value.get("is") != "not-lately"]
    wider = ask_clauses(db, profile, res.text, without_lately, at=NOW)
    assert set(history.summer_and_later) & {i.item_id for i in wider.items}


def test_follow_ups_refine_the_same_mix(db, profile, history):
    res = ask(db, profile, "songs I played last summer", at=NOW)
    artist = res.items[0].artist
    less = refine(db, profile, res, "less of this artist", at=NOW)
    assert artist not in {i.artist for i in less.items}
    assert any(c.kind == "time" for c in less.clauses)  # the summer is kept
    new = refine(db, profile, res, "more new", at=NOW)
    assert all(i.item_id not in history.played for i in new.items)
    calmer = refine(db, profile, ask(db, profile, "rock", at=NOW), "calmer", at=NOW)
    assert calmer.items and any(c.kind == "sound" for c in calmer.clauses)


def test_like_a_track_but_calmer(db, profile, history):
    res = ask(db, profile, "like rock song 70 but calmer", at=NOW)
    assert [c.kind for c in res.clauses][:2] == ["like", "sound"]
    assert all(i.title != "rock song 70" for i in res.items)


def _genres(h: History, item_id: int) -> list[str]:
    return [g for g, ids in h.library.items() if item_id in ids]
