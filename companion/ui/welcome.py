"""First run: offer the Music and Videos folders (or a picker) or the demo, then show scan progress."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QProgressBar,
    QPushButton,
    QVBoxLayout,
    QWidget,
)


class WelcomePage(QWidget):
    start = Signal(list)  # folders to add and scan
    demo = Signal()

    def __init__(self, suggestions: list[Path], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("page")
        outer = QVBoxLayout(self)
        outer.addStretch(1)
        box = QVBoxLayout()
        box.setSpacing(14)
        title = QLabel("Welcome to Companion")
        title.setObjectName("pageTitle")
        intro = QLabel(
            "Your own music and videos, and a home of mixes that learns what you like.\n"
            "Everything stays on this computer."
        )
        intro.setObjectName("muted")
        box.addWidget(title)
        box.addWidget(intro)
        self.checks: list[QCheckBox] = []
        for folder in suggestions:
            check = QCheckBox(str(folder))
            check.setChecked(True)
            self.checks.append(check)
            box.addWidget(check)
        self.no_folders = QLabel("No Music or Videos folder was found; choose where your files are.")
        self.no_folders.setVisible(not suggestions)
        box.addWidget(self.no_folders)
        buttons = QHBoxLayout()
        self.go = QPushButton("Use these folders" if suggestions else "Choose a folder…")
        self.go.setObjectName("primary")
        self.go.clicked.connect(self._go)
        pick = QPushButton("Choose another folder…")
        pick.clicked.connect(self._pick)
        demo = QPushButton("Try the demo library")
        demo.setAccessibleName("Try the demo library: made on the spot, nothing downloaded")
        demo.clicked.connect(self.demo)
        buttons.addWidget(self.go)
        if suggestions:
            buttons.addWidget(pick)
        buttons.addWidget(demo)
        self.choices = [self.go, pick, demo, *self.checks]
        buttons.addStretch(1)
        box.addLayout(buttons)
        self.progress = QProgressBar()
        self.progress.setRange(0, 0)
        self.progress.hide()
        self.status = QLabel("")
        self.status.setObjectName("muted")
        box.addWidget(self.progress)
        box.addWidget(self.status)
        row = QHBoxLayout()
        row.addStretch(1)
        row.addLayout(box, 3)
        row.addStretch(1)
        outer.addLayout(row)
        outer.addStretch(2)

    def show_progress(self, text: str, done: int | None = None, total: int | None = None) -> None:
        """Work under way (a scan, the demo being made): its progress, and no choices to make meanwhile."""
        self.no_folders.hide()
        for widget in self.choices:
            widget.setEnabled(False)
        self.progress.show()
        if done is not None and total:
            self.progress.setRange(0, total)
            self.progress.setValue(done)
        self.status.setText(text)

    def _go(self) -> None:
        chosen = [c.text() for c in self.checks if c.isChecked()]
        if not chosen:
            self._pick()
            return
        self.start.emit(chosen)

    def _pick(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Where are your music and videos?")
        if path:
            self.start.emit([path])

    def show_nothing_found(self, folders: list[str]) -> None:
        """The scan ended with nothing to play: say so and offer the choices again."""
        self.progress.hide()
        for widget in self.choices:
            widget.setEnabled(True)
        where = ", ".join(folders) if folders else "the chosen folders"
        self.status.setText(
            f"No music or videos were found in {where}. Choose another folder, or try the demo."
        )

    def show_problem(self, text: str) -> None:
        """The work failed: say why, and offer the choices again."""
        self.progress.hide()
        for widget in self.choices:
            widget.setEnabled(True)
        self.status.setText(text)
