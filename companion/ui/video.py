"""Video inside the window: full screen, keyboard seeking, "continue from 23:14?" and up next."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QKeyEvent, QMouseEvent
from PySide6.QtMultimediaWidgets import QVideoWidget
from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from companion.ui.home.model import format_duration

SEEK_STEP_S = 10.0
UP_NEXT_S = 10  # the next episode starts after this countdown, unless cancelled


class VideoSurface(QVideoWidget):
    """The picture: double-click or F toggles full screen, arrows seek, Esc leaves full screen."""

    fullScreenToggled = Signal()
    seekBy = Signal(float)
    togglePlay = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName("Video")

    def mouseDoubleClickEvent(self, e: QMouseEvent) -> None:
        self.fullScreenToggled.emit()

    def keyPressEvent(self, e: QKeyEvent) -> None:
        key = e.key()
        if key == Qt.Key.Key_Right:
            self.seekBy.emit(SEEK_STEP_S)
        elif key == Qt.Key.Key_Left:
            self.seekBy.emit(-SEEK_STEP_S)
        elif key == Qt.Key.Key_F or key == Qt.Key.Key_Escape and self.window().isFullScreen():
            self.fullScreenToggled.emit()
        elif key == Qt.Key.Key_Space:
            self.togglePlay.emit()
        else:
            super().keyPressEvent(e)


class VideoPage(QWidget):
    resumeChosen = Signal(int, bool)  # item id, True: continue where I stopped / False: from the start
    fullScreenToggled = Signal()  # the window goes full screen with this page (and back)
    playNext = Signal(int)  # item id of the next episode
    backHome = Signal()  # the queue ended here: go back to the home

    def __init__(self, player, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.player = player
        self.setObjectName("page")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        self.surface = VideoSurface()
        self.surface.setStyleSheet("background: black;")
        layout.addWidget(self.surface, 1)
        self.prompt = QWidget()
        row = QHBoxLayout(self.prompt)
        self.prompt_text = QLabel("")
        self.resume_button = QPushButton("Continue")
        self.resume_button.setObjectName("primary")
        self.restart_button = QPushButton("Start over")
        row.addWidget(self.prompt_text, 1)
        row.addWidget(self.restart_button)
        row.addWidget(self.resume_button)
        layout.addWidget(self.prompt)
        self.prompt.hide()
        self._prompt_item: int | None = None
        self._next_item: int | None = None
        self._finished = False
        self._next_title, self._left = "", 0
        self._countdown = QTimer(self, interval=1000)
        self._countdown.timeout.connect(self._tick)
        self.resume_button.clicked.connect(lambda: self._answer(True))
        self.restart_button.clicked.connect(lambda: self._answer(False))
        self.surface.fullScreenToggled.connect(self.fullScreenToggled)
        self.surface.seekBy.connect(lambda d: player.seek(max(0.0, player.position() + d)))
        self.surface.togglePlay.connect(player.toggle)
        player.set_video_output(self.surface)
        player.currentChanged.connect(self._current_changed)

    def _current_changed(self, entry) -> None:
        if entry is not None and self._finished:  # something plays again: "end of the queue" is over
            self._finished = False
            self.prompt.hide()
        elif entry is not None and self._next_item == entry.item_id:  # the offered episode started anyway
            self._stop_countdown()
            self._next_item = None
            self.prompt.hide()

    def ask_resume(self, item_id: int, title: str, position: float) -> None:
        """Offer "continue from 23:14?" before playing a video that was left part way: Enter continues,
        Esc starts over."""
        self._stop_countdown()
        self._prompt_item, self._next_item, self._finished = item_id, None, False
        self.prompt_text.setText(f"Continue “{title}” from {format_duration(position)}?")
        self.resume_button.setText(f"Continue from {format_duration(position)}")
        self.restart_button.setText("Start over")
        self.restart_button.show()
        self._show_prompt()

    def offer_next(self, item_id: int, title: str) -> None:
        """At the end of an episode: the next one starts after a countdown; Esc or Cancel stops it."""
        self._prompt_item, self._next_item, self._finished = None, item_id, False
        self._next_title, self._left = title, UP_NEXT_S
        self.resume_button.setText("Play now")
        self.restart_button.setText("Cancel")
        self.restart_button.show()
        self._tick_text()
        self._countdown.start()
        self._show_prompt()

    def counting_down(self) -> bool:
        return self._countdown.isActive()

    def _tick(self) -> None:
        self._left -= 1
        if self._left <= 0:
            self._answer(True)
        else:
            self._tick_text()

    def _tick_text(self) -> None:
        self.prompt_text.setText(f"Up next: {self._next_title}, in {self._left} s")

    def _stop_countdown(self) -> None:
        self._countdown.stop()

    def show_finished(self) -> None:
        """The queue ended on this page: say so and offer the way back, instead of a black screen."""
        if self.counting_down():
            return  # the next episode is coming: that is what the page says
        self._prompt_item, self._next_item, self._finished = None, None, True
        self.prompt_text.setText("That was the end of the queue.")
        self.resume_button.setText("Back to home")
        self.restart_button.hide()
        self._show_prompt()

    def _show_prompt(self) -> None:
        self.prompt.show()
        self.resume_button.setFocus(Qt.FocusReason.OtherFocusReason)

    def hideEvent(self, e) -> None:
        self._countdown.stop()  # the person left the page: the next episode does not start behind them
        super().hideEvent(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        """While a question shows: Enter presses the focused answer (the default one unless Tab moved),
        Esc is the other answer (start over, cancel the countdown)."""
        if self.prompt.isVisible() and e.key() in (Qt.Key.Key_Return, Qt.Key.Key_Enter):
            button = self.restart_button if self.restart_button.hasFocus() else self.resume_button
            button.click()
        elif self.prompt.isVisible() and e.key() == Qt.Key.Key_Escape and self.restart_button.isVisible():
            self.restart_button.click()
        else:
            super().keyPressEvent(e)

    def _answer(self, resume: bool) -> None:
        counting = self.counting_down()
        self._stop_countdown()
        if self._next_item is not None and not resume and counting:  # cancelled: the offer stays, still
            self.prompt_text.setText(f"Up next: {self._next_title}")
            self.resume_button.setText("Play next episode")
            self.restart_button.hide()
            self.resume_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return
        self.prompt.hide()
        if self._finished:
            self._finished = False
            self.backHome.emit()
        elif self._next_item is not None:
            self.playNext.emit(self._next_item)
        elif self._prompt_item is not None:
            self.resumeChosen.emit(self._prompt_item, resume)
        self._prompt_item = self._next_item = None

    def toggle_full_screen(self) -> None:
        """F11, F or a double-click: the window shows this page full screen (see ``MainWindow``)."""
        self.fullScreenToggled.emit()
