"""Close to tray: when the person closes the window, keep playing in the tray if they chose so (asked once).

Only a close the person makes (the window's close button, Alt+F4: a *spontaneous* close
event) is intercepted. ``QApplication.quit()``, the tray's Quit and ``window.close()``
from code close for real. The answer is saved in ``settings.close_to_tray``; Esc on
the question keeps the window open and asks again next time.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWidget

from companion.ui.dialogs import themed_box


def ask_keep_in_tray(window: QWidget) -> bool | None:
    """The one-time question: True keep playing in the tray, False quit, None cancelled (window stays)."""
    box = themed_box(
        window,
        "question",
        "Close Companion",
        "Keep Companion playing in the tray when you close the window?",
        "You can change this later in Settings.",
    )
    box.setObjectName("closeToTrayQuestion")
    keep = box.addButton("Keep playing in the tray", QMessageBox.ButtonRole.AcceptRole)
    keep.setObjectName("keepInTray")
    quit_button = box.addButton("Quit", QMessageBox.ButtonRole.DestructiveRole)
    quit_button.setObjectName("quitOnClose")
    box.addButton(QMessageBox.StandardButton.Cancel)
    box.setDefaultButton(keep)
    box.exec()
    clicked = box.clickedButton()
    return True if clicked is keep else False if clicked is quit_button else None


class CloseToTray(QObject):
    def __init__(
        self,
        window: QWidget,
        current: Callable[[], bool | None],
        save: Callable[[bool], None],
        *,
        ask: Callable[[QWidget], bool | None] | None = None,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self.window = window
        self.current, self.save = current, save
        self.ask = ask or ask_keep_in_tray
        window.installEventFilter(self)

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        is_user_close = obj is self.window and event.type() == QEvent.Type.Close and event.spontaneous()
        if is_user_close and self.user_closed():
            event.ignore()
            return True
        return False

    def user_closed(self) -> bool:
        """Handle the person's close: True when the window stays (hidden in the tray, or cancelled)."""
        choice = self.current()
        if choice is None:
            choice = self.ask(self.window)
            if choice is None:
                return True
            self.save(choice)
        if choice:
            self.window.hide()
            return True
        app = QApplication.instance()
        if app is not None:
            QTimer.singleShot(0, app.quit)  # the tray keeps Qt from quitting on its own
        return False

    def remove(self) -> None:
        self.window.removeEventFilter(self)
