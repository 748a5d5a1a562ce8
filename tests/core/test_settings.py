from __future__ import annotations

import pytest

from companion.core.errors import UsageError
from companion.core.settings import Settings, load_settings, parse_value, update_setting


def test_defaults_when_nothing_is_stored(db):
    assert load_settings(db) == Settings()


def test_a_change_is_kept(db):
    update_setting(db, "exploration", 0.8)
    assert load_settings(db).exploration == 0.8


@pytest.mark.parametrize(
    "name,value",
    [("exploration", 1.5), ("replaygain", "loud"), ("theme", "pink"), ("private_session", "yes")],
)
def test_bad_values_are_refused_and_the_old_value_kept(db, name, value):
    update_setting(db, "exploration", 0.4)
    with pytest.raises(UsageError):
        update_setting(db, name, value)
    assert load_settings(db).exploration == 0.4


def test_parse_value_types():
    assert parse_value("private_session", "on") is True
    assert parse_value("exploration", "0.25") == 0.25
    with pytest.raises(UsageError):
        parse_value("exploration", "lots")
    with pytest.raises(UsageError):
        parse_value("nonsense", "1")
