from benchmarks.eval.recent_baseline import PlayedLastDays
from tests.benchmarks.eval.test_music_baselines import AT, DAY, _items, _plays


def test_what_was_played_in_the_last_three_days_most_often_first(db, profile):
    a, b, c, d, *_ = _items(db, 60)
    for item, n, ago in ((a, 1, 2.5), (b, 2, 1.0), (c, 9, 3.5), (d, 4, -0.1)):  # c: too old; d: the future
        _plays(db, item, n, AT.timestamp() - ago * DAY)
    src = PlayedLastDays(seed=1)
    assert src.name == "played in the last 3 days"
    assert src.ranked(db, AT) == [b, a]
    mix = src.home(db, profile, AT)["now"]
    assert mix[:2] == [b, a] and len(set(mix)) == 50
