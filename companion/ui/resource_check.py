"""Do the resources load in Qt? The window-side half of ``companion --self-test``'s resource check."""

from __future__ import annotations

from PySide6.QtSvg import QSvgRenderer

from companion.core.resources import check_resources, icon_dir
from companion.ui import theme


def resource_problems() -> tuple[list[str], int]:
    """(problems in plain words, how many icons were drawn): files, every SVG icon, both style sheets."""
    problems = check_resources()
    if problems:
        return problems, 0
    icons = sorted(icon_dir().glob("*.svg")) + sorted(theme.STYLE_DIR.glob("*.svg"))
    for path in icons:
        if not QSvgRenderer(str(path)).isValid():
            problems.append(f"Qt cannot draw {path.name}")
    for palette in (theme.DARK, theme.LIGHT):
        try:
            if len(theme.style_sheet(palette)) < 1000:
                problems.append(f"the {palette.name} style sheet is nearly empty")
        except (KeyError, ValueError) as e:  # a $name the palette does not fill in
            problems.append(f"the {palette.name} style sheet does not fill in ({e})")
    return problems, len(icons)
