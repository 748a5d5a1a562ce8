"""Asking where to write a playlist, and saying plainly what happened, without blocking tests or the player."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import QFileDialog, QMessageBox, QWidget

FILTERS = (
    ("M3U8 playlist", "m3u8"),
    ("M3U playlist", "m3u"),
    ("XSPF playlist", "xspf"),
    ("PLS playlist", "pls"),
)
_last_folder: list[str] = []  # where the last playlist was saved (the window keeps it across restarts)


def last_folder() -> str | None:
    return _last_folder[-1] if _last_folder else None


def remember_folder(folder: str | None) -> None:
    """Start the next save dialog in ``folder`` (the window restores it from its state file), if it is there."""
    if folder and Path(folder).is_dir():
        _last_folder.append(str(folder))


def ask_save_playlist(parent: QWidget, caption: str, title: str) -> str | None:
    """A save dialog for a playlist called ``title``; M3U8 first. The format follows the extension (a name
    typed without one gets the chosen filter's)."""
    from companion.core.playlists.export import file_name_for  # the writers: not at the window's start

    folder = _last_folder[-1] if _last_folder else str(Path.home())
    filters = ";;".join(f"{label} (*.{ext})" for label, ext in FILTERS)
    path, chosen = QFileDialog.getSaveFileName(
        parent, caption, str(Path(folder) / file_name_for(title)), filters
    )
    if not path:
        return None
    return with_extension(path, chosen)


def with_extension(path: str, chosen_filter: str = "") -> str:
    """``path`` as typed, or with the extension of the chosen filter when it has none."""
    if Path(path).suffix:
        _last_folder.append(str(Path(path).parent))
        return path
    ext = next((e for label, e in FILTERS if chosen_filter.startswith(label)), "m3u8")
    _last_folder.append(str(Path(path).parent))
    return f"{path}.{ext}"


def tell(parent: QWidget, title: str, text: str, problem: bool = True) -> QMessageBox:
    """A window-modal message that does not stop the event loop (playback and workers go on)."""
    # loaded on first use, not at the window's start
    from companion.ui.dialogs import themed_box

    box = themed_box(parent, "warning" if problem else "info", title, title, text)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setStyleSheet("QLabel#qt_msgbox_informativelabel { min-width: 360px; }")
    box.open()
    return box
