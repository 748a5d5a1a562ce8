"""The machine line every benchmark prints: what the figures were measured on, and how busy it was."""

from __future__ import annotations

import os
import platform
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def machine() -> str:
    """One line: cores, memory, CPU model, system, Python and the commit of the code measured."""
    return (
        f"nproc {os.cpu_count()}, RAM {_memory()}, CPU {_cpu_model()}, {platform.system()} "
        f"{platform.release()}, Python {platform.python_version()}, commit {_commit()}"
    )


def load() -> list[float] | None:
    """The 1, 5 and 15 minute load averages (None where the system has none): on a shared machine wall
    times follow the load, so every run prints it before and after."""
    try:
        return [round(x, 2) for x in os.getloadavg()]
    except (AttributeError, OSError):
        return None


def load_text(values: list[float] | None) -> str:
    return " ".join(f"{x:.1f}" for x in values) if values else "unknown"


def _cpu_model() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or platform.machine() or "unknown CPU"


def _memory() -> str:
    try:
        with open("/proc/meminfo", encoding="utf-8") as f:
            for line in f:
                if line.startswith("MemTotal:"):
                    return f"{int(line.split()[1]) / 2**20:.1f} GiB"
    except (OSError, ValueError, IndexError):
        pass
    return "unknown"


def _commit() -> str:
    """The checkout's commit, and whether the product code had changes not committed yet."""
    commit = _git("rev-parse", "--short", "HEAD").strip() or "unknown"
    if _git("status", "--porcelain", "--", "companion").strip():
        commit += " + uncommitted changes in companion/"
    return commit


def _git(*args: str) -> str:
    try:
        return subprocess.run(
            ["git", *args], capture_output=True, text=True, timeout=10, cwd=ROOT, check=False
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return ""
