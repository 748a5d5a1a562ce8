"""``companion --install-desktop-entry``: real files under a temporary XDG_DATA_HOME, checked by the validator."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest

from companion.core import desktop_entry

APP_ID = desktop_entry.APP_ID


@pytest.fixture
def xdg(tmp_path, monkeypatch) -> Path:
    home = tmp_path / "data home"
    monkeypatch.setenv("XDG_DATA_HOME", str(home))
    return home


def _exec_value(entry: Path) -> str:
    """The command part of Exec (files from the file manager follow as ``--open %F``)."""
    value = next(
        line.split("=", 1)[1]
        for line in entry.read_text(encoding="utf-8").splitlines()
        if line.startswith("Exec=")
    )
    assert value.endswith(" --open %F")
    return value.removesuffix(" --open %F")


def test_install_writes_entry_and_icons_under_xdg_data_home(xdg, tmp_path):
    exe = tmp_path / "bin" / "companion"
    exe.parent.mkdir()
    exe.write_text("#!/bin/sh\n")
    written = desktop_entry.install(exec_path=exe)
    entry = xdg / "applications" / f"{APP_ID}.desktop"
    svg = xdg / "icons" / "hicolor" / "scalable" / "apps" / f"{APP_ID}.svg"
    assert entry in written and svg in written
    assert all(p.is_file() and xdg in p.parents for p in written)
    assert svg.read_bytes() == desktop_entry.APP_ICON.read_bytes()
    assert _exec_value(entry) == str(exe)
    assert "Icon=" + APP_ID in entry.read_text(encoding="utf-8")
    # In a source checkout the rendered PNGs go in as well.
    assert (xdg / "icons" / "hicolor" / "48x48" / "apps" / f"{APP_ID}.png") in written
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_install_refreshes_the_menu_cache_when_the_tool_exists(xdg):
    if shutil.which("update-desktop-database") is None:
        pytest.skip("update-desktop-database is not installed")
    desktop_entry.install(exec_path="/usr/bin/companion")
    assert (xdg / "applications" / "mimeinfo.cache").is_file()


def test_uninstall_removes_exactly_what_install_wrote(xdg):
    (xdg / "applications").mkdir(parents=True)
    other = xdg / "applications" / "someone-else.desktop"
    other.write_text("[Desktop Entry]\nType=Application\nName=Other\nExec=other\n")
    written = desktop_entry.install(exec_path="/opt/companion/companion")
    removed = desktop_entry.uninstall()
    assert sorted(removed) == sorted(written)
    assert not any(p.exists() for p in written)
    assert other.is_file()
    assert desktop_entry.uninstall() == []


@pytest.mark.parametrize(
    "odd",
    ["my apps/companion", 'dollar$ and "quote"/companion', "back\\slash %u/companion", "Müzik ♫/companion"],
)
def test_exec_paths_with_spaces_and_reserved_characters_stay_valid(xdg, tmp_path, odd):
    exe = tmp_path / odd
    desktop_entry.install(exec_path=exe)
    entry = xdg / "applications" / f"{APP_ID}.desktop"
    if shutil.which("desktop-file-validate"):
        result = subprocess.run(["desktop-file-validate", str(entry)], capture_output=True, text=True)
        assert result.returncode == 0 and not result.stdout.strip(), result.stdout
    assert _unquote_exec(_exec_value(entry)) == [str(exe)]


def _unquote_exec(value: str) -> list[str]:
    """Undo the two levels of escaping as a desktop environment does (string value, then Exec quoting)."""
    escapes = {"s": " ", "n": "\n", "t": "\t", "r": "\r", "\\": "\\"}
    value = re.sub(r"\\(.)", lambda m: escapes.get(m.group(1), m.group(0)), value)  # string level
    args, current, quoted, i = [], "", False, 0
    while i < len(value):
        c = value[i]
        if quoted and c == "\\" and i + 1 < len(value):
            current += value[i + 1]
            i += 2
            continue
        if c == '"':
            quoted = not quoted
        elif c == " " and not quoted:
            args.append(current)
            current = ""
        else:
            current += c
        i += 1
    args.append(current)
    return [a.replace("%%", "%") for a in args]


def test_default_exec_is_a_real_companion_command(xdg):
    command = desktop_entry.find_executable()
    assert Path(command[0]).is_file()
    result = subprocess.run([*command, "--version"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0 and result.stdout.startswith("companion "), result.stderr
    desktop_entry.install()
    assert _unquote_exec(_exec_value(xdg / "applications" / f"{APP_ID}.desktop")) == command


def test_cli_flags_install_and_uninstall(xdg, run_cli):
    code, out, _ = run_cli("--install-desktop-entry")
    assert code == 0 and f"installed {xdg / 'applications' / f'{APP_ID}.desktop'}" in out
    code, out, _ = run_cli("--uninstall-desktop-entry")
    assert code == 0 and "removed" in out
    assert not (xdg / "applications" / f"{APP_ID}.desktop").exists()


def test_relative_xdg_data_home_is_ignored_as_the_spec_says(monkeypatch, tmp_path):
    monkeypatch.setenv("XDG_DATA_HOME", "relative/dir")
    monkeypatch.setenv("HOME", str(tmp_path))
    assert desktop_entry.data_home() == tmp_path / ".local" / "share"
