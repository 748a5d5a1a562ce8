"""The window's half of the resource check: every icon draws and both style sheets fill in."""

from __future__ import annotations

from companion.ui import theme
from companion.ui.resource_check import resource_problems


def test_every_icon_draws_and_both_style_sheets_fill_in(qapp):
    problems, icons = resource_problems()
    assert problems == []
    assert icons >= 30


def test_the_style_sheet_is_the_qss_file_with_the_palette_filled_in(qapp):
    dark, light = theme.style_sheet(theme.DARK), theme.style_sheet(theme.LIGHT)
    assert "$" not in dark and "$" not in light
    assert f"background: {theme.DARK.window}" in dark and f"background: {theme.LIGHT.window}" in light
    assert (theme.STYLE_DIR / "check.svg").as_posix() in dark
