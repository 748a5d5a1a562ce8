"""The last home: kept after each home the service builds, ignored when damaged or old; whether a refit is coming."""

from __future__ import annotations

import time

from companion.core.jobs.last_home import LAST_HOME_FILE, load_last_home, refit_coming, save_last_home
from companion.core.jobs.operations import TasteService


def _cards(rows):
    return [(r.id, [i.item_id for i in r.items]) for r in rows]


def test_the_home_is_kept_for_the_next_start(worker, profile):
    rows, _p, _l = worker.call("home", timeout=120)
    deadline = time.monotonic() + 10
    while not (profile.model_dir / LAST_HOME_FILE).exists() and time.monotonic() < deadline:
        time.sleep(0.05)
    kept = load_last_home(profile.model_dir)
    assert kept is not None and _cards(kept[0]) == _cards(rows)


def test_a_damaged_or_old_last_home_is_ignored(profile):
    assert load_last_home(profile.model_dir) is None
    profile.model_dir.mkdir(parents=True, exist_ok=True)
    (profile.model_dir / LAST_HOME_FILE).write_bytes(b"not a pickle")
    assert load_last_home(profile.model_dir) is None
    save_last_home(profile.model_dir, ([], frozenset(), {}))  # an empty home is not worth keeping
    assert (profile.model_dir / LAST_HOME_FILE).read_bytes() == b"not a pickle"


def test_a_refit_is_coming_without_a_model_for_this_library(profile, db, listened):
    assert refit_coming(db, profile.model_dir)  # nothing fitted yet
    w = TasteService(profile, prefetch=False)
    try:
        w.call("home", timeout=120)
    finally:
        w.close()
    assert not refit_coming(db, profile.model_dir)  # fitted for this library
    with db:
        db.execute("UPDATE items SET updated_at = updated_at + 1 WHERE id = (SELECT min(id) FROM items)")
    assert refit_coming(db, profile.model_dir)  # the library changed since
