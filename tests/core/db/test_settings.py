"""The ``settings`` table: JSON text stored by name, written together, replaced in place."""

from __future__ import annotations

from companion.core.db import settings as settings_db


def test_values_are_stored_by_name_and_replaced_in_place(db):
    assert settings_db.stored(db) == {}
    settings_db.store(db, {"theme": '"dark"', "volume": "0.5"})
    settings_db.store(db, {"volume": "0.8"})
    assert settings_db.stored(db) == {"theme": '"dark"', "volume": "0.8"}
    assert db.execute("SELECT count(*) FROM settings").fetchone()[0] == 2
