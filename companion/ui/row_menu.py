"""A mix's menu (Play, Shuffle, Play as a flow, Open as list, Save as playlist, Export…) and a handle to drag it out.

Dragging the handle out of the window drops an ``.m3u8`` file: the mix is written under the
profile's cache folder when the drag starts and handed over as a file URL (``QMimeData.setUrls``),
which file managers copy where it is dropped.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QMimeData, QPoint, QSize, Qt, QUrl, Signal
from PySide6.QtGui import QDrag, QKeyEvent, QMouseEvent
from PySide6.QtWidgets import QApplication, QLabel, QMenu, QToolButton, QWidget, QWidgetAction

from companion.ui.icons import icon

ROW_ACTIONS = (
    ("play", "Play"),
    ("shuffle", "Shuffle"),
    ("flow", "Play as a flow"),
    ("open", "Open as list"),
    ("save", "Save as playlist…"),
    ("export", "Export…"),
)
DRAG_HINT = "Drag to a folder: saves an .m3u8 playlist"


def playlist_mime(path: str) -> QMimeData:
    """What a drag of a playlist file carries: its file URL (and the path as text)."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(path)])
    mime.setText(path)
    return mime


class DragHandle(QLabel):
    """Press and drag out of the window to drop the mix as an .m3u8 file.

    A mouse gesture only: the keyboard's way to the same file is Export… beside it (a drag started from a key
    would hang on to the pointer), so the handle takes no focus."""

    failed = Signal(str)  # the file could not be written: one plain line

    def __init__(
        self,
        make_file: Callable[[], str] | None = None,
        text: str = "⠿  Drag to a folder",
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(text, parent)
        self.make_file = make_file
        self._press: QPoint | None = None
        self.last_drag: QDrag | None = None
        self.setObjectName("dragHandle")
        self.setToolTip(DRAG_HINT)
        self.setAccessibleName("Drag this mix to a folder to save it as an .m3u8 playlist")
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        # palette roles, so a theme switch re-colours it: placeholder text is the theme's muted colour
        self.setStyleSheet(
            "QLabel#dragHandle { border: 1px dashed palette(placeholder-text); border-radius: 12px;"
            " padding: 5px 12px; color: palette(placeholder-text); }"
            " QLabel#dragHandle:hover { color: palette(text); border-color: palette(highlight); }"
        )

    def mime(self) -> QMimeData | None:
        """Write the playlist now and return what the drag carries (None, and ``failed``, on a problem)."""
        if self.make_file is None:
            return None
        try:
            path = self.make_file()
        except Exception as e:
            self.failed.emit(f"Could not make the playlist file to drag: {e}")
            return None
        return playlist_mime(path) if path else None

    def start_drag(self) -> Qt.DropAction:
        mime = self.mime()
        if mime is None:
            return Qt.DropAction.IgnoreAction
        drag = QDrag(self)
        drag.setMimeData(mime)
        drag.setPixmap(icon("export").pixmap(QSize(32, 32)))
        self.last_drag = drag
        return drag.exec(Qt.DropAction.CopyAction, Qt.DropAction.CopyAction)

    def mousePressEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton:
            self._press = e.position().toPoint()
            self.setCursor(Qt.CursorShape.ClosedHandCursor)
        super().mousePressEvent(e)

    def mouseMoveEvent(self, e: QMouseEvent) -> None:
        if (
            self._press is not None
            and (e.position().toPoint() - self._press).manhattanLength() >= QApplication.startDragDistance()
        ):
            self._press = None
            self.setCursor(Qt.CursorShape.OpenHandCursor)
            self.start_drag()
            return
        super().mouseMoveEvent(e)

    def mouseReleaseEvent(self, e: QMouseEvent) -> None:
        self._press = None
        self.setCursor(Qt.CursorShape.OpenHandCursor)
        super().mouseReleaseEvent(e)


def row_menu(
    parent: QWidget,
    chosen: Callable[[str], None],
    make_file: Callable[[], str] | None = None,
    on_drag_error: Callable[[str], None] | None = None,
) -> QMenu:
    """The mix menu; ``chosen(name)`` gets one of ``ROW_ACTIONS``'s names. With ``make_file`` the menu
    ends in a drag handle (the default widget of its last action, a ``QWidgetAction``)."""
    menu = QMenu(parent)
    menu.setAccessibleName("Mix menu")
    glyphs = {
        "play": "play",
        "shuffle": "shuffle",
        "flow": "play",
        "open": "library",
        "save": "save",
        "export": "export",
    }
    for name, label in ROW_ACTIONS:
        menu.addAction(icon(glyphs[name]), label, lambda n=name: chosen(n))
    if make_file is not None:
        menu.addSeparator()
        handle = DragHandle(make_file, "⠿  Drag me to a folder (.m3u8)")
        handle.setContentsMargins(6, 4, 6, 4)
        if on_drag_error is not None:
            handle.failed.connect(on_drag_error)
        action = QWidgetAction(menu)
        action.setDefaultWidget(handle)
        menu.addAction(action)
    return menu


class RowMenuButton(QToolButton):
    """The "⋯" next to a mix's title: opens the mix menu (also with Space, Enter or the menu key)."""

    def __init__(self, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setText("⋯")
        self.setToolTip(f"More for {title}: play, shuffle, save, export")
        self.setAccessibleName(f"Menu of the mix {title}")
        self.setCursor(Qt.CursorShape.PointingHandCursor)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setStyleSheet(
            "QToolButton { font-size: 13pt; font-weight: 700; padding: 0px 8px;"
            " color: palette(placeholder-text); } QToolButton:hover { color: palette(text); }"
        )

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter, Qt.Key.Key_Menu):
            self.click()
            return
        super().keyPressEvent(e)
