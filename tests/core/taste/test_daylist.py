"""The moment's title: the day part and what sets this moment apart (smoothed log-odds)."""

from __future__ import annotations

import math
from datetime import timedelta

from companion.core.taste import home
from companion.core.taste.daylist import daylist_title, descriptors, log_odds


def test_log_odds_is_smoothed_and_signed():
    assert log_odds(50, 100, 50, 100) == 0.0
    assert log_odds(80, 100, 20, 100) > 2.0
    assert log_odds(0, 100, 50, 100) < 0
    assert math.isfinite(log_odds(0, 0, 0, 0))  # nothing known: no division by zero


def test_the_title_names_what_the_moment_holds(db, profile, listened):
    lib, end = listened
    morning = end + timedelta(days=1, hours=8, minutes=30)
    v, _ = home._view(db, profile, morning)
    jazz = [int(i) for i in v.lib.index_of(lib["jazz"][:20])]
    rock = [int(i) for i in v.lib.index_of(lib["rock"][:20])]
    assert descriptors(v, jazz)[1] == "jazz"
    assert descriptors(v, rock)[1] is None  # rock is the evening's: it does not set the morning apart
    assert descriptors(v, jazz[:5] + rock[:10])[1] is None  # a row of mostly rock is not named jazz
    assert daylist_title(v, jazz) == "Tuesday morning: jazz"
    assert daylist_title(v, []) == "Tuesday morning"
