"""Reading prompts into clauses: time, behaviour, sound, mood, genre, artist, decade, length, negation."""

from __future__ import annotations

from datetime import UTC, datetime

from companion.core.taste.ask_parse import Vocab, parse
from companion.core.taste.context import moment

AT = moment(datetime(2026, 11, 15, 12, 0, tzinfo=UTC))
VOCAB = Vocab(
    genres={"metal": "metal", "jazz": "jazz", "hip hop": "hip hop"},
    artists={"taylor swift": "Taylor Swift", "nils frahm": "Nils Frahm"},
    titles={"blue hour": "Blue Hour"},
    longest=2,
)


def kinds(text: str) -> list[tuple[str, str, bool]]:
    return [(c.kind, c.label, c.negated) for c in parse(text, VOCAB, AT).clauses]


def test_time_spans_are_the_latest_that_began():
    assert ("time", "last summer: Jun-Aug 2026", False) in kinds("songs I played last summer")
    assert ("time", "in March: Mar 2026", False) in kinds("in March")
    assert ("time", "in December: Dec 2025", False) in kinds("in December")
    assert ("time", "this year: 2026", False) in kinds("this year")
    assert ("time", "in 2025", False) in kinds("songs from my 2025, in 2025")
    assert ("time", "last winter: Dec-Feb 2026", False) in kinds("last winter")


def test_times_of_the_week():
    (c,) = [c for c in parse("what I play on Sunday mornings", VOCAB, AT).clauses if c.kind == "weekly"]
    assert c.value == {"days": [6], "hours": [5, 12]}
    (n,) = [c for c in parse("music at night", VOCAB, AT).clauses if c.kind == "weekly"]
    assert n.value["hours"] == [22, 5] and len(n.value["days"]) == 7
    assert not [c for c in parse("night bus", VOCAB, AT).clauses if c.kind == "weekly"]  # a name, not a time
    assert [c.label for c in parse("evenings", VOCAB, AT).clauses] == ["in the evening: 17:00-22:00"]


def test_behaviours_and_not_since():
    got = parse("songs I loved last summer but haven't played lately", VOCAB, AT).clauses
    assert [c.value.get("is") for c in got if c.kind == "behaviour"] == ["not-lately", "loved"]
    since = next(c for c in got if c.value.get("is") == "not-lately")
    assert since.label == "not played since Sep 2026"
    assert datetime.fromtimestamp(since.value["since"], UTC) == datetime(2026, 9, 1, tzinfo=UTC)
    assert kinds("new to me")[0][0] == "behaviour"
    assert [c.value["is"] for c in parse("tracks I skip often", VOCAB, AT).clauses] == ["skipped"]
    assert [c.value["is"] for c in parse("forgotten favourites", VOCAB, AT).clauses] == ["forgotten"]


def test_negation_binds_to_the_next_name_only():
    assert kinds("no metal, something calm") == [
        ("genre", "no metal", True),
        ("mood", "chill (“calm”)", False),
    ]
    assert kinds("jazz without Taylor Swift") == [
        ("genre", "jazz", False),
        ("artist", "without Taylor Swift", True),
    ]
    assert kinds("hip hop") == [("genre", "hip hop", False)]


def test_sound_relative_to_a_track_or_artist():
    got = parse("like Blue Hour but calmer", VOCAB, AT).clauses
    assert [(c.kind, c.value) for c in got] == [
        ("like", {"what": "title", "name": "Blue Hour"}),
        ("sound", {"attribute": "energy", "direction": -1}),
    ]
    assert parse("faster than Nils Frahm", VOCAB, AT).clauses[0].value["attribute"] == "tempo"
    assert parse("more upbeat", VOCAB, AT).clauses[0].value == {"attribute": "valence", "direction": 1}


def test_decades_lengths_and_leftovers():
    got = parse("short 90s songs, long instrumental, not 80s, zebra", VOCAB, AT)
    labels = [c.label for c in got.clauses]
    assert "1990s" in labels and "short: under 3 min" in labels and "not 1980s" in labels
    assert "long: over 6 min" in labels and "instrumental" in labels
    assert got.leftover == ["zebra"]


def test_spans_never_reach_the_future():
    from companion.core.taste import ask_time

    now = ask_time.now_local(AT)
    assert ask_time.season("summer", "this", None, now).label == "this summer: Jun-Aug 2026"
    assert ask_time.month(11, None, True, now).label == "in November: Nov 2025"
    assert ask_time.relative("lately", now) is not None
    assert ask_time.weekly("weekend", None) == ask_time.Weekly((5, 6), (0, 24), "on weekends")
