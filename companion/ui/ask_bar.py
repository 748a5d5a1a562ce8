"""Ask's reading in the search box: the clauses as chips the person can remove, a line to refine the same mix
("calmer", "more new", "less of this artist"), and what was not understood."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QHBoxLayout, QLabel, QLineEdit, QToolButton, QVBoxLayout, QWidget

REFINE_HINT = "Refine: calmer · faster · more new · less of this artist · only 90s"


class AskBar(QWidget):
    removeChip = Signal(int)  # the position of the clause to drop
    refine = Signal(str)  # a follow-up on the mix shown

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("askBar")
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        v.setSpacing(6)
        top = QHBoxLayout()
        top.setSpacing(6)
        self.read_as = QLabel("Read as:")
        self.read_as.setObjectName("muted")
        top.addWidget(self.read_as)
        self.chips_box = QHBoxLayout()
        self.chips_box.setSpacing(6)
        top.addLayout(self.chips_box)
        top.addStretch(1)
        v.addLayout(top)
        self.message = QLabel("")
        self.message.setObjectName("muted")
        self.message.setWordWrap(True)
        v.addWidget(self.message)
        self.refine_field = QLineEdit()
        self.refine_field.setPlaceholderText(REFINE_HINT)
        self.refine_field.setAccessibleName("Refine this mix")
        self.refine_field.returnPressed.connect(self._refine)
        v.addWidget(self.refine_field)
        self.chips: list[QToolButton] = []
        self.result: Any = None
        self.hide()

    def show_result(self, result: Any) -> None:
        """Show ``result``'s reading (an ``AskResult`` that is a prompt), else hide."""
        self.result = result
        for chip in self.chips:
            self.chips_box.removeWidget(chip)
            chip.deleteLater()
        self.chips = []
        if result is None or not (result.is_prompt or (result.clauses and self.isVisible())):
            self.hide()
            return
        for k, clause in enumerate(result.clauses):
            chip = QToolButton()
            chip.setObjectName("chip")
            chip.setText(f"{clause.label}  ✕")
            chip.setToolTip(f"Remove “{clause.label}” from the question")
            chip.setAccessibleName(f"Remove {clause.label}")
            chip.setStyleSheet(
                "QToolButton#chip { border: 1px solid palette(mid); border-radius: 12px; padding: 3px 10px; }"
            )
            chip.clicked.connect(lambda _c=False, k=k: self.removeChip.emit(k))
            self.chips_box.addWidget(chip)
            self.chips.append(chip)
        self.message.setText(result.message)
        self.message.setVisible(bool(result.message))
        self.show()

    def _refine(self) -> None:
        text = self.refine_field.text().strip()
        if text:
            self.refine_field.clear()
            self.refine.emit(text)
