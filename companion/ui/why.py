"""The "Why this?" card: an item's reasons in plain words."""

from __future__ import annotations

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QVBoxLayout, QWidget

from companion.core.taste.rows import RowItem


def reasons_of(item: RowItem) -> list[str]:
    found = [r for r in (item.reasons or ()) if r]
    return found or ([item.reason] if item.reason else [])


class WhyDialog(QDialog):
    def __init__(self, item: RowItem, row_title: str = "", parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Why this?")
        self.setMinimumWidth(380)
        layout = QVBoxLayout(self)
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
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout.addWidget(buttons)


def _esc(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
