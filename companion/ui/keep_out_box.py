"""Settings > Privacy: what is kept out of your taste (each rule with what it hides), adding and removing
rules, and the one suggestion when listening looks functional (never applied without the person)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QComboBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from companion.ui.suggestion_card import SuggestionCard

KINDS = (
    ("Playlist", "playlist", "its name or id"),
    ("Time window", "time", "Saturday 14:00-18:00, every night 22:00-06:00 in March"),
    ("Album", "album", "the album's name"),
    ("Track", "track", "its item id or path"),
)


class KeepOutBox(QGroupBox):
    add = Signal(str, str, object)  # kind, value, artist (albums) or None
    remove = Signal(int)
    dismiss = Signal(str)  # a suggestion's key

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__("Privacy: kept out of your taste", parent)
        v = QVBoxLayout(self)
        intro = QLabel(
            "Listening you keep out (a children's playlist, sleep sounds, a party) stays in your history and "
            "Replay, but teaches your mixes nothing. Past plays count too, and removing a rule brings them back."
        )
        intro.setWordWrap(True)
        intro.setObjectName("muted")
        v.addWidget(intro)
        self.card = SuggestionCard()
        self.card.accepted.connect(lambda s: self.add.emit(s.kind, s.value, s.artist))
        self.card.dismissed.connect(self.dismiss)
        v.addWidget(self.card)
        self.rules_box = QVBoxLayout()
        v.addLayout(self.rules_box)
        self.none = QLabel("Nothing is kept out of your taste.")
        self.none.setObjectName("muted")
        v.addWidget(self.none)
        row = QHBoxLayout()
        self.kind = QComboBox()
        self.kind.setAccessibleName("What to keep out")
        for title, kind, _hint in KINDS:
            self.kind.addItem(title, kind)
        self.value = QLineEdit()
        self.value.setAccessibleName("Which one")
        self.artist = QLineEdit()
        self.artist.setPlaceholderText("artist (optional)")
        self.kind.currentIndexChanged.connect(self._kind_changed)
        keep = QPushButton("Keep out")
        keep.clicked.connect(self._add)
        self.value.returnPressed.connect(self._add)
        for w in (self.kind, self.value, self.artist, keep):
            row.addWidget(w, 1 if w is self.value else 0)
        v.addLayout(row)
        self.status = QLabel("")
        self.status.setObjectName("muted")
        self.status.setWordWrap(True)
        v.addWidget(self.status)
        self.rows: list[QWidget] = []
        self._kind_changed()

    def _kind_changed(self) -> None:
        self.value.setPlaceholderText(KINDS[self.kind.currentIndex()][2])
        self.artist.setVisible(self.kind.currentData() == "album")

    def _add(self) -> None:
        value = self.value.text().strip()
        if not value:
            self.status.setText("Say which one to keep out.")
            return
        artist = self.artist.text().strip() or None if self.kind.currentData() == "album" else None
        self.add.emit(self.kind.currentData(), value, artist)

    def set_state(self, state: tuple[list[Any], Any]) -> None:
        """The backend's (rules with what each hides, the suggestion or None)."""
        hidden, suggestion = state
        for w in self.rows:
            self.rules_box.removeWidget(w)
            w.deleteLater()
        self.rows = []
        for h in hidden:
            line = QWidget()
            hl = QHBoxLayout(line)
            hl.setContentsMargins(0, 0, 0, 0)
            examples = f": {', '.join(h.examples)}" if h.examples else ""
            text = QLabel(
                f"<b>{h.rule.label}</b><br>hides {h.events:,} plays of {h.tracks:,} tracks{examples}"
            )
            text.setWordWrap(True)
            hl.addWidget(text, 1)
            button = QPushButton("Remove")
            button.setAccessibleName(f"Remove {h.rule.label}")
            button.clicked.connect(lambda _c=False, rid=h.rule.id: self.remove.emit(rid))
            hl.addWidget(button)
            self.rules_box.addWidget(line)
            self.rows.append(line)
        self.none.setVisible(not hidden)
        self.card.show_suggestion(suggestion)

    def added(self, label: str) -> None:
        self.value.clear()
        self.artist.clear()
        self.status.setText(f"Kept out: {label}. Your mixes are being made again without it.")
