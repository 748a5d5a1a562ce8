"""Insights > Replay: a month's or a year's listening as a card (top artists, tracks, albums, genres and shows,
hours, the persona, what changed, on this day a year ago), its mix, and the card saved as a PNG."""

from __future__ import annotations

from datetime import date
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QComboBox,
    QFileDialog,
    QFrame,
    QGridLayout,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

TOP_SHOWN = 5


def _label(text: str = "", name: str | None = None, size: float | None = None) -> QLabel:
    label = QLabel(text)
    label.setWordWrap(True)
    if name:
        label.setObjectName(name)
    if size:
        label.setStyleSheet(f"font-size: {size}pt; font-weight: 650;")
    return label


def top_lines(tops: Any, with_artist: bool = False) -> str:
    """ "1. Name - Artist (12 plays, 3 imported)" lines."""
    lines = []
    for k, t in enumerate(tops[:TOP_SHOWN], 1):
        who = f" – {t.artist}" if with_artist and t.artist else ""
        imported = f", {t.imported} imported" if t.imported else ""
        lines.append(f"{k}. {t.name}{who}  ({t.plays} plays{imported})")
    return "\n".join(lines) or "—"


def period_name(period: str) -> str:
    """'2026' -> 'All of 2026', '2026-11' -> 'November 2026'."""
    if len(period) == 4:
        return f"All of {period}"

    year, month = (int(x) for x in period.split("-"))
    return date(year, month, 1).strftime("%B %Y")


class ReplayView(QWidget):
    periodChosen = Signal(str)
    playMix = Signal(list)  # item ids, most played first

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        v = QVBoxLayout(self)
        v.setContentsMargins(0, 0, 0, 0)
        bar = QHBoxLayout()
        self.period = QComboBox()
        self.period.setAccessibleName("Replay period")
        self.period.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.period.activated.connect(lambda _i: self.periodChosen.emit(self.period.currentData()))
        self.play = QPushButton("Play the Replay mix")
        self.play.clicked.connect(lambda: self.replay and self.playMix.emit(list(self.replay.mix)))
        self.save = QPushButton("Save as image…")
        self.save.clicked.connect(self._save)
        for w in (self.period, self.play, self.save):
            bar.addWidget(w)
        bar.addStretch(1)
        v.addLayout(bar)
        self.card = QFrame()
        self.card.setObjectName("replayCard")
        self.card.setFrameShape(QFrame.Shape.StyledPanel)
        self.card.setAutoFillBackground(True)
        c = QVBoxLayout(self.card)
        c.setContentsMargins(20, 16, 20, 16)
        self.title = _label("", size=18)
        self.figures = _label()
        self.persona = _label("", size=12)
        for label in (self.title, self.figures, self.persona):
            c.addWidget(label)
        grid = QGridLayout()
        grid.setHorizontalSpacing(24)
        self.columns: dict[str, QLabel] = {}
        for k, (key, heading) in enumerate(
            (
                ("artists", "Top artists"),
                ("tracks", "Top tracks"),
                ("albums", "Top albums"),
                ("genres", "Top genres"),
                ("shows", "Top shows"),
                ("changes", "What changed"),
            )
        ):
            grid.addWidget(_label(heading, size=11), (k // 3) * 2, k % 3)
            self.columns[key] = _label()
            self.columns[key].setAlignment(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignTop)
            grid.addWidget(self.columns[key], (k // 3) * 2 + 1, k % 3)
        c.addLayout(grid)
        self.on_this_day = _label()
        self.notes = _label("", name="muted")
        c.addWidget(self.on_this_day)
        c.addWidget(self.notes)
        v.addWidget(self.card)
        self.replay: Any = None
        self.set_replay(None)

    def set_answer(self, answer: tuple[list[str], Any]) -> None:
        """The backend's (periods, Replay): fill the period list, show the Replay."""
        periods, replay = answer
        self.period.blockSignals(True)
        self.period.clear()
        for p in periods:
            self.period.addItem(period_name(p), p)
        if replay is not None:
            self.period.setCurrentIndex(max(0, self.period.findData(replay.period)))
        self.period.blockSignals(False)
        self.set_replay(replay)

    def set_replay(self, replay: Any) -> None:
        self.replay = replay
        self.card.setVisible(replay is not None)
        self.play.setEnabled(bool(replay and replay.mix))
        self.save.setEnabled(replay is not None)
        if replay is None:
            return
        r = replay
        self.title.setText(f"Your Replay: {r.title}")
        self.figures.setText(
            f"{r.plays:,} plays · {r.hours:,.1f} hours · {r.tracks:,} tracks · {r.artists:,} artists"
        )
        self.persona.setText(r.persona)
        self.columns["artists"].setText(top_lines(r.top_artists))
        self.columns["tracks"].setText(top_lines(r.top_tracks, with_artist=True))
        self.columns["albums"].setText(top_lines(r.top_albums, with_artist=True))
        self.columns["genres"].setText(top_lines(r.top_genres))
        self.columns["shows"].setText(top_lines(r.top_shows))
        self.columns["changes"].setText("\n".join(r.changes) or "No genre moved 5 points or more.")
        day = top_lines(r.on_this_day, with_artist=True) if r.on_this_day else "nothing played"
        self.on_this_day.setText(f"On this day a year ago ({r.on_this_day_date}):\n{day}")
        notes = []
        if r.imported.get("plays"):
            notes.append(f"Includes {r.imported['plays']:,.0f} plays imported from other services.")
        if r.kept_out.get("plays"):
            notes.append(f"{r.kept_out['plays']:,.0f} plays kept out of your taste are not counted.")
        notes.append("Made on this computer from your own plays.")
        self.notes.setText(" ".join(notes))

    def save_png(self, path: str) -> bool:
        """The card as a PNG image; False when it could not be written."""
        return bool(self.card.grab().save(path, "PNG"))

    def _save(self) -> None:
        if self.replay is None:
            return
        name = f"companion-replay-{self.replay.period}.png"
        path, _ = QFileDialog.getSaveFileName(self, "Save the Replay as an image", name, "PNG image (*.png)")
        if path and not self.save_png(path):
            self.notes.setText(f"Could not write {path}.")
