"""The Flow dialog: from one feel to another in about N minutes (``companion flow`` in the window)."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

MOODS = ("calm", "chill", "focus", "happy", "energetic", "party")
START_CHOICES = (("Where I am now (what I played last)", None), *((m.capitalize(), m) for m in MOODS))
END_CHOICES = (("Stay there", None), *((m.capitalize(), m) for m in MOODS))


class FlowDialog(QDialog):
    """``chosen(start, end, minutes)``: mood words, or None for "where I am now" / "stay there"."""

    chosen = Signal(object, object, int)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Flow")
        self.setAccessibleName("Flow: a mix that moves from one feel to another")
        layout = QVBoxLayout(self)
        intro = QLabel(
            "A mix from your music whose energy and tempo move in small steps from one feel to another."
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        layout.addWidget(intro)
        form = QFormLayout()
        self.start = QComboBox()
        for text, value in START_CHOICES:
            self.start.addItem(text, value)
        self.start.setAccessibleName("From")
        self.end = QComboBox()
        for text, value in END_CHOICES:
            self.end.addItem(text, value)
        self.end.setCurrentIndex(1 + MOODS.index("energetic"))
        self.end.setAccessibleName("To")
        self.minutes = QSpinBox()
        self.minutes.setRange(15, 240)
        self.minutes.setSingleStep(15)
        self.minutes.setValue(60)
        self.minutes.setSuffix(" minutes")
        self.minutes.setAccessibleName("Length")
        form.addRow("From", self.start)
        form.addRow("To", self.end)
        form.addRow("Length", self.minutes)
        layout.addLayout(form)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Play")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)
        self.setMinimumWidth(440)

    def choice(self) -> tuple[str | None, str | None, int]:
        return self.start.currentData(), self.end.currentData(), self.minutes.value()

    def accept(self) -> None:
        self.chosen.emit(*self.choice())
        super().accept()
