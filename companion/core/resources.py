"""Where Companion's non-Python assets live: the top-level ``resources/`` folder.

In a source checkout (and an editable install) that is ``<checkout>/resources``; a wheel
and the PyInstaller bundle carry the same folder as ``companion/resources`` (pyproject's
``package-dir`` mapping, the spec's ``datas``). Everything that reads an icon, the style
sheet, the desktop entry or the demo's catalogue asks here, so no module knows which.
"""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from companion.core.errors import CompanionError

_PACKAGE = Path(__file__).resolve().parents[1]  # .../companion


class ResourcesMissing(CompanionError):
    """The resources folder is not where an install puts it (a broken install)."""


@cache
def resource_dir() -> Path:
    """The resources folder: inside the package when installed, beside it in a checkout."""
    for candidate in (_PACKAGE / "resources", _PACKAGE.parent / "resources"):
        if (candidate / "icons" / "companion.svg").is_file():
            return candidate
    raise ResourcesMissing(
        f"Companion's resources are missing (looked in {_PACKAGE / 'resources'} and "
        f"{_PACKAGE.parent / 'resources'}): reinstall Companion"
    )


def resource(*parts: str) -> Path:
    """A path under the resources folder (it may not exist: callers that need it check)."""
    return resource_dir().joinpath(*parts)


def icon_dir() -> Path:
    return resource("icons")


def check_resources(root: Path | None = None) -> list[str]:
    """What is wrong with the resources folder, in plain words (empty when all is well).

    The Qt-free half of ``companion --self-test``'s check: files that must be there, and the
    text files that must parse. (Whether Qt can draw the icons is checked by the UI.)
    """

    problems: list[str] = []
    if root is None:
        try:
            root = resource_dir()
        except ResourcesMissing as e:
            return [str(e)]
    for rel in (
        "style/companion.qss",
        "style/check.svg",
        "style/chevron-down.svg",
        "desktop/io.github.companion.Companion.desktop",
        "desktop/io.github.companion.Companion.metainfo.xml",
        "demo/catalog.json",
    ):
        path = root / rel
        if not path.is_file() or path.stat().st_size == 0:
            problems.append(f"{rel} is missing or empty")
    if not list((root / "icons").glob("*.svg")):
        problems.append("icons/ holds no SVG icons")
    desktop = root / "desktop" / "io.github.companion.Companion.desktop"
    if desktop.is_file() and "\nExec=" not in desktop.read_text(encoding="utf-8"):
        problems.append("the desktop entry has no Exec line")
    catalog = root / "demo" / "catalog.json"
    if catalog.is_file():
        try:
            doc = json.loads(catalog.read_text(encoding="utf-8"))
            if not doc.get("artists") or not doc.get("videos"):
                problems.append("demo/catalog.json holds no artists or videos")
        except ValueError as e:
            problems.append(f"demo/catalog.json is not valid JSON ({e})")
    return problems
