"""Code quality gates that run as tests: ruff (lint and format) and the layer contracts."""

from __future__ import annotations

import ast
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


@pytest.mark.slow  # mypy over the tree: 25-40 CPU s from a clean clone
def test_type_hints_hold():
    """mypy over ``companion/`` with ``[tool.mypy]`` in pyproject.toml: strict in the core, normal elsewhere,
    with the named exceptions there. Its cache (``.mypy_cache``) makes a rerun take a second; a first run
    checks every module (about 25 s of CPU)."""
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-error-summary"], cwd=ROOT, capture_output=True, text=True
    )
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


# Modules no test file imports by name, each with how tests reach it today; the list only shrinks: a new module
# comes with a test that imports it, and a test written for one of these takes it off.
UNREACHED_BY_TESTS: dict[str, str] = {
    "companion.core.library.readers": "Protocol classes only, nothing of their own to run: the job system's pool is tested as one (tests/core/jobs/test_scan.py)",
    "companion": "the package: its names are read by every module that starts the app",
    "companion.__main__": "`python -m companion`, run as a process by tests/ui/conftest.py and tests/core/jobs/sigkill.py",
    "companion.ui.scan_flow": "a part of the Controller (a mixin): it needs the whole window (tests/ui/test_scan_flow.py)",
    "companion.ui.selftest": "`companion --self-test`: builds and renders the whole window (tests/test_app.py)",
}


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def _has_code(path: Path) -> bool:
    """A package's ``__init__`` holding only a docstring (and imports) has nothing of its own to test."""
    body = ast.parse(path.read_text(encoding="utf-8")).body
    return any(not isinstance(s, (ast.Expr, ast.Import, ast.ImportFrom)) for s in body)


def product_modules() -> set[str]:
    return {
        _module_name(p) for p in (ROOT / "companion").rglob("*.py") if p.name != "__init__.py" or _has_code(p)
    }


def modules_imported_by_tests(known: set[str]) -> set[str]:
    """``import companion.a.b``, ``from companion.a.b import x`` and ``from companion.a import b`` (b a module)."""
    found: set[str] = set()
    for path in (ROOT / "tests").rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                found.add(node.module)
                found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found & known


def test_every_module_is_imported_by_a_test():
    """Every module under ``companion/`` is imported by some test file, or is listed above with a reason."""
    known = product_modules()
    unreached = known - modules_imported_by_tests(known)
    missing = sorted(unreached - set(UNREACHED_BY_TESTS))
    assert not missing, f"no test imports these modules (write one, or list it with a reason): {missing}"
    stale = sorted(set(UNREACHED_BY_TESTS) - unreached)
    assert not stale, f"these modules are tested now or gone; take them off UNREACHED_BY_TESTS: {stale}"


LONG_FUNCTION_LINES = 60
# A function longer than this says why it is one piece: its docstring holds "on purpose" ("One piece on
# purpose: ..."); none is let off.


def long_functions_without_a_reason(root: Path) -> list[str]:
    found = []
    for path in sorted(root.rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if not isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                continue
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            doc = " ".join((ast.get_docstring(node) or "").lower().split())
            if length > LONG_FUNCTION_LINES and "on purpose" not in doc:
                found.append(f"{path.relative_to(root.parent)}:{node.lineno} {node.name} ({length} lines)")
    return found


def test_long_functions_say_why_they_are_one_piece():
    """Over 60 lines, a function is split into named steps or its docstring says why it is one piece."""
    offenders = long_functions_without_a_reason(ROOT / "companion")
    assert not offenders, (
        f"split these, or say in the docstring why each is one piece ('on purpose'): {offenders}"
    )


def test_the_long_function_check_finds_one(tmp_path):
    pkg = tmp_path / "companion"
    pkg.mkdir()
    body = "\n".join(f"    x{i} = {i}" for i in range(61))
    (pkg / "m.py").write_text(
        f'def long():\n    """Long."""\n{body}\n\n\ndef why():\n    """On purpose."""\n{body}\n'
    )
    assert long_functions_without_a_reason(pkg) == ["companion/m.py:1 long (63 lines)"]


def uncommented_inner_imports(path: Path) -> list[int]:
    """Lines of imports inside functions with no comment saying why: on the import's line, or just above
    the run of imports it belongs to."""
    lines = path.read_text(encoding="utf-8").splitlines()
    found = set()
    for fn in ast.walk(ast.parse("\n".join(lines))):
        if not isinstance(fn, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        for node in ast.walk(fn):
            if not isinstance(node, (ast.Import, ast.ImportFrom)) or "#" in lines[node.lineno - 1]:
                continue
            above = node.lineno - 2
            while above >= 0 and lines[above].strip().startswith(("import ", "from ")):
                above -= 1
            if above < 0 or not lines[above].strip().startswith("#"):
                found.add(node.lineno)
    return sorted(found)


def test_imports_inside_functions_say_why():
    """In ui/, commands/ and core/ an import inside a function keeps something out of start-up (PyAV, numpy,
    mutagen, another page, what only one command needs) or breaks a cycle, and a comment says which;
    anything else is imported at the top of its module."""
    offenders = [
        f"{path.relative_to(ROOT)}:{line}"
        for area in ("ui", "commands", "core")
        for path in sorted((ROOT / "companion" / area).rglob("*.py"))
        for line in uncommented_inner_imports(path)
    ]
    assert not offenders, f"move these imports to the top, or say why they are inside: {offenders}"


def test_the_inner_import_check_finds_one(tmp_path):
    module = tmp_path / "m.py"
    module.write_text(
        "def a():\n    import json\n\n\ndef b():\n    # PyAV: only here\n    import av\n    import io\n"
        "\n\ndef c():\n    import zlib  # cheap, but said\n"
    )
    assert uncommented_inner_imports(module) == [2]


# Test files are named after the module they test: tests/<path>/test_<name>.py for companion/<path>/<name>.py
# (benchmarks/ and packaging/ beside companion/ likewise: tests/benchmarks/eval/test_metrics.py for
# benchmarks/eval/metrics.py). A test of the whole command line or window lives in tests/test_cli.py or
# tests/test_app.py. These are not about one module, for good:
NOT_ABOUT_A_MODULE: dict[str, str] = {
    "tests/test_quality.py": "the code-quality gates over the whole tree",
    "tests/test_network_guard.py": "the tests' own no-network guard (tests/conftest.py)",
    "tests/core/db/test_sql_boundary.py": "a gate over the whole tree: no SQL outside companion/core/db",
    "tests/packaging/test_linux_files.py": "the desktop and AppStream files under resources/, not code",
    "tests/packaging/test_wheel.py": "the wheel that setup.py and pyproject.toml describe",
}
# Files still to be merged into the test file of their module (or split between several); the list only
# shrinks, and a new test file needs a module's name.
NOT_YET_NAMED: dict[str, str] = {}


def _tested_module(test: Path) -> Path:
    """``tests/core/test_x.py`` -> ``companion/core/x``; ``tests/benchmarks/eval/test_x.py`` -> ``benchmarks/eval/x``."""
    rel = test.relative_to(ROOT / "tests")
    name = rel.stem.removeprefix("test_")
    if rel.parts[0] in ("benchmarks", "packaging"):
        return ROOT / rel.parent / name
    return ROOT / "companion" / rel.parent / name


def test_the_naming_rule_reads_paths_as_meant():
    assert (
        _tested_module(ROOT / "tests/core/taste/test_rows_music.py")
        == ROOT / "companion/core/taste/rows_music"
    )
    assert _tested_module(ROOT / "tests/test_cli.py") == ROOT / "companion/cli"
    assert _tested_module(ROOT / "tests/benchmarks/eval/test_metrics.py") == ROOT / "benchmarks/eval/metrics"


def test_every_test_file_is_named_after_a_module():
    """``test_<name>.py`` tests ``<name>.py`` (or the package ``<name>/``) at the same path under companion/."""
    unnamed = set()
    for test in (ROOT / "tests").rglob("test_*.py"):
        module = _tested_module(test)
        if not (module.with_suffix(".py").is_file() or (module / "__init__.py").is_file()):
            unnamed.add(test.relative_to(ROOT).as_posix())
    listed = set(NOT_ABOUT_A_MODULE) | set(NOT_YET_NAMED)
    missing = sorted(unnamed - listed)
    assert not missing, (
        f"name these after the module they test (or move their tests into its file): {missing}"
    )
    stale = sorted(listed - unnamed)
    assert not stale, f"these are named after a module now, or gone; take them off the lists: {stale}"
