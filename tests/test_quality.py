"""Code quality gates that run as tests: ruff (lint and format) and the layer contracts."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _tool(name: str) -> str:
    exe = Path(sys.executable).with_name(name)
    found = str(exe) if exe.exists() else shutil.which(name)
    if not found:
        pytest.fail(f"{name} is not installed: install the test extras (pip install -e '.[test]')")
    return found


def test_ruff_is_clean():
    result = subprocess.run([_tool("ruff"), "check", "."], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = subprocess.run(
        [_tool("ruff"), "format", "--check", "."], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_import_contracts_hold():
    result = subprocess.run([_tool("lint-imports")], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


NETWORK_IMPORT = re.compile(
    r"^\s*(import|from)\s+(socket|requests|httpx|aiohttp|urllib\.request|http\.client"
    r"|ftplib|smtplib|PySide6\.QtNetwork|PySide6\.QtWebEngine\w*)\b",
    re.M,
)


def test_no_network_code_in_the_product():
    offenders = [
        str(p.relative_to(ROOT))
        for p in (ROOT / "companion").rglob("*.py")
        if NETWORK_IMPORT.search(p.read_text(encoding="utf-8"))
    ]
    assert not offenders, f"network modules imported by: {offenders}"
