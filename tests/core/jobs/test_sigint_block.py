"""SIGINT blocked before helpers start: a started process inherits the block, the window's process still
gets Ctrl+C through its waiting thread."""

from __future__ import annotations

import signal
import subprocess
import sys

from companion.core.jobs import sigint_block

PROBE = r"""
import os, signal, subprocess, sys, time
status = [l.strip() for l in open('/proc/self/status') if l.startswith(('SigBlk', 'SigIgn'))]
print("started with", signal.getsignal(signal.SIGINT), status, file=sys.stderr)  # said when it fails
from MODULE import block_sigint_for_helpers
block_sigint_for_helpers()
block_sigint_for_helpers()  # idempotent: one waiting thread
child = subprocess.run(
    [sys.executable, "-c", "print([l for l in open('/proc/self/status') if l.startswith('SigBlk')][0].split()[1])"],
    capture_output=True, text=True, check=True,
)
blocked = int(child.stdout, 16) & (1 << (signal.SIGINT - 1))
import threading
waiters = [t for t in threading.enumerate() if t.name == "companion-sigint"]
try:
    os.kill(os.getpid(), signal.SIGINT)
    for _ in range(500):  # short sleeps: the handler runs on this thread between them (it was delivered to another)
        time.sleep(0.01)
    print("no interrupt", bool(blocked), len(waiters))
except KeyboardInterrupt:
    print("interrupted", bool(blocked), len(waiters))
"""


def _usual_sigint() -> None:
    """The probe starts as from a terminal: SIGINT neither ignored nor blocked, whatever this test process
    (an xdist worker that ran other tests) has: in two full runs the probe got no interrupt)."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)
    signal.pthread_sigmask(signal.SIG_UNBLOCK, {signal.SIGINT})


def test_a_helper_started_after_the_block_has_sigint_blocked_and_this_process_still_gets_it():
    # in a child: the block would otherwise hold in the test's own process
    probe = PROBE.replace("MODULE", sigint_block.__name__)
    out = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, timeout=60, preexec_fn=_usual_sigint
    )
    assert out.stdout.split() == ["interrupted", "True", "1"], out.stdout + out.stderr


def test_ctrl_c_still_reaches_a_process_that_started_with_sigint_blocked():
    """A blocked mask is inherited: a test process that had blocked SIGINT left its probe with no thread to
    take it (the waiting thread unblocks it for itself)."""
    probe = PROBE.replace("MODULE", sigint_block.__name__)
    out = subprocess.run(
        [sys.executable, "-c", probe],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: (_usual_sigint(), signal.pthread_sigmask(signal.SIG_BLOCK, {signal.SIGINT})),
    )
    assert out.stdout.split() == ["interrupted", "True", "1"], out.stdout + out.stderr
