"""Search: typos and accents forgiven, intent words give a ready mix, ranking by taste."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import pytest

from companion.core.events.record import record_event
from companion.core.taste.home import forget_state
from companion.core.taste.search import search
from companion.core.taste.textmatch import fold, within_one_edit


@pytest.fixture(autouse=True)
def _fresh_state():
    forget_state()
    yield
    forget_state()


def _add(db, path, kind="music", **cols):
    cols = {"title": None, "artist": None, "album": None, "genres": None, **cols}
    keys = ", ".join(["path", "kind", "added_at", "updated_at", *cols])
    marks = ", ".join("?" * (4 + len(cols)))
    with db:
        return int(
            db.execute(
                f"INSERT INTO items({keys}) VALUES ({marks})", (path, kind, 0.0, 0.0, *cols.values())
            ).lastrowid
        )


@pytest.fixture
def shelf(db):
    ids = {
        "joga": _add(
            db,
            "/m/bjork/joga.flac",
            title="Jóga",
            artist="Björk",
            album="Homogenic",
            genres=json.dumps(["art pop"]),
        ),
        "hunter": _add(
            db,
            "/m/bjork/hunter.flac",
            title="Hunter",
            artist="Björk",
            album="Homogenic",
            genres=json.dumps(["art pop"]),
        ),
        "faith": _add(
            db,
            "/m/cure/faith.flac",
            title="Faith",
            artist="The Cure",
            album="Faith",
            genres=json.dumps(["post-punk"]),
        ),
        "space": _add(
            db,
            "/v/Films/Interstellar (2014).mkv",
            kind="video",
            title="Interstellar",
            genres=json.dumps(["sci-fi", "drama"]),
        ),
        "romcom": _add(
            db,
            "/v/Films/Notting Hill (1999).mkv",
            kind="video",
            title="Notting Hill",
            genres=json.dumps(["romance", "comedy"]),
        ),
    }
    for k in range(14):
        ids[f"amb{k}"] = _add(
            db,
            f"/m/eno/{k}.flac",
            title=f"Ambient piece {k}",
            artist=f"Eno {k % 7}",
            album=f"Music for Airports {k}",
            genres=json.dumps(["ambient"]),
            bpm=70.0,
        )
    return ids


def test_accents_and_typos_are_forgiven(db, profile, shelf):
    assert fold("Björk Jóga") == "bjork joga"
    assert within_one_edit("hunetr", "hunter") and not within_one_edit("hunter", "faith")
    res = search(db, profile, "bjork")
    assert {i.item_id for i in res.items} == {shelf["joga"], shelf["hunter"]}
    assert res.artists == ("Björk",)
    assert search(db, profile, "BJÖRK joga").items[0].item_id == shelf["joga"]
    assert search(db, profile, "hunetr").items[0].item_id == shelf["hunter"]
    assert ("Homogenic", "Björk") in search(db, profile, "homogenc").albums
    assert search(db, profile, "the cure faith").items[0].item_id == shelf["faith"]
    assert search(db, profile, "qqqqqq").items == ()


def test_ranked_by_taste(db, profile, shelf):
    at = datetime.now(UTC)
    for k in range(3):
        record_event(
            db,
            shelf["hunter"],
            "completed",
            ts=(at - timedelta(hours=k + 1)).timestamp(),
            position=200.0,
            duration=200.0,
        )
    res = search(db, profile, "bjork")
    assert res.items[0].item_id == shelf["hunter"]


def test_intent_gives_a_ready_mix(db, profile, shelf):
    res = search(db, profile, "chill vibes")
    assert res.intent == "mood:chill" and res.mix is not None and res.mix.id == "mood-chill"
    assert {i.item_id for i in res.mix.items} <= {shelf[f"amb{k}"] for k in range(14)}
    space = search(db, profile, "movies about space")
    assert space.intent == "topic:space"
    assert [i.item_id for i in space.items] == [shelf["space"]]
    assert search(db, profile, "workout").intent == "mood:energetic"
    assert search(db, profile, "sad songs").intent == "mood:melancholic"


def test_a_disliked_item_is_found_and_says_so_but_never_mixed(db, profile, shelf):
    """A search is an explicit ask (and the way to find a dislike to undo it); mixes still leave it out."""
    from companion.core.taste.search import DISLIKED_REASON

    record_event(db, shelf["faith"], "dislike")
    found = search(db, profile, "faith")
    assert [i.item_id for i in found.items] == [shelf["faith"]]
    assert found.items[0].reason == DISLIKED_REASON
    assert all(i.item_id != shelf["faith"] for i in (found.mix.items if found.mix else ()))


def test_names_made_of_intent_words_are_still_found(db, profile, shelf):
    """QA session 2, B12: "Something", "Music", "Play", "The Show" found nothing (all stop words)."""
    ids = {
        "something": _add(
            db, "/m/beatles/something.flac", title="Something", artist="The Beatles", album="Abbey Road"
        ),
        "music": _add(db, "/m/madonna/music.flac", title="Music", artist="Madonna", album="Music"),
        "play": _add(db, "/m/moby/porcelain.flac", title="Porcelain", artist="Moby", album="Play"),
        "show": _add(db, "/m/lenka/show.flac", title="The Show", artist="Lenka", album="Lenka"),
        "some": _add(db, "/m/x/some.flac", title="some title", artist="some artist", album="some album"),
    }
    for query, key in (
        ("something", "something"),
        ("music", "music"),
        ("play", "play"),
        ("the show", "show"),
        ("some artist", "some"),
    ):
        found = [i.item_id for i in search(db, profile, query).items]
        assert found and found[0] == ids[key], (query, found)
    assert search(db, profile, "something ambient").items[0].item_id != ids["something"], (
        "with more words the query is an intent again"
    )
