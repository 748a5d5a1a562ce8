"""The backend's Ask, Replay and keep-out calls without a taste service (computed in this process)."""

from __future__ import annotations

import pytest

from companion.core.errors import UsageError
from companion.core.store import Store
from companion.ui.backend import Backend
from companion.ui.backend_taste import TasteCalls
from tests.core.taste.listening_history import make_history


def test_ask_replay_and_keep_out_in_process(db, profile):
    h = make_history(db)
    backend = Backend(Store(profile))
    assert isinstance(backend, TasteCalls) and backend.worker is None
    asked = backend.ask("jazz this year")
    assert asked.is_prompt and asked.items
    fewer = backend.ask(asked.text, [c for c in asked.clauses if c.kind == "genre"])
    assert [c.kind for c in fewer.clauses] == ["genre"]
    periods, replay = backend.replay("2026-10")
    assert "2026-10" in periods and replay.period == "2026-10"
    rule = backend.add_keep_out("track", str(h.recent[0]))
    hidden, suggestion = backend.keep_out()
    assert [x.rule.id for x in hidden] == [rule.id] and hidden[0].events == 4 and suggestion is None
    assert backend.keep_out_suggestion() is None  # the home card's call: the suggestion alone
    backend.remove_keep_out(rule.id)
    assert backend.keep_out()[0] == []
    with pytest.raises(UsageError):
        backend.add_keep_out("time", "whenever")
    backend.dismiss_suggestion("playlist:1")
