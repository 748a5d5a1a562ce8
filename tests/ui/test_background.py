"""The window's work in the background: the taste service seen from the window (the home comes from the child,
survives its death, and closes cleanly), and ui/background.py's folder watching on its own."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from companion.core.library.folders import add_folder
from companion.core.store import Store
from companion.ui.background import Background
from companion.ui.tasks import TaskRunner

linux_only = pytest.mark.skipif(
    not sys.platform.startswith("linux"), reason="reads /proc and sends POSIX signals"
)


def _gone(pid: int) -> bool:
    """No such process any more (a zombie whose parent is gone counts as gone)."""
    try:
        state = Path(f"/proc/{pid}/stat").read_text().split(")")[-1].split()[0]
    except (FileNotFoundError, ProcessLookupError):
        return True
    return state in ("Z", "X")


def _wait_gone(pid: int, timeout_s: float = 10.0) -> bool:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if _gone(pid):
            return True
        time.sleep(0.05)
    return False


def _music_strip(window):
    return next(
        s
        for s in window.home.strips.values()
        if all(i.kind == "music" for i in s.row.items) and len(s.row.items) >= 2
    )


def test_the_home_is_built_in_the_taste_process(qtbot, built, monkeypatch):
    import companion.core.taste.home as home_module

    c = built.controller
    worker = c.backend.worker
    assert worker is not None and worker.is_alive()
    assert worker.pid != os.getpid()
    assert worker.call("pid", timeout=30) == worker.pid

    def not_here(*_a, **_k):
        raise AssertionError("the home was built in the window's process")

    monkeypatch.setattr(home_module, "build_home", not_here)
    with qtbot.waitSignal(c.homeReady, timeout=30_000) as got:
        c.refresh_home()
    assert got.args[0].rows, "the rows came from the child"
    assert built.window.home.strips


def test_a_like_updates_the_home_in_place_through_the_child(qtbot, built):
    w, c = built.window, built.controller
    pid = c.backend.worker.pid
    strip = _music_strip(w)
    row_id, item = strip.row.id, strip.row.items[0]
    with qtbot.waitSignal(c.homeReady, timeout=30_000):
        c.item_action("like", item, row_id, 0)
    assert c.home_data.liked.get(item.item_id) == 1, "the child saw the like the window wrote"
    assert w.home.strips[row_id] is strip, "the row was updated in place, not rebuilt"
    from companion.ui.home.model import LikedRole

    pos = next(k for k in range(strip.model.rowCount()) if strip.model.item(k).item_id == item.item_id)
    assert strip.model.index(pos).data(LikedRole) == 1
    assert c.backend.worker.pid == pid, "the same long-lived child answered"


@linux_only
def test_a_killed_child_is_started_again(qtbot, built):
    c = built.controller
    worker = c.backend.worker
    first = worker.pid
    os.kill(first, signal.SIGKILL)
    assert _wait_gone(first)
    with qtbot.waitSignal(
        c.homeReady, timeout=60_000
    ) as got:  # idle when it died: the next request restarts it
        c.refresh_home()
    assert got.args[0].rows
    second = worker.pid
    assert second not in (None, first) and worker.is_alive()

    # dying with a request in hand: that request is sent again to the new child
    os.kill(second, signal.SIGSTOP)
    fut = worker.submit("home")
    time.sleep(0.2)
    os.kill(second, signal.SIGKILL)
    rows, _played, _liked = fut.result(timeout=60)
    assert rows and worker.pid not in (first, second)
    assert worker.restarts >= 1


@linux_only
def test_closing_the_window_ends_the_child(qtbot, demo_profile):
    from companion.app import build
    from companion.core.db import open_profile_db
    from companion.core.demo import ensure_demo

    conn = open_profile_db(demo_profile)
    ensure_demo(conn, demo_profile)
    conn.close()
    parts = build(demo_profile, background=False)
    qtbot.addWidget(parts.window)
    parts.window.show()
    worker = parts.controller.backend.worker
    pid = worker.pid
    fut = worker.submit("home")  # still computing (or just answered) when the window closes
    t = time.monotonic()
    parts.close()
    parts.window.close()
    assert time.monotonic() - t < 8
    assert _gone(pid), "no taste process is left behind"
    assert fut.done()
    assert worker.pid is None and not worker.is_alive()
    from companion.core.jobs.protocol import WorkerClosed

    with pytest.raises(WorkerClosed):
        worker.call("pid", timeout=5)


@linux_only
def test_the_child_ends_when_the_window_process_crashes(tmp_path, demo_profile):
    script = (
        "import os, sys\n"
        "from companion.core.paths import resolve_profile\n"
        "from companion.core.jobs.operations import TasteService\n"
        "if __name__ == '__main__':\n"
        "    w = TasteService(resolve_profile(sys.argv[1]).ensure())\n"
        "    print(w.call('pid', timeout=60), flush=True)\n"
        "    os._exit(3)   # a crash: no atexit, no close\n"
    )
    path = tmp_path / "crash.py"
    path.write_text(script)
    out = subprocess.run(
        [sys.executable, str(path), str(demo_profile.data_dir)], capture_output=True, text=True, timeout=120
    )
    assert out.returncode == 3, out.stderr[-2000:]
    child = int(out.stdout.strip().splitlines()[-1])
    assert _wait_gone(child, 10), "the orphaned taste process ended by itself"


@pytest.mark.first_start  # the window keeps the last home its first start made
def test_the_last_home_is_painted_first_then_replaced_in_place(qtbot, built, demo_library):
    from companion.app import build
    from companion.core.jobs.last_home import LAST_HOME_FILE, load_last_home

    c = built.controller
    qtbot.waitUntil(lambda: (demo_library.model_dir / LAST_HOME_FILE).exists(), timeout=10_000)
    kept = load_last_home(demo_library.model_dir)
    assert kept is not None and kept[0]
    built.close()
    built.window.close()
    # pretend the last session's picks differ from what the engine will say now
    import dataclasses
    import pickle

    stale = [dataclasses.replace(r, items=tuple(reversed(r.items))) for r in kept[0]]
    data = pickle.loads((demo_library.model_dir / LAST_HOME_FILE).read_bytes())
    data["home"] = (stale, kept[1], kept[2])
    (demo_library.model_dir / LAST_HOME_FILE).write_bytes(pickle.dumps(data))

    # with the model still usable the home for now is moments away: the last home is not painted
    parts = build(demo_library, background=False, start=False)
    qtbot.addWidget(parts.window)
    try:
        parts.controller.show_last_home()
        qtbot.wait(1500)
        assert parts.controller.home_data is None
    finally:
        parts.close()
        parts.window.close()

    # one file re-tagged: the model must be refitted first, so the last home is painted meanwhile
    from companion.core.db import open_profile_db

    conn = open_profile_db(demo_library)
    with conn:
        conn.execute("UPDATE items SET updated_at = updated_at + 1 WHERE id = (SELECT min(id) FROM items)")
    conn.close()
    parts = build(demo_library, background=False, start=False)
    qtbot.addWidget(parts.window)
    w, c = parts.window, parts.controller
    try:
        w.resize(1280, 820)
        w.show()
        w.show_page("home")
        c.show_last_home()
        qtbot.waitUntil(lambda: c.home_data is not None, timeout=10_000)
        assert c.home_provisional
        assert [r.id for r in c.home_data.rows] == [r.id for r in stale]
        strips = dict(w.home.strips)
        with qtbot.waitSignal(c.homeReady, timeout=60_000) as got:
            c.refresh_home()
        assert not c.home_provisional
        fresh = got.args[0]
        assert [(r.id, [i.item_id for i in r.items]) for r in c.home_data.rows] == [
            (r.id, [i.item_id for i in r.items]) for r in fresh.rows
        ], "the home for now replaced the last one"
        kept_rows = [rid for rid in strips if rid in w.home.strips]
        assert kept_rows and all(w.home.strips[rid] is strips[rid] for rid in kept_rows), (
            "rows updated in place"
        )
    finally:
        parts.close()
        w.close()


@linux_only
def test_a_worker_that_keeps_dying_is_given_up_and_the_home_still_comes(qtbot, built):
    c = built.controller
    worker = c.backend.worker
    pid = worker.pid
    worker._deaths = [time.monotonic()] * 10  # as if it had died over and over this last minute
    os.kill(pid, signal.SIGKILL)
    assert _wait_gone(pid)
    qtbot.waitUntil(lambda: worker._proc is None, timeout=10_000)  # the reader saw it go
    with qtbot.waitSignal(c.homeReady, timeout=60_000) as got:
        c.refresh_home()
    assert got.args[0].rows, "built in the window's own workers instead"
    assert c.backend.worker is None and not worker.is_alive()
    assert c.backend.search("chill") is not None  # the rest of the taste calls work in process too


FREEZE = """
import gc, sys
from companion.app import build, freeze_after_first_home, wait_for
from companion.core.paths import resolve_profile
parts = build(resolve_profile(sys.argv[1]), background=False)
before = gc.get_freeze_count()
freeze_after_first_home(parts.controller)
parts.window.show()
wait_for(lambda: parts.controller.home_data is not None, 60)
wait_for(lambda: False, 0.2)
first = gc.get_freeze_count()
parts.controller.refresh_home()
wait_for(lambda: False, 1.0)
print(before, first, gc.get_freeze_count())
parts.close()
"""


def test_what_the_start_made_is_left_out_of_full_collections(demo_profile):
    """After the first home, the application freezes the objects the start made (a full collection over
    them took 70 ms of the UI thread during a scan); only once. In a process of its own: freezing would keep
    the test session's garbage."""
    import subprocess
    import sys

    from companion.core.db import open_profile_db
    from companion.core.demo import ensure_demo

    conn = open_profile_db(demo_profile)
    ensure_demo(conn, demo_profile)
    conn.close()
    env = dict(__import__("os").environ, QT_QPA_PLATFORM="offscreen")
    out = subprocess.run(
        [sys.executable, "-c", FREEZE, str(demo_profile.data_dir)],
        capture_output=True,
        text=True,
        timeout=120,
        env=env,
    )
    before, first, later = map(int, out.stdout.split()[-3:])
    assert before == 0 and first > 10_000 and later <= first, out.stderr  # (frozen objects freed since go)


# --- Background on its own (no window): folder watching follows the setting; nothing starts once stopped


def test_watching_follows_the_setting_and_nothing_starts_after_stop(profile, tmp_path):
    music = tmp_path / "Music"
    music.mkdir()
    store = Store(profile)
    add_folder(store.conn(), str(music))
    runner = TaskRunner()
    messages: list[str] = []
    bg = Background(store, runner, messages.append, lambda: None)
    try:
        bg.set_watching(True)
        watcher = bg._watcher
        assert watcher is not None and watcher._observer.is_alive()
        bg.set_watching(True)
        assert bg._watcher is watcher, "one watcher"
        bg.set_watching(False)
        assert bg._watcher is None and watcher._observer is None
        bg.stop()
        bg.set_watching(True)
        bg.analyse()
        assert bg._watcher is None and bg._analysis is None, "the window is closing: nothing new starts"
        assert messages == []
    finally:
        bg.stop()
        runner.shutdown()
        store.close_all()
