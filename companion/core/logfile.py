"""Companion's log file, and a terminal that shows only Companion's own lines.

The window's process and everything it runs write to file descriptor 2: Qt (platform plugin notes),
Qt Multimedia (PulseAudio, "No audio device detected"), FFmpeg (a line per odd file, from C, past
Python), the taste worker and scan processes (they inherit it). ``route_output`` points descriptor 2
at the log file for the whole window session, so none of that reaches the terminal; ``say`` writes
Companion's own lines to the terminal (and the log). Python's logging and warnings go to the log.
Settings opens the file (``log_path``).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sys
import traceback
from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, TextIO

import companion
from companion.core.paths import Profile

LOG_NAME = "companion.log"
KEEP_BYTES = 2_000_000  # past this at start, the log becomes companion.log.1 (one old log is kept)
PREFIX = "companion: "  # every line Companion itself writes to the terminal starts with it

_terminal: TextIO | None = None  # the terminal's stderr while the output is routed, else None
_log: Path | None = None


def log_path(profile: Profile) -> Path:
    """The log file of ``profile`` (in its cache folder: nothing in it is needed to rebuild anything)."""
    return profile.cache_dir / LOG_NAME


def say(text: str) -> None:
    """One line of Companion's to the person at the terminal (and to the log)."""
    line = text if text.startswith(PREFIX) else PREFIX + text
    logging.getLogger("companion").info("told the terminal: %s", line)
    with contextlib.suppress(OSError, ValueError):  # no terminal any more (closed): the log has it
        print(line, file=_terminal or sys.stderr, flush=True)


class Routed:
    """The output routed to the log file; ``restore()`` gives descriptor 2 and ``sys.stderr`` back."""

    def __init__(
        self,
        saved_fd: int,
        terminal: TextIO,
        stderr: TextIO,
        excepthook: Callable[[type[BaseException], BaseException, TracebackType | None], Any],
        handler: logging.Handler,
    ) -> None:
        self._saved_fd, self._terminal, self._stderr = saved_fd, terminal, stderr
        self._excepthook, self._handler = excepthook, handler

    def restore(self) -> None:
        global _terminal, _log
        if _terminal is None:
            return
        sys.stderr.flush()
        logging.getLogger().removeHandler(self._handler)
        logging.captureWarnings(False)
        os.dup2(self._saved_fd, 2)
        os.close(self._saved_fd)
        sys.stderr, sys.excepthook = self._stderr, self._excepthook
        _terminal, _log = None, None


def route_output(profile: Profile) -> Routed:
    """From now on descriptor 2, ``sys.stderr``, logging and warnings go to the log file; Companion's own
    lines (``say``) and an unexpected error's one-line summary still reach the terminal."""
    global _terminal, _log
    path = log_path(profile)
    path.parent.mkdir(parents=True, exist_ok=True)
    _rotate(path)
    log = open(path, "a", encoding="utf-8", errors="backslashreplace", buffering=1)  # noqa: SIM115
    sys.stderr.flush()
    saved = os.dup(2)
    terminal = open(saved, "w", encoding="utf-8", errors="backslashreplace", closefd=False)  # noqa: SIM115
    os.dup2(log.fileno(), 2)  # Qt, FFmpeg and child processes write here: the log
    handler = logging.StreamHandler(log)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    routed = Routed(saved, terminal, sys.stderr, sys.excepthook, handler)
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(logging.INFO)
    logging.captureWarnings(True)
    sys.stderr = log
    sys.excepthook = _excepthook
    _terminal, _log = terminal, path
    logging.getLogger("companion").info("Companion %s started (pid %d)", _version(), os.getpid())
    return routed


def _excepthook(kind: type[BaseException], value: BaseException, tb: TracebackType | None) -> None:
    """An error no code caught (in a Qt slot, say): the traceback to the log, one line to the terminal."""
    logging.getLogger("companion").error("".join(traceback.format_exception(kind, value, tb)))
    say(f"an unexpected error: {kind.__name__}: {value} (details in {_log})")


def _rotate(path: Path) -> None:
    try:
        if path.stat().st_size > KEEP_BYTES:
            path.replace(path.with_name(path.name + ".1"))
    except OSError:
        pass


def _version() -> str:

    return companion.__version__
