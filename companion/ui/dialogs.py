"""Message boxes in Companion's look: the theme's own glyphs instead of the style's stock icons,
and buttons that name the action ("Erase history", not "Yes")."""

from __future__ import annotations

from PySide6.QtCore import QSize
from PySide6.QtWidgets import QMessageBox, QWidget

from companion.ui import theme
from companion.ui.icons import icon

WARNING_COLOR = "#f0a030"  # amber: reads on the dark and the light theme
ICON_PX = 40


def themed_box(parent: QWidget | None, kind: str, title: str, text: str, detail: str = "") -> QMessageBox:
    """A message box with the theme's ``question`` / ``warning`` / ``info`` glyph; add buttons, then ``exec``."""
    box = QMessageBox(parent)
    box.setWindowTitle(title)
    box.setText(text)
    if detail:
        box.setInformativeText(detail)
    glyph = {"question": "question", "warning": "warning", "info": "why"}[kind]
    color = WARNING_COLOR if kind == "warning" else theme.current().accent
    ratio = parent.devicePixelRatioF() if parent is not None else 1.0  # sharp on high-DPI screens
    box.setIconPixmap(icon(glyph, color).pixmap(QSize(ICON_PX, ICON_PX), ratio))
    box.setAccessibleName(title)
    return box


def confirm(
    parent: QWidget | None, title: str, text: str, action: str, *, detail: str = "", destructive: bool = True
) -> bool:
    """Ask before doing ``action``; Cancel is the default (Enter or Esc never destroy anything)."""
    box = themed_box(parent, "warning" if destructive else "question", title, text, detail)
    do = box.addButton(
        action, QMessageBox.ButtonRole.DestructiveRole if destructive else QMessageBox.ButtonRole.AcceptRole
    )
    do.setObjectName("confirmAction")
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(cancel)
    box.setEscapeButton(cancel)
    box.exec()
    return box.clickedButton() is do
