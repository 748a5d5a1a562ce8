"""The window session's output: descriptor 2 and Python's noise go to the log, Companion's lines to the terminal."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path

from companion.core.logfile import KEEP_BYTES, LOG_NAME, log_path

ROOT = Path(__file__).resolve().parents[2]

SESSION = """
    import logging, os, subprocess, sys, warnings
    from companion.core.logfile import route_output, say
    from companion.core.paths import resolve_profile
    routed = route_output(resolve_profile(sys.argv[1]).ensure())
    os.write(2, b"[mov,mp4,m4a,3gp,3g2,mj2 @ 0x55d0] stream 0, timescale not set\\n")  # as FFmpeg writes, from C
    print("PulseAudioService: pa_context_connect() failed", file=sys.stderr)
    subprocess.run([sys.executable, "-c", "import sys; sys.stderr.write('a helper process said this\\\\n')"])
    warnings.warn("a library's deprecation")
    logging.getLogger("companion.test").warning("a logged warning")
    say("no sound output found")
    routed.restore()
    print("after the window", file=sys.stderr)
"""


def test_only_companions_lines_reach_the_terminal_and_the_rest_is_logged(tmp_path):
    done = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SESSION), str(tmp_path / "profile")],
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(ROOT)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.splitlines() == ["companion: no sound output found", "after the window"]
    log = (tmp_path / "profile" / "cache" / LOG_NAME).read_text(encoding="utf-8")
    for noise in (
        "timescale not set",
        "pa_context_connect() failed",
        "a helper process said this",
        "a library's deprecation",
        "a logged warning",
        "told the terminal: companion: no sound output found",
    ):
        assert noise in log
    assert "after the window" not in log


def test_a_big_log_is_kept_once_as_the_old_log(tmp_path):
    from companion.core.logfile import route_output
    from companion.core.paths import resolve_profile

    profile = resolve_profile(tmp_path / "profile").ensure()
    path = log_path(profile)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("x" * (KEEP_BYTES + 1))
    routed = route_output(profile)
    routed.restore()
    assert path.with_name(LOG_NAME + ".1").stat().st_size == KEEP_BYTES + 1
    assert path.stat().st_size < 1000  # a new log: this session's start only
