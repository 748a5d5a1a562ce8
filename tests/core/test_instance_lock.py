"""The one-window lock without Qt: a kernel lock the owner's death releases, its PID for other commands,
and the requests later launches leave in the inbox."""

from __future__ import annotations

import json
import signal
import subprocess
import sys
import time

import pytest

from companion.core import instance_lock, running
from companion.core.errors import CompanionError
from companion.core.instance_lock import InstanceLock, claim_or_forward, instance_dir


def test_one_holder_at_a_time_even_in_one_process_and_its_pid_is_readable(profile):
    first = claim_or_forward(profile)
    assert first is not None and first.held
    assert first.path.read_text().splitlines()[0] == str(__import__("os").getpid())
    assert not InstanceLock(instance_dir(profile)).claim()
    first.release()
    assert first.path.read_text() == ""  # released: no PID left for ``running.window_pid`` to find
    again = InstanceLock(instance_dir(profile))
    assert again.claim()
    again.release()


def test_a_killed_holder_leaves_no_stale_lock_and_other_commands_see_it_while_it_lives(profile):
    code = (
        "import sys, time\n"
        "from pathlib import Path\n"
        "from companion.core.instance_lock import InstanceLock\n"
        "lock = InstanceLock(Path(sys.argv[1]))\n"
        "assert lock.claim()\n"
        "print('locked', flush=True)\n"
        "time.sleep(60)\n"
    )
    holder = subprocess.Popen(
        [sys.executable, "-c", code, str(instance_dir(profile))], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        assert not InstanceLock(instance_dir(profile)).claim()
        assert running.window_pid(profile) == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=10)
        holder.stdout.close()
    after = InstanceLock(instance_dir(profile))
    assert after.claim(), "the kernel let go of the dead owner's lock"
    after.release()


def test_requests_are_taken_in_order_and_an_unreadable_one_just_brings_the_window_forward(profile):
    lock = InstanceLock(instance_dir(profile))
    assert lock.claim()
    try:
        assert not instance_lock.forward(lock.folder, ["b.flac"], timeout_s=0.05)  # nobody took it ...
        assert not list(lock.inbox.iterdir())  # ... and it is not left to surprise the next start
        (lock.inbox / f"1-a{instance_lock.REQUEST_SUFFIX}").write_text(json.dumps({"files": ["/x/a.mp3", 3]}))
        time.sleep(0.01)
        (lock.inbox / f"2-b{instance_lock.REQUEST_SUFFIX}").write_text("{not json")
        assert lock.requests() == [["/x/a.mp3"], []]
        assert lock.requests() == []
    finally:
        lock.release()


def test_stale_requests_are_dropped_when_an_instance_starts(profile):
    inbox = instance_dir(profile) / "inbox"
    inbox.mkdir(parents=True)
    old = inbox / f"0-old{instance_lock.REQUEST_SUFFIX}"
    old.write_text(json.dumps({"files": []}))
    past = time.time() - instance_lock.STALE_REQUEST_S - 5
    __import__("os").utime(old, (past, past))
    lock = InstanceLock(instance_dir(profile))
    assert lock.claim()
    lock.release()
    assert not old.exists()


def test_a_holder_that_does_not_answer_gives_one_clear_error(profile):
    holder = InstanceLock(instance_dir(profile))
    assert holder.claim()
    try:
        with pytest.raises(CompanionError, match="already running .* does not answer"):
            claim_or_forward(profile, ["x.mp3"], timeout_s=0.1)
    finally:
        holder.release()
