"""The "Why this?" card: an item's reasons in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QFrame, QHBoxLayout, QLabel, QPushButton, QVBoxLayout, QWidget

from companion.core.taste.rows import RowItem


def reasons_of(item: RowItem) -> list[str]:
    found = [r for r in (item.reasons or ()) if r]
    return found or ([item.reason] if item.reason else [])


class WhyDialog(QDialog):
    def __init__(self, item: RowItem, row_title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Why this?")
        self.setMinimumWidth(380)
        outer = QVBoxLayout(self)
        outer.setContentsMargins(0, 0, 0, 0)
        # A framed card, so the popup stands apart from the cards under it even without a window frame.
        self.card = QFrame(self)
        self.card.setObjectName("whyCard")
        outer.addWidget(self.card)
        layout = QVBoxLayout(self.card)
        layout.setContentsMargins(20, 18, 20, 14)
        layout.setSpacing(10)
        head = QLabel(f"<b>{_esc(item.title or 'Untitled')}</b><br><span>{_esc(item.artist or '')}</span>")
        layout.addWidget(head)
        intro = QLabel(f"In “{_esc(row_title)}” because:" if row_title else "Picked because:")
        intro.setObjectName("muted")
        layout.addWidget(intro)
        self.reasons = reasons_of(item)
        body = QLabel("".join(f"• {_esc(r)}<br>" for r in self.reasons) or "No reason recorded.")
        body.setWordWrap(True)
        body.setAccessibleName("Reasons: " + "; ".join(self.reasons))
        layout.addWidget(body)
        row = QHBoxLayout()
        row.addStretch(1)
        self.close_button = QPushButton("Close")  # plain text: no stock icon from the style
        self.close_button.setDefault(True)
        self.close_button.clicked.connect(self.reject)
        row.addWidget(self.close_button)
        layout.addLayout(row)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
