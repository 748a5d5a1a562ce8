"""A second launch reaches the running instance: real second processes, a real lock, real files."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from companion.core.errors import CompanionError
from companion.ui.single_instance import SingleInstance, claim_or_forward, connect_window, instance_dir

ROOT = Path(__file__).resolve().parents[2]


def _launch(code: str, *args: str, cwd: Path | None = None) -> subprocess.Popen:
    """A separate Python process (a later Companion launch) running ``code``."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), QT_QPA_PLATFORM="offscreen")
    return subprocess.Popen(
        [sys.executable, "-c", textwrap.dedent(code), *args],
        cwd=cwd,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


SECOND_LAUNCH = """
    import sys
    from companion.core.paths import resolve_profile
    from companion.ui.single_instance import claim_or_forward
    instance = claim_or_forward(resolve_profile(sys.argv[1]), sys.argv[2:], timeout_s=10)
    print("forwarded" if instance is None else "primary")
"""


@pytest.fixture
def running(qapp, profile):
    instance = SingleInstance(instance_dir(profile))
    assert instance.claim()
    yield instance
    instance.release()


def test_second_launch_passes_its_files_and_exits(qtbot, running, profile, tmp_path):
    work = tmp_path / "Müzik & Filme"
    work.mkdir()
    with qtbot.waitSignal(running.activated, timeout=15_000) as got:
        proc = _launch(
            SECOND_LAUNCH, str(profile.data_dir), "relative song.flac", "/abs/ファイル.mp3", cwd=work
        )
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 0, err
    assert out.strip() == "forwarded"
    # Relative names are resolved against the second launch's own folder.
    assert got.args == [[str(work / "relative song.flac"), "/abs/ファイル.mp3"]]
    assert not list(running.inbox.iterdir()), "the request is consumed"


def test_connect_window_raises_the_window_and_opens_the_files(qtbot, running, profile):
    from PySide6.QtWidgets import QWidget

    window = QWidget()
    qtbot.addWidget(window)
    window.showMinimized()
    opened: list[list[str]] = []
    connect_window(running, window, open_files=opened.append)
    with qtbot.waitSignal(running.activated, timeout=15_000):
        proc = _launch(SECOND_LAUNCH, str(profile.data_dir), "/music/a.ogg")
    proc.communicate(timeout=20)
    assert opened == [["/music/a.ogg"]]
    assert window.isVisible() and not window.isMinimized()

    opened.clear()  # a launch without files only brings the window forward
    with qtbot.waitSignal(running.activated, timeout=15_000) as got:
        proc = _launch(SECOND_LAUNCH, str(profile.data_dir))
    proc.communicate(timeout=20)
    assert got.args == [[]] and opened == []


def test_first_launch_is_primary_and_same_process_cannot_claim_twice(qapp, profile):
    first = claim_or_forward(profile)
    try:
        assert first is not None
        assert not SingleInstance(instance_dir(profile)).claim()
    finally:
        first.release()
    again = SingleInstance(instance_dir(profile))
    assert again.claim(), "released locks are free again"
    again.release()


def test_a_crashed_instance_does_not_block_the_next_start(qapp, profile):
    holder = _launch(
        """
        import sys, time
        from pathlib import Path
        from companion.ui.single_instance import SingleInstance
        instance = SingleInstance(Path(sys.argv[1]))
        assert instance.claim()
        print("locked", flush=True)
        time.sleep(60)
    """,
        str(instance_dir(profile)),
    )
    assert holder.stdout.readline().strip() == "locked"
    assert not SingleInstance(instance_dir(profile)).claim()
    holder.send_signal(signal.SIGKILL)
    holder.wait(timeout=10)
    holder.stdout.close()
    holder.stderr.close()
    after = SingleInstance(instance_dir(profile))
    assert after.claim(), "the dead owner's lock is stale"
    after.release()


def test_an_instance_that_does_not_answer_gives_one_clear_error(qapp, profile):
    holder = _launch(
        """
        import sys, time
        from pathlib import Path
        from companion.ui.single_instance import SingleInstance
        instance = SingleInstance(Path(sys.argv[1]))
        assert instance.claim()   # holds the lock but never runs its event loop
        print("locked", flush=True)
        time.sleep(60)
    """,
        str(instance_dir(profile)),
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        started = time.monotonic()
        with pytest.raises(CompanionError, match="already running"):
            claim_or_forward(profile, ["/x.mp3"], timeout_s=0.5)
        assert time.monotonic() - started < 5
        assert not list((instance_dir(profile) / "inbox").glob("*.json")), "no request is left behind"
    finally:
        holder.kill()
        holder.communicate(timeout=10)


def test_old_requests_from_before_the_start_are_dropped_and_broken_ones_do_not_crash(qtbot, profile):
    inbox = instance_dir(profile) / "inbox"
    inbox.mkdir(parents=True)
    old = inbox / "1-old.request.json"
    old.write_text('{"files": ["/old.mp3"]}')
    os.utime(old, (time.time() - 3600, time.time() - 3600))
    broken = inbox / "2-broken.request.json"
    broken.write_text("{not json")
    instance = SingleInstance(instance_dir(profile))
    try:
        with qtbot.waitSignal(instance.activated, timeout=5_000) as got:
            assert instance.claim()
        assert got.args == [[]]  # the broken one still brings the window forward
        assert not old.exists() and not broken.exists()
    finally:
        instance.release()


def test_claimed_before_the_qapplication_exists_as_app_py_does(profile):
    primary = _launch(
        """
        import sys
        from companion.core.paths import resolve_profile
        from companion.ui.single_instance import claim_or_forward, connect_window
        instance = claim_or_forward(resolve_profile(sys.argv[1]))       # before any QApplication
        from PySide6.QtCore import QTimer
        from PySide6.QtWidgets import QApplication, QWidget
        app = QApplication([])
        window = QWidget()
        connect_window(instance, window, open_files=lambda files: (print("opened", files, flush=True), app.quit()))
        QTimer.singleShot(0, lambda: print("ready", flush=True))
        QTimer.singleShot(20000, lambda: app.exit(3))
        sys.exit(app.exec())
    """,
        str(profile.data_dir),
    )
    try:
        assert primary.stdout.readline().strip() == "ready"
        second = _launch(SECOND_LAUNCH, str(profile.data_dir), "/music/b.mp3")
        out, err = second.communicate(timeout=20)
        assert out.strip() == "forwarded", err
        assert primary.stdout.readline().strip() == "opened ['/music/b.mp3']"
        assert primary.wait(timeout=20) == 0
    finally:
        primary.kill()
        primary.communicate(timeout=10)
