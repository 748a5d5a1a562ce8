"""The keep-out suggestion's card: on the home when a short list is looped at night (kept out with one click,
or dismissed for good), in Settings > Privacy the same card; nothing is applied without the person."""

from __future__ import annotations

import time
from types import SimpleNamespace

from PySide6.QtWidgets import QWidget

from companion.core.db import connect
from companion.core.db import events as event_db
from companion.core.db import playlists as playlist_db
from companion.core.db.events import NewEvent
from companion.ui.suggestion_card import SuggestionCard
from tests.ui.conftest import open_demo_window


def test_the_card_shows_a_suggestion_and_says_what_the_person_chose(qtbot):
    page = QWidget()
    card = SuggestionCard(page)
    qtbot.addWidget(page)
    page.show()
    assert not card.isVisible()  # nothing to suggest: no card
    s = SimpleNamespace(
        key="loop:1", kind="playlist", value="1", artist=None, text="Sleep is played every night"
    )
    card.show_suggestion(s)
    assert card.isVisible() and card.text.text() == s.text
    with qtbot.waitSignal(card.accepted) as kept:
        card.keep_button.click()
    assert kept.args == [s]
    with qtbot.waitSignal(card.dismissed) as dismissed:
        card.dismiss_button.click()
    assert dismissed.args == ["loop:1"]
    card.show_suggestion(None)
    assert not card.isVisible()


def _loop_at_night(profile) -> int:
    """Six of the demo's tracks from a "Sleep" playlist, every night of the last twenty (the playlist's id):
    three quarters of the night's plays with the demo's own week."""
    conn = connect(profile.db_path)
    try:
        ids = [r[0] for r in conn.execute("SELECT id FROM items WHERE kind = 'music' ORDER BY id LIMIT 6")]
        entries = [playlist_db.EntryRow(i, f"/sleep/{i}", None, None, None, None, "path", None) for i in ids]
        with conn:
            pid = playlist_db.save(conn, "Sleep", "m3u", None, entries, time.time())
        midnight = time.time() // 86400 * 86400
        nights = [
            NewEvent(
                ids[k],
                "completed",
                midnight - d * 86400 + 23 * 3600 + k * 300,
                0,
                200.0,
                200.0,
                context=f"playlist:{pid}",
            )
            for d in range(1, 21)
            for k in range(6)
        ]
        with conn:
            event_db.insert_many(conn, nights)
        return pid
    finally:
        conn.close()


def test_the_home_offers_to_keep_a_night_loop_out_and_forgets_a_dismissed_one(qtbot, demo_library):
    _loop_at_night(demo_library)
    parts = open_demo_window(qtbot, demo_library, make=False)
    try:
        w, c = parts.window, parts.controller
        card = w.home.suggestion_card
        qtbot.waitUntil(card.isVisible, timeout=30_000)  # asked for once the home is on screen
        assert "Sleep" in card.text.text()
        messages: list[str] = []
        c.message.connect(messages.append)
        card.keep_button.click()
        qtbot.waitUntil(lambda: not card.isVisible(), timeout=30_000)
        qtbot.waitUntil(lambda: any("Kept out of your taste" in m for m in messages), timeout=30_000)
        rules, _ = c.backend.keep_out()
        assert [r.rule.kind for r in rules] == ["playlist"]
        # the rule removed (in Settings, say): the card comes back, and a dismissal is for good
        c.backend.remove_keep_out(rules[0].rule.id)
        c._keep_out_changed()
        qtbot.waitUntil(card.isVisible, timeout=30_000)
        card.dismiss_button.click()
        qtbot.waitUntil(lambda: not card.isVisible(), timeout=30_000)
        assert c.backend.keep_out() == ([], None)
    finally:
        parts.close()
        parts.window.close()
