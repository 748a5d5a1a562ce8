"""The Flow dialog: from the home's Flow… button, Play makes an arc from the person's music and plays it."""

from __future__ import annotations

import random

from companion.core.analysis.features import VERSION
from companion.core.analysis.table import write_results
from companion.core.flow.arc import spearman
from companion.core.flow.order import PITCHES
from companion.ui.flow_dialog import FlowDialog

WAIT = 30_000


def test_dialog_choices(qtbot):
    dialog = FlowDialog()
    qtbot.addWidget(dialog)
    assert dialog.choice() == (None, "energetic", 60)
    dialog.start.setCurrentText("Calm")
    dialog.minutes.setValue(30)
    got = []
    dialog.chosen.connect(lambda *a: got.append(a))
    dialog.accept()
    assert got == [("calm", "energetic", 30)]


def test_flow_button_plays_an_arc(qtbot, built):
    w, c, player = built.window, built.controller, built.player
    conn = c.backend.store.conn()
    rng = random.Random(2)
    energy = {}
    rows = []
    for (item_id,) in conn.execute("SELECT id FROM items WHERE kind = 'music'").fetchall():
        e = energy[item_id] = round(rng.uniform(0.05, 0.95), 3)
        rows.append(
            (item_id, {"energy": e, "bpm": 65 + 80 * e, "key": rng.choice(PITCHES), "mode": "major"}, None)
        )
    write_results(conn, VERSION, rows)
    w.home.flow_button.click()
    dialog = c.lists.last_box
    assert isinstance(dialog, FlowDialog) and dialog.isVisible()
    dialog.start.setCurrentText("Calm")
    dialog.minutes.setValue(30)
    with qtbot.waitSignal(player.currentChanged, timeout=WAIT):
        dialog.accept()
    queued = [e.item_id for e in player.queue.entries]
    assert len(queued) >= 5
    e = [energy[i] for i in queued if i in energy]
    assert spearman(list(range(len(e))), e) >= 0.7
