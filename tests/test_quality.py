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


def package_of(module: str) -> str:
    """``companion.core.taste.home`` -> ``companion.core.taste``; a top-level core module is its own."""
    return ".".join(module.split(".")[:3])


def package_cycles(edges: dict[str, set[str]]) -> list[set[str]]:
    """The groups of packages that import each other round a loop (strongly connected, more than one)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    found: list[set[str]] = []

    def visit(node: str) -> None:  # Tarjan's algorithm; the graph has a few dozen nodes
        index[node] = low[node] = len(index)
        stack.append(node)
        for nxt in edges.get(node, ()):
            if nxt not in index:
                visit(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = set()
            while True:
                member = stack.pop()
                group.add(member)
                if member == node:
                    break
            if len(group) > 1:
                found.append(group)

    for node in list(edges):
        if node not in index:
            visit(node)
    return found


def test_the_cycle_check_finds_a_loop():
    edges = {"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}
    assert package_cycles(edges) == [{"a", "b", "c"}]
    assert package_cycles({"a": {"b"}, "b": set()}) == []


def test_no_import_cycle_between_core_packages():
    """Between the packages of ``companion/core`` (and its top-level modules) imports go one way, imports
    inside functions included (grimp reads every import statement). Run by hand:
    ``pytest -q tests/test_quality.py -k cycle``; ``lint-imports`` checks the layers themselves."""
    import grimp

    graph = grimp.build_graph("companion", exclude_type_checking_imports=True)
    edges: dict[str, set[str]] = {}
    for module in graph.find_descendants("companion.core"):
        for imported in graph.find_modules_directly_imported_by(module):
            a, b = package_of(module), package_of(imported)
            if a != b and b.startswith("companion.core."):
                edges.setdefault(a, set()).add(b)
    assert len(edges) > 10  # the graph was read
    assert package_cycles(edges) == []
