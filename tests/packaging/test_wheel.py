"""A wheel (what ``pip install .`` installs) carries resources/ as companion/resources, and it loads."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """The wheel built from a clean copy of the sources (a checkout's stale build/ would be packed too)."""
    src = tmp_path_factory.mktemp("src")
    for name in ("pyproject.toml", "setup.py", "README.md"):
        shutil.copy2(ROOT / name, src / name)
    for name in ("companion", "resources"):
        shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
    out = tmp_path_factory.mktemp("wheel")
    result = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "-q", "--no-deps", "--no-build-isolation", "-w", str(out), str(src)],
        capture_output=True, text=True, env={**os.environ, "PYTHONWARNINGS": "ignore"}, timeout=300,
    )  # fmt: skip
    if result.returncode != 0:
        pytest.fail(result.stdout + result.stderr)
    return next(out.glob("companion-*.whl"))


def test_the_wheel_carries_the_resources_inside_the_package(wheel):
    names = set(zipfile.ZipFile(wheel).namelist())
    for rel in (
        "icons/companion.svg",
        "icons/play.svg",
        "icons/hicolor/48x48/apps/io.github.companion.Companion.png",
        "style/companion.qss",
        "style/check.svg",
        "desktop/io.github.companion.Companion.desktop",
        "demo/catalog.json",
    ):
        assert f"companion/resources/{rel}" in names
    assert not [n for n in names if n.startswith("resources/")], "nothing at the top level of site-packages"
    assert not [n for n in names if n.endswith((".ico", ".icns"))], "bundle-only icons stay out"


def test_an_installed_companion_finds_and_draws_its_resources(wheel, tmp_path):
    target = tmp_path / "site"
    subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--target", str(target), str(wheel)],
        check=True, capture_output=True, env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )  # fmt: skip
    code = (
        "import companion, os\n"
        "from PySide6.QtWidgets import QApplication\n"
        "app = QApplication([])\n"
        "from companion.core.resources import resource_dir\n"
        "from companion.ui.resource_check import resource_problems\n"
        "problems, icons = resource_problems()\n"
        "print(resource_dir(), icons, problems)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(target), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, env=env, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    where, icons, problems = result.stdout.split(" ", 2)
    assert Path(where) == target / "companion" / "resources"
    assert int(icons) >= 30 and problems.strip() == "[]"
