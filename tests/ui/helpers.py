"""Helpers shared by the window tests: colours read off real renders, screenshots to look at, the demo's rows."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QPoint, QPointF, Qt
from PySide6.QtGui import QColor, QImage, QWheelEvent
from PySide6.QtWidgets import QApplication

from companion.core.taste.rows import RowItem

# renders kept for a person to look at after a run (one folder for all test processes; names are unique)
SHOTS = Path(tempfile.gettempdir()) / "companion-test-shots"


def save_shot(image_or_widget, name: str) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    image = image_or_widget if isinstance(image_or_widget, QImage) else image_or_widget.grab()
    image.save(str(SHOTS / f"{name}.png"))


def colour_close(a: QColor, b: QColor, tol: int = 40) -> bool:
    return abs(a.red() - b.red()) + abs(a.green() - b.green()) + abs(a.blue() - b.blue()) <= tol


def opaque_colors(image: QImage) -> list[QColor]:
    image = image.convertToFormat(QImage.Format.Format_ARGB32)
    return [
        image.pixelColor(x, y)
        for x in range(image.width())
        for y in range(image.height())
        if image.pixelColor(x, y).alpha() == 255
    ]


def centre_colour(widget) -> QColor:
    img = widget.grab().toImage()
    return img.pixelColor(img.width() - 6, img.height() // 2)


def row_item(**kw) -> RowItem:
    base = dict(
        item_id=1, path="/x.ogg", kind="music", title="Aurora II", artist="Northern Lights", reason="r"
    )
    base.update(kw)
    return RowItem(**base)


class FakePlayer:
    """Just the queue and signals the queue panel reads (the panel's own tests, without a player)."""

    def __init__(self) -> None:
        from types import SimpleNamespace

        from PySide6.QtCore import QObject, Signal

        from companion.core.playqueue import QueueEntry

        class _Signals(QObject):
            queueChanged = Signal()
            currentChanged = Signal(object)

        self._s = _Signals()
        self.queueChanged, self.currentChanged = self._s.queueChanged, self._s.currentChanged
        self.queue = SimpleNamespace(
            entries=[
                QueueEntry(1, "/a.ogg", "music", "Aurora II", "Northern Lights", "Aurora", 201),
                QueueEntry(2, "/b.mp4", "video", "The Long Dark", None, None, 10),
                QueueEntry(3, "/c.ogg", "music", "Snowfield", "Northern Lights", "Aurora", 240),
            ],
            index=0,
        )
        self.removed: list[int] = []

    def remove(self, row: int) -> None:
        self.removed.append(row)
        del self.queue.entries[row]
        self.queueChanged.emit()


def first_strip(home):
    return next(home.strips[r.id] for r in home.rows if r.id in home.strips)


def library_track_ids(qtbot, w) -> list[int]:
    w.show_page("library")
    w.library.show_view("tracks")
    qtbot.waitUntil(
        lambda: w.library.model.rowCount() > 4 and "Artist" in w.library.model.columns(), timeout=10_000
    )
    return [w.library.model.item_id(r) for r in range(w.library.model.rowCount())]


def playlists_named(backend, name: str) -> list:
    return [p for p in backend.playlists() if p.name == name]


def entry_ids(backend, pid: int) -> list[int | None]:
    return [e.item_id for e in backend.playlist(pid)[1]]


def music_row(c):
    return next(r for r in c.home_data.rows if all(i.kind == "music" for i in r.items) and len(r.items) >= 3)


def play_music(qtbot, built):
    row = music_row(built.controller)
    with qtbot.waitSignal(built.player.currentChanged, timeout=10_000):
        built.controller.play_row(row, 0, False)
    return row


def wheel_down(widget) -> None:
    """One notch of the mouse wheel, down, over the middle of ``widget``."""
    pos = QPointF(widget.width() / 2, widget.height() / 2)
    event = QWheelEvent(
        pos,
        QPointF(widget.mapToGlobal(pos.toPoint())),
        QPoint(0, 0),
        QPoint(0, -120),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    QApplication.sendEvent(widget, event)
