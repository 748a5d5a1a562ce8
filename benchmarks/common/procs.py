"""Running what is measured in its own process: wall time, CPU time and peak memory, one way for all.

``run(cmd)`` times a command from outside (process start and exit included, as a person waits for it)
and takes from the kernel, when the process is reaped (``wait4``), the CPU seconds of the process and
of every child it waited for, and the peak resident memory of the largest of them (what GNU time's
``%M`` reports). ``watch_memory`` also polls /proc for each process's own peak (VmHWM), to tell the
main process from its workers; that polling takes CPU, so timed runs leave it off.

The command is started by a small trampoline (a bare ``python -S`` that forks, execs the command and
reaps it): the kernel's peak of a process includes what the process that forked it had resident, so
a command forked straight from a benchmark holding a large library in memory would report that
benchmark's memory as its own peak.
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
    direct: bool = False,
) -> Run:
    """Run ``cmd`` to its end (output kept in files: a big ``--json`` never blocks on a pipe).

    ``direct`` starts it straight from this process, with nothing between the caller's clock and its
    start (for a command that times itself from a moment the caller passes it); its peak memory is then
    not known (0), its CPU time is."""
    direct = direct or not (hasattr(os, "fork") and hasattr(os, "wait4"))
    with tempfile.TemporaryDirectory(prefix="bench-run-") as tmp:
        report = Path(tmp) / "usage"
        argv = list(cmd) if direct else [sys.executable, "-S", "-c", _TRAMPOLINE, str(report), *cmd]
        with open(Path(tmp) / "out", "w+") as out, open(Path(tmp) / "err", "w+") as err:
            started = time.monotonic()
            proc = subprocess.Popen(
                argv, stdout=out, stderr=err, env=None if env is None else dict(env), cwd=cwd, process_group=0
            )
            killer = threading.Timer(timeout, _kill_group, (proc,))  # a hung run fails instead of hanging
            killer.start()
            try:
                peaks = _watch(proc, direct) if watch_memory else {}
                cpu = _wait(proc)
            except BaseException:  # interrupted: nothing it started outlives the benchmark
                _kill_group(proc)
                raise
            finally:
                killer.cancel()
            wall = time.monotonic() - started
            out.seek(0)
            err.seek(0)
            stdout, stderr = out.read(), err.read()
        status, wall, cpu, peak = (
            (proc.returncode, wall, cpu, 0) if direct else _usage(report, proc.returncode, wall)
        )
    result = Run(tuple(cmd), status, wall, cpu, peak, stdout, stderr, peaks)
    if check and result.returncode != 0:
        raise BenchError(f"{_show(cmd)} exited {result.returncode}: {result.stderr.strip()[-800:]}")
    return result


def _wait(proc: subprocess.Popen) -> float:
    """Reap ``proc``; the CPU seconds of it and of the children it reaped (nan where wait4 is missing)."""
    if not hasattr(os, "wait4"):
        proc.wait()
        return float("nan")
    _, status, usage = os.wait4(proc.pid, 0)
    proc.returncode = os.waitstatus_to_exitcode(status)  # reaped here: Popen must not wait for it again
    return usage.ru_utime + usage.ru_stime


def companion_cmd(data_dir: Path, *args: str) -> list[str]:
    """The ``companion`` command line of this Python, on the profile in ``data_dir``."""
    return [sys.executable, "-m", "companion", "--data-dir", str(data_dir), *args]


def run_companion(data_dir: Path, *args: str, **kwargs: Any) -> Run:
    """``companion --data-dir DATA_DIR ARGS`` timed as ``run`` times it (same keyword arguments)."""
    return run(companion_cmd(data_dir, *args), **kwargs)


# argv: report file, command...; writes "status wall cpu maxrss_kib" once the command is reaped
_TRAMPOLINE = """import os, sys, time
t = time.monotonic()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(sys.argv[2], sys.argv[2:])
    except OSError as e:
        sys.stderr.write(f"cannot run {sys.argv[2]}: {e}\\n")
    os._exit(127)
_, status, usage = os.wait4(pid, 0)
wall = time.monotonic() - t
code = os.waitstatus_to_exitcode(status)
with open(sys.argv[1], "w") as f:
    f.write(f"{code} {wall} {usage.ru_utime + usage.ru_stime} {usage.ru_maxrss}")
sys.exit(code if code >= 0 else 128 - code)
"""


def _usage(report: Path, returncode: int, wall: float) -> tuple[int, float, float, int]:
    """(exit status, wall, CPU, peak KiB) as the trampoline saw them; without it, what is known here."""
    try:
        code, inner_wall, cpu, peak = report.read_text().split()
        return int(code), float(inner_wall), float(cpu), int(peak)
    except (OSError, ValueError):  # the trampoline was killed (timeout)
        return returncode, wall, float("nan"), 0


def _kill_group(proc: subprocess.Popen) -> None:
    try:
        os.killpg(proc.pid, 9)
    except (OSError, AttributeError):
        proc.kill()


def _watch(proc: subprocess.Popen, direct: bool) -> dict[int, int]:
    """Each process's own peak (VmHWM, KiB) until ``proc`` exits (not reaping it), the command first."""
    peaks: dict[int, int] = {}
    while not _exited(proc.pid):
        for p in ([proc.pid] if direct else []) + _descendants(proc.pid):  # the trampoline is not measured
            peaks[p] = max(peaks.get(p, 0), _hwm_kib(p))
        time.sleep(0.05)
    return peaks


def _exited(pid: int) -> bool:
    try:
        return os.waitid(os.P_PID, pid, os.WEXITED | os.WNOHANG | os.WNOWAIT) is not None
    except ChildProcessError:
        return True


def _descendants(pid: int) -> list[int]:
    """The processes under ``pid``, nearest first (Linux /proc)."""
    parents: dict[int, int] = {}
    for d in os.listdir("/proc"):
        if d.isdigit():
            try:
                parents[int(d)] = int(Path(f"/proc/{d}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
    found, frontier = [], [pid]
    while frontier:
        kids = [c for c, pp in parents.items() if pp in frontier]
        found += kids
        frontier = kids
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
