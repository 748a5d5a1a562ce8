"""The Linux desktop files pass the real freedesktop validators and match the code that installs them."""

from __future__ import annotations

import shutil
import struct
import subprocess
from pathlib import Path

import pytest

from companion.core import desktop_entry

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"  # render_icons.py
DESKTOP = ROOT / "resources" / "desktop" / f"{desktop_entry.APP_ID}.desktop"
METAINFO = ROOT / "resources" / "desktop" / f"{desktop_entry.APP_ID}.metainfo.xml"
HICOLOR = ROOT / "resources" / "icons" / "hicolor"


def _tool(name: str) -> str:
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (Debian: desktop-file-utils / appstream)")
    return path


def test_desktop_file_passes_desktop_file_validate():
    result = subprocess.run([_tool("desktop-file-validate"), str(DESKTOP)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout + result.stderr


def test_metainfo_passes_appstreamcli_validate():
    result = subprocess.run(
        [_tool("appstreamcli"), "validate", "--no-net", "--no-color", str(METAINFO)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    # Errors and warnings fail; infos (tags newer than this appstream) and pedantic notes are allowed.
    assert not [line for line in result.stdout.splitlines() if line[:2] in ("E:", "W:")], result.stdout


def test_packaged_desktop_file_is_the_one_the_app_installs():
    assert DESKTOP.read_text(encoding="utf-8") == desktop_entry.desktop_entry_text("companion")


def test_desktop_file_has_the_required_keys():
    keys = dict(
        line.split("=", 1) for line in DESKTOP.read_text(encoding="utf-8").splitlines() if "=" in line
    )
    assert keys["GenericName"] == "Media Companion"
    assert keys["Categories"] == "AudioVideo;Audio;Video;Player;"
    assert keys["Icon"] == desktop_entry.APP_ID
    assert keys["StartupWMClass"] == "Companion"
    for key in ("Name", "Comment", "Exec", "Keywords"):
        assert keys[key]


def test_metainfo_names_the_desktop_file_the_privacy_promise_and_screenshots():
    text = METAINFO.read_text(encoding="utf-8")
    assert f"<id>{desktop_entry.APP_ID}</id>" in text
    assert f'<launchable type="desktop-id">{DESKTOP.name}</launchable>' in text
    assert "never connects to the network" in text
    for shot in ("home.png", "library.png", "insights.png"):
        assert f"docs/screenshots/{shot}" in text
    assert "<content_rating" in text and "<release " in text


def _png_size(path: Path) -> tuple[int, int]:
    head = path.read_bytes()[:24]
    assert head[:8] == b"\x89PNG\r\n\x1a\n", f"{path} is not a PNG"
    return struct.unpack(">II", head[16:24])


def test_hicolor_pngs_exist_in_every_size_and_the_svg_is_current():
    sizes = [16, 22, 24, 32, 48, 64, 128, 256, 512]
    for size in sizes:
        png = HICOLOR / f"{size}x{size}" / "apps" / f"{desktop_entry.APP_ID}.png"
        assert _png_size(png) == (size, size)
    scalable = HICOLOR / "scalable" / "apps" / f"{desktop_entry.APP_ID}.svg"
    assert scalable.read_bytes() == desktop_entry.APP_ICON.read_bytes(), "run packaging/linux/render_icons.py"


def test_committed_pngs_match_a_fresh_render(qapp):
    import sys

    sys.path.insert(0, str(LINUX))
    try:
        import render_icons
    finally:
        sys.path.remove(str(LINUX))
    from PySide6.QtGui import QImage

    for size in (16, 48, 256):
        fresh = render_icons.render(desktop_entry.APP_ICON, size).convertToFormat(QImage.Format.Format_ARGB32)
        stored = QImage(str(HICOLOR / f"{size}x{size}" / "apps" / f"{desktop_entry.APP_ID}.png"))
        stored = stored.convertToFormat(QImage.Format.Format_ARGB32)
        assert stored.size() == fresh.size()
        # Allow for rounding in the PNG round trip; a changed SVG differs far more than this.
        diff = sum(
            abs(QImage.pixel(stored, x, y) - QImage.pixel(fresh, x, y)) != 0
            for x in range(0, size, max(1, size // 16))
            for y in range(0, size, max(1, size // 16))
        )
        assert diff <= 2, "the PNGs are stale: run packaging/linux/render_icons.py"
