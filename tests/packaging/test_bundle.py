"""Smoke test of the built Linux bundle: it starts, runs the demo self-test, installs its menu entry.

Too slow for the normal run (it needs a PyInstaller build, about two minutes here), so it runs only with

    COMPANION_TEST_BUNDLE=1 python -m pytest tests/packaging/test_bundle.py

It uses ``dist/`` from ``python packaging/build.py`` (or ``COMPANION_BUNDLE_DIST=DIR``) and builds
it first when it is missing.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tarfile
from pathlib import Path

import pytest

from companion.core.desktop_entry import APP_ID

ROOT = Path(__file__).resolve().parents[2]
pytestmark = [
    pytest.mark.slow,
    pytest.mark.skipif(os.environ.get("COMPANION_TEST_BUNDLE") != "1",
                       reason="set COMPANION_TEST_BUNDLE=1 to build and test the bundle"),
    pytest.mark.skipif(not sys.platform.startswith("linux"), reason="the Linux bundle is tested on Linux"),
]


@pytest.fixture(scope="module")
def dist() -> Path:
    folder = Path(os.environ.get("COMPANION_BUNDLE_DIST", ROOT / "dist")).absolute()
    if not (folder / "companion" / "companion").is_file() or not list(folder.glob("companion-*-linux-*.tar.gz")):
        subprocess.run([sys.executable, str(ROOT / "packaging" / "build.py"), "--dist", str(folder),
                        "--work", str(folder.parent / "build"), "--no-appimage"], check=True, timeout=1800)
    return folder


def _run(exe: Path, *args: str, env: dict[str, str] | None = None, timeout: int = 180):
    env = dict(os.environ if env is None else env, QT_QPA_PLATFORM="offscreen")
    env.pop("PYTHONPATH", None)  # the bundle must not lean on the checkout
    return subprocess.run([str(exe), *args], env=env, capture_output=True, text=True, timeout=timeout,
                          cwd="/")


def test_bundle_runs_the_demo_self_test(dist, tmp_path):
    exe = dist / "companion" / "companion"
    result = _run(exe, "--data-dir", str(tmp_path / "profile"), "--demo", "--self-test")
    assert result.returncode == 0, result.stderr[-3000:]
    report = [line for line in result.stdout.splitlines() if line.strip()]
    assert report and "ok" in report[-1].lower(), result.stdout


def test_bundle_runs_headless_commands(dist, tmp_path):
    exe = dist / "companion" / "companion"
    assert _run(exe, "--version").stdout.startswith("companion ")
    result = _run(exe, "--data-dir", str(tmp_path / "p"), "settings")
    assert result.returncode == 0, result.stderr
    bad = _run(exe, "--data-dir", str(tmp_path / "p"), "no-such-command")
    assert bad.returncode == 2 and "Traceback" not in bad.stderr


def test_bundle_leaves_out_unused_qt(dist):
    internal = dist / "companion" / "_internal"
    names = {p.name for p in internal.rglob("*")}
    for unused in ("QtWebEngineCore.abi3.so", "QtPdf.abi3.so", "QtQml.abi3.so", "QtQuick.abi3.so",
                   "libQt6WebEngineCore.so.6", "libQt6Pdf.so.6", "libQt6Charts.so.6", "libQt63DCore.so.6"):
        assert unused not in names
    assert "libqxcb.so" in names and "libffmpegmediaplugin.so" in names and "libqsvg.so" in names


def test_tarball_install_script_puts_the_bundle_in_the_menu(dist, tmp_path):
    tarball = next(dist.glob("companion-*-linux-*.tar.gz"))
    with tarfile.open(tarball) as tar:
        tar.extractall(tmp_path / "unpacked", filter="tar")
    top = next((tmp_path / "unpacked").iterdir())
    env = dict(os.environ, XDG_DATA_HOME=str(tmp_path / "xdg"))
    result = subprocess.run(["sh", str(top / "install.sh")], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    entry = tmp_path / "xdg" / "applications" / f"{APP_ID}.desktop"
    exec_line = next(line for line in entry.read_text().splitlines() if line.startswith("Exec="))
    assert exec_line == f"Exec={top / 'companion' / 'companion'} --open %F"
    assert (tmp_path / "xdg" / "icons" / "hicolor" / "256x256" / "apps" / f"{APP_ID}.png").is_file()
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(entry)], capture_output=True).returncode == 0
    result = subprocess.run(["sh", str(top / "uninstall.sh")], env=env, capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and not entry.exists()


def test_appdir_for_the_appimage_starts_the_app(dist, tmp_path):
    """What appimagetool would pack (it is not available here): AppRun runs the bundle, the entry validates."""
    sys.path.insert(0, str(ROOT / "packaging"))
    try:
        import build
    finally:
        sys.path.remove(str(ROOT / "packaging"))
    appdir = build.make_appdir(dist / "companion", tmp_path)
    result = _run(appdir / "AppRun", "--version")
    assert result.returncode == 0 and result.stdout.startswith("companion "), result.stderr
    assert (appdir / f"{APP_ID}.png").is_file() and (appdir / f"{APP_ID}.desktop").is_file()
    if shutil.which("desktop-file-validate"):
        assert subprocess.run(["desktop-file-validate", str(appdir / f"{APP_ID}.desktop")]).returncode == 0
