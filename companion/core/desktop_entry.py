"""Put Companion in the user's application menu (and take it out again), without Qt.

For people who installed with pip: ``companion --install-desktop-entry`` writes the
freedesktop ``.desktop`` entry and the app icon under ``$XDG_DATA_HOME`` (default
``~/.local/share``), so the app shows up in the menu and can be pinned. The entry's
text is ``resources/desktop/io.github.companion.Companion.desktop`` (the file packagers ship as it
is) with the Exec key pointing at this installation (:func:`desktop_entry_text`).
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
import sys
from pathlib import Path

from companion.core.resources import resource

APP_ID = "io.github.companion.Companion"
WM_CLASS = "Companion"  # the window's WM_CLASS class part: QCoreApplication.applicationName()
ICON_DIR = resource("icons")
APP_ICON = ICON_DIR / "companion.svg"
DESKTOP_FILE = resource("desktop", f"{APP_ID}.desktop")
METAINFO_FILE = resource("desktop", f"{APP_ID}.metainfo.xml")
HICOLOR = (
    ICON_DIR / "hicolor"
)  # the app icon rendered in every hicolor size (packaging/linux/render_icons.py)


def desktop_entry_text(exec_line: str) -> str:
    """The whole ``.desktop`` file with ``exec_line`` (already quoted) as the command of its Exec key."""
    lines = DESKTOP_FILE.read_text(encoding="utf-8").splitlines()
    out = [f"Exec={exec_line} --open %F" if line.startswith("Exec=") else line for line in lines]
    return "\n".join(out) + "\n"


def quote_exec_arg(arg: str) -> str:
    """Quote one Exec argument per the Desktop Entry spec, then escape it as a string value.

    Arguments with reserved characters go in double quotes with ``" ` $ \\`` backslash-escaped;
    ``%`` is doubled (field codes); finally backslashes are doubled again at the string level.
    """
    reserved = set(" \t\n\"'\\><~|&;$*?#()`")
    quoted = arg.replace("%", "%%")
    if any(c in reserved for c in arg):
        inner = "".join("\\" + c if c in '"`$\\' else c for c in quoted)
        quoted = f'"{inner}"'
    return quoted.replace("\\", "\\\\")


def find_executable() -> list[str]:
    """The command that starts this Companion: the bundle, the ``companion`` script, or ``python -m``."""
    if getattr(sys, "frozen", False):  # PyInstaller bundle: the executable is the app
        return [str(Path(sys.executable).resolve())]
    argv0 = Path(sys.argv[0]) if sys.argv and sys.argv[0] else None
    if argv0 is not None and argv0.name.startswith("companion") and argv0.is_file() and argv0.suffix != ".py":
        return [str(argv0.absolute())]
    beside = Path(sys.executable).with_name("companion")
    if beside.is_file():
        return [str(beside)]
    found = shutil.which("companion")
    if found:
        return [str(Path(found).absolute())]
    return [str(Path(sys.executable).absolute()), "-m", "companion"]


def data_home() -> Path:
    """``$XDG_DATA_HOME`` when set and absolute (as the spec says), else ``~/.local/share``."""
    value = os.environ.get("XDG_DATA_HOME", "")
    return Path(value) if value and os.path.isabs(value) else Path.home() / ".local" / "share"


def _targets(root: Path) -> dict[Path, Path | None]:
    """Where each installed file goes -> the file it is copied from (None: the generated entry)."""
    icons = root / "icons" / "hicolor"
    out: dict[Path, Path | None] = {
        root / "applications" / f"{APP_ID}.desktop": None,
        icons / "scalable" / "apps" / f"{APP_ID}.svg": APP_ICON,
    }
    for png in sorted(HICOLOR.glob(f"*/apps/{APP_ID}.png")):
        out[icons / png.parent.parent.name / "apps" / png.name] = png
    return out


def install(exec_path: str | os.PathLike[str] | None = None) -> list[Path]:
    """Write the entry and icons under the XDG data dir; return the files written."""
    root = data_home()
    command = [os.fspath(exec_path)] if exec_path is not None else find_executable()
    exec_line = " ".join(quote_exec_arg(a) for a in command)
    written: list[Path] = []
    for target, source in _targets(root).items():
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        if source is None:
            tmp.write_text(desktop_entry_text(exec_line), encoding="utf-8")
        else:
            shutil.copyfile(source, tmp)
        os.replace(tmp, target)  # atomic: a menu never sees a half-written entry
        written.append(target)
    _refresh_caches(root)
    return written


def uninstall() -> list[Path]:
    """Remove what :func:`install` wrote (any icon size); return the files removed."""
    root = data_home()
    candidates = set(_targets(root)) | set((root / "icons" / "hicolor").glob(f"*/apps/{APP_ID}.*"))
    removed = []
    for path in sorted(candidates):
        if path.is_file() or path.is_symlink():
            path.unlink()
            removed.append(path)
    if removed:
        _refresh_caches(root)
    return removed


def _refresh_caches(root: Path) -> None:
    """Tell the menu and icon caches, when their tools exist; any failure stays silent."""
    commands = (
        ("update-desktop-database", ["-q", str(root / "applications")]),
        ("gtk-update-icon-cache", ["-q", "-f", "-t", str(root / "icons" / "hicolor")]),
    )
    for tool, args in commands:
        exe = shutil.which(tool)
        if exe is None or not Path(args[-1]).is_dir():
            continue
        with contextlib.suppress(OSError, subprocess.SubprocessError):
            subprocess.run(
                [exe, *args], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, timeout=20, check=False
            )
