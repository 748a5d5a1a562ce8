"""Running what is measured in its own process: wall time, CPU time and peak memory, one way for all.

``run(cmd)`` times a command from outside (process start and exit included, as a person waits for it)
and takes from the kernel, when the process is reaped (``wait4``), the CPU seconds of the process and
of every child it waited for, and the peak resident memory of the largest of them (what GNU time's
``%M`` reports). ``watch_memory`` also polls /proc for each process's own peak (VmHWM), to tell the
main process from its workers; that polling takes CPU, so timed runs leave it off.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from statistics import median
from typing import Any

from benchmarks.common.cache import BenchError


@dataclass(frozen=True)
class Run:
    """One finished process: what it printed and what it cost."""

    cmd: tuple[str, ...]
    returncode: int
    wall: float  # seconds from start to exit, measured from outside
    cpu: float  # user + system seconds of the process and the children it reaped
    peak_kib: int  # the largest peak resident memory of the process and the children it reaped
    stdout: str
    stderr: str
    peaks_kib: dict[int, int] = field(default_factory=dict)  # per process (watch_memory), main first

    @property
    def peak_mib(self) -> float:
        return self.peak_kib / 1024

    def json(self) -> Any:
        try:
            return json.loads(self.stdout)
        except ValueError:
            raise BenchError(f"{_show(self.cmd)} printed no JSON: {self.stdout[-300:]!r}") from None


def run(
    cmd: Sequence[str],
    *,
    env: Mapping[str, str] | None = None,
    cwd: Path | None = None,
    watch_memory: bool = False,
    check: bool = True,
    timeout: float = 3600,
) -> Run:
    """Run ``cmd`` to its end (output kept in files: a big ``--json`` never blocks on a pipe)."""
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        started = time.monotonic()
        proc = subprocess.Popen(
            list(cmd), stdout=out, stderr=err, env=None if env is None else dict(env), cwd=cwd
        )
        killer = threading.Timer(timeout, proc.kill)  # a hung run fails the benchmark instead of hanging it
        killer.start()
        try:
            status, cpu, peak, peaks = _reap(proc, watch_memory)
        finally:
            killer.cancel()
        wall = time.monotonic() - started
        out.seek(0)
        err.seek(0)
        result = Run(tuple(cmd), status, wall, cpu, peak, out.read(), err.read(), peaks)
    if check and result.returncode != 0:
        raise BenchError(f"{_show(cmd)} exited {result.returncode}: {result.stderr.strip()[-800:]}")
    return result


def companion_cmd(data_dir: Path, *args: str) -> list[str]:
    """The ``companion`` command line of this Python, on the profile in ``data_dir``."""
    return [sys.executable, "-m", "companion", "--data-dir", str(data_dir), *args]


def run_companion(data_dir: Path, *args: str, **kwargs: Any) -> Run:
    """``companion --data-dir DATA_DIR ARGS`` timed as ``run`` times it (same keyword arguments)."""
    return run(companion_cmd(data_dir, *args), **kwargs)


def _reap(proc: subprocess.Popen, watch_memory: bool) -> tuple[int, float, int, dict[int, int]]:
    """(exit status, CPU seconds, peak KiB, per-process peaks) of ``proc``, reaped here with ``wait4``."""
    peaks: dict[int, int] = {}
    if not hasattr(os, "wait4"):  # not a POSIX system: wall time and exit status only
        return proc.wait(), float("nan"), 0, peaks
    if watch_memory:
        while True:
            pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
            if pid:
                break
            for p in [proc.pid, *_descendants(proc.pid)]:
                peaks[p] = max(peaks.get(p, 0), _hwm_kib(p))
            time.sleep(0.05)
    else:
        _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    main = {proc.pid: peaks.pop(proc.pid, 0)} if watch_memory else {}
    return proc.returncode, usage.ru_utime + usage.ru_stime, usage.ru_maxrss, {**main, **peaks}


def _descendants(pid: int) -> list[int]:
    parents: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                parents[int(d)] = int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [pid]
    while frontier:
        p = frontier.pop()
        kids = [c for c, pp in parents.items() if pp == p]
        found += kids
        frontier += kids
    return found


def _hwm_kib(pid: int) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1])
    except (OSError, ValueError, IndexError):
        pass
    return 0


def _show(cmd: Sequence[str]) -> str:
    return " ".join(str(c) for c in cmd[:6]) + (" ..." if len(cmd) > 6 else "")


class Samples:
    """Every value of each named measure over repeated runs: the best (smallest), median and first."""

    def __init__(self) -> None:
        self.values: dict[str, list[float]] = {}

    def add(self, name: str, value: float) -> None:
        self.values.setdefault(name, []).append(value)

    def best(self, name: str) -> float:
        return min(self.values[name])

    def median(self, name: str) -> float:
        return median(self.values[name])

    def first(self, name: str) -> float:
        return self.values[name][0]

    def all(self, name: str) -> list[float]:
        return list(self.values[name])

    def __contains__(self, name: str) -> bool:
        return name in self.values


def alternate(repeat: int, steps: Sequence[Callable[[Samples], None]]) -> Samples:
    """Run ``steps`` in turn, ``repeat`` times round, each adding what it measured to one ``Samples``.

    Alternating (A B A B, not A A B B) gives each measure the same share of the machine's changing load,
    so a ratio of two of them (the scan against its yardstick) is fair on a shared machine."""
    samples = Samples()
    for _ in range(max(1, repeat)):
        for step in steps:
            step(samples)
    return samples
