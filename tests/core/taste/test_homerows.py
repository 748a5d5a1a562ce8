"""HOME_ROWS: one registry that the home, get_row and the row order read."""

from __future__ import annotations

from datetime import timedelta

from companion.core.taste import homerows
from companion.core.taste.home import build_home, get_row
from companion.core.taste.homerows import HOME_ROWS, HomeRow, base_order, family, spec_for
from companion.core.taste.ordering import order_rows


def test_every_row_module_registers_once_in_base_order():
    ids = [s.id for s in HOME_ROWS]
    assert ids[0] == "now" and len(ids) == len(set(ids))
    assert [s.order for s in HOME_ROWS] == sorted(s.order for s in HOME_ROWS)
    for expected in (
        "continue",
        "daily-",
        "because-",
        "discover",
        "on-repeat",
        "up-next",
        "recommended-videos",
    ):
        assert expected in ids
    assert {"new", "rediscover", "mood-"} <= set(ids)


def test_lookups_follow_the_registry():
    assert spec_for("daily-3").id == "daily-" and family("daily-3") == "daily-"
    assert spec_for("now").id == "now" and family("now") == "now"
    assert spec_for("because-123").find is not None
    assert spec_for("no-such-row") is None and base_order("no-such-row") > base_order("mood-chill")
    assert base_order("continue") < base_order("daily-1") < base_order("because-9")


def test_title_rules_are_patterns():
    daily = spec_for("daily-1")
    assert daily.title_fits("Daily Mix 2: Jazz & Soul") and daily.title_fits("Daily Mix 3")
    assert not daily.title_fits("Because you played X")
    assert spec_for("on-repeat").title_fits("On repeat") and not spec_for("on-repeat").title_fits(
        "On repeat!"
    )


def test_every_row_built_fits_its_rule_and_opens_as_a_whole_mix(db, profile, listened):
    lib, end = listened
    at = end + timedelta(days=1, hours=19)
    rows = build_home(db, profile, at=at)
    assert len({r.title for r in rows}) == len(rows)
    for row in rows:
        spec = spec_for(row.id)
        assert spec is not None and spec.title_fits(row.title), (row.id, row.title)
        whole = get_row(db, profile, row.id, at=at)
        assert whole is not None and whole.title == row.title
        assert [i.item_id for i in whole.items[: len(row.items)]] == [i.item_id for i in row.items]


def test_a_new_row_is_one_module(tmp_path, monkeypatch, db, profile, listened):
    """What "How to add a row" in docs/architecture.md promises: a module in the package declaring ROW is
    found by the registry, built by the home in its order, and opened by get_row."""
    import sys

    lib, end = listened
    (tmp_path / "ten_from_the_top.py").write_text(
        "from companion.core.taste.homerows import Draft, HomeRow\n"
        "def build(v, limit, built):\n"
        "    return [Draft('ten', 'Ten from the top', 'The first ten', list(range(10)))]\n"
        "ROW = HomeRow(id='ten', order=15, title='Ten from the top', build=build)\n",
        encoding="utf-8",
    )
    monkeypatch.setattr(homerows, "__path__", [*homerows.__path__, str(tmp_path)])
    monkeypatch.delitem(sys.modules, "companion.core.taste.homerows.ten_from_the_top", raising=False)
    found = homerows._discover()
    assert [s.id for s in found].index("ten") == [s.id for s in found].index(
        "jump-back-in"
    ) + 1  # after continue (10), jump-back-in (12)
    from companion.core.taste import home as home_module

    monkeypatch.setattr(homerows, "HOME_ROWS", found)
    monkeypatch.setattr(home_module, "HOME_ROWS", found)
    at = end + timedelta(days=1, hours=19)
    ids = [r.id for r in build_home(db, profile, at=at)]
    assert "ten" in ids and ids.index("ten") < ids.index("daily-1")
    assert len(get_row(db, profile, "ten", at=at).items) == 10


def test_order_rows_uses_base_order_then_builders_order():
    from companion.core.taste.rows import Row

    rows = [Row(i, i, "music", "") for i in ("mood-chill", "daily-2", "daily-1", "now", "continue")]
    ordered = [r.id for r in order_rows(rows, {}, has_history=True)]
    assert ordered == ["now", "continue", "daily-2", "daily-1", "mood-chill"]


def test_home_row_declares_what_it_differs_from():
    assert spec_for("daily-1").after.get("now") == 0.4
    assert [
        s.id for s in sorted((s for s in HOME_ROWS if s.quick_mix is not None), key=lambda s: s.quick_mix)
    ] == ["now", "daily-", "mood-", "continue"]  # the tray's quick mixes
    assert isinstance(spec_for("because-1"), HomeRow) and spec_for("because-1").after.get("daily-") == 0.4
