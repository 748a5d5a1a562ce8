"""The one dismissable card when listening looks functional (``core/taste/keepout_suggest.py``): keep that
listening out of your taste, or dismiss the card (that suggestion is never made again). Nothing is applied
without the person. Shown on the home and in Settings > Privacy (``keep_out_box.py``)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget


class SuggestionCard(QFrame):
    accepted = Signal(object)  # the suggestion: its kind, value and artist are the rule it would add
    dismissed = Signal(str)  # the suggestion's key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("suggestionCard")
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QHBoxLayout(self)
        layout.setContentsMargins(16, 12, 12, 12)
        self.text = QLabel("")
        self.text.setWordWrap(True)
        layout.addWidget(self.text, 1)
        self.keep_button = QPushButton("Keep it out")
        self.keep_button.setAccessibleName("Keep this listening out of your taste")
        self.dismiss_button = QPushButton("Dismiss")
        self.dismiss_button.setAccessibleName("Dismiss this suggestion")
        layout.addWidget(self.keep_button)
        layout.addWidget(self.dismiss_button)
        self.keep_button.clicked.connect(lambda: self.suggestion and self.accepted.emit(self.suggestion))
        self.dismiss_button.clicked.connect(
            lambda: self.suggestion and self.dismissed.emit(self.suggestion.key)
        )
        self.suggestion: Any = None
        self.hide()

    def show_suggestion(self, suggestion: Any) -> None:
        """Show ``suggestion`` (a ``keepout_suggest.Suggestion``), or hide the card for None."""
        self.suggestion = suggestion
        self.text.setText(suggestion.text if suggestion is not None else "")
        self.setVisible(suggestion is not None)
