"""AutoDj: two early skips in a row while radio plays choose the upcoming radio again, and say so."""

from __future__ import annotations

from companion.core.playqueue import entries_from_db
from companion.core.settings import update_setting
from companion.playback.autodj import AutoDj
from companion.ui.tasks import TaskRunner
from tests.playback.conftest import wait_position


def test_two_early_skips_rechoose_the_radio(qtbot, player, store, make_track):
    update_setting(store.conn(), "auto_dj", True)
    tracks = [make_track(f"r{'x' * k}.flac", 40.0) for k in range(6)]
    fresh = make_track("fresh.flac", 40.0)
    asked: list[list[int]] = []

    def source(seeds):
        asked.append(seeds)
        return entries_from_db(store.conn(), [fresh])

    dj = AutoDj(player, source, TaskRunner())
    said: list[str] = []
    dj.steered.connect(said.append)
    player.play_entries(entries_from_db(store.conn(), tracks, start_reason="radio"))
    wait_position(qtbot, player, 0.3)
    player.next()  # an early skip ...
    qtbot.waitUntil(
        lambda: player.current() is not None and player.current().item_id == tracks[1], timeout=10_000
    )
    wait_position(qtbot, player, 0.3)
    assert said == []
    player.next()  # ... and another one
    qtbot.waitUntil(lambda: said == ["Less like this for now"], timeout=10_000)
    qtbot.waitUntil(lambda: any(e.item_id == fresh for e in player.queue.entries), timeout=10_000)
    ahead = [e.item_id for e in player.queue.entries[player.queue.index + 1 :]]
    assert ahead == [fresh] and asked and asked[-1][-1] == tracks[2]
    dj.close()


def test_the_desktop_parts_import_no_numpy():
    """The tray, media keys and auto-DJ are made in the window at start: the taste engine's arrays stay in
    its process (the auto-DJ's message once pulled in numpy, 0.35 s of the window's CPU)."""
    import os
    import subprocess
    import sys

    code = (
        "import sys, companion.playback.autodj, companion.playback.mpris, companion.ui.tray; "
        "print(sorted(m for m in ('numpy', 'scipy', 'sklearn') if m in sys.modules))"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, timeout=60)
    assert out.stdout.strip() == "[]", out.stdout + out.stderr[-2000:]
