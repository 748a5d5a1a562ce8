"""The play queue in a side panel: drag to reorder, double-click to jump, Delete to remove.

Each entry is one painted row: small art (the cover, or a calm placeholder), the title in bold,
the artist and length muted; the playing entry is marked in the accent colour, the selected one
has a clear background.
"""

from __future__ import annotations

import time

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QRect, QRectF, QSize, Qt, QTimer, Signal
from PySide6.QtGui import (
    QColor,
    QFont,
    QKeyEvent,
    QLinearGradient,
    QPainter,
    QPainterPath,
    QPaintEvent,
    QShowEvent,
)
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPushButton,
    QStyle,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QVBoxLayout,
    QWidget,
)

from companion.ui import theme
from companion.ui.home.delegate import centre_crop, placeholder_colors
from companion.ui.home.model import format_duration
from companion.ui.icons import icon

SubtitleRole = Qt.ItemDataRole.UserRole + 1  # "Artist · 3:12", or just "0:10" without an artist
CurrentRole = Qt.ItemDataRole.UserRole + 2  # bool: the entry playing now
KindRole = Qt.ItemDataRole.UserRole + 3  # music | video
CoverRole = Qt.ItemDataRole.UserRole + 4  # cover key, or None
SeedRole = Qt.ItemDataRole.UserRole + 5  # placeholder colour seed
ROW_HEIGHT, ART = 56, 40
EMPTY_HINT = "Nothing queued: pick a card, or Add to queue"
HOLD_AFTER_CLICK_S = 2.0  # the list does not scroll by itself this long after a click
QUEUED_BY_HAND = "Queued by you"  # Play next / Add to queue: kept when a card or a row starts


def entry_subtitle(artist: str | None, duration: float | None) -> str:
    """The second line: artist and length, with no dangling separator when either is missing."""
    parts = [p for p in ((artist or "").strip(), format_duration(duration) if duration else "") if p]
    return "  ·  ".join(parts)


class QueueDelegate(QStyledItemDelegate):
    def __init__(self, panel: QueuePanel) -> None:
        super().__init__(panel)
        self.panel = panel

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        return QSize(option.rect.width(), ROW_HEIGHT)

    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        c = theme.current()
        r = option.rect.adjusted(4, 2, -4, -2)
        selected = bool(option.state & QStyle.StateFlag.State_Selected)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        current = bool(index.data(CurrentRole))
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        if selected or hovered:
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(theme.mix(c.surface, c.accent, 0.28) if selected else c.raised))
            painter.drawRoundedRect(QRectF(r), 8, 8)
        art = QRect(r.left() + 6, r.top() + (r.height() - ART) // 2, ART, ART)
        self._art(painter, art, index)
        if current:  # the playing entry: a play glyph over its art
            painter.fillRect(art, QColor(0, 0, 0, 110))
            icon("play", "#ffffff").paint(painter, art.adjusted(10, 10, -10, -10))
        text_left = art.right() + 12
        width = r.right() - 8 - text_left
        f = QFont(option.font)
        f.setWeight(QFont.Weight.DemiBold)
        painter.setFont(f)
        fm = painter.fontMetrics()
        top = r.top() + (r.height() - 2 * fm.height() - 2) // 2
        painter.setPen(QColor(c.accent if current else c.text))
        title = str(index.data(Qt.ItemDataRole.DisplayRole) or "")
        painter.drawText(
            QRect(text_left, top, width, fm.height()),
            Qt.AlignmentFlag.AlignLeft,
            fm.elidedText(title, Qt.TextElideMode.ElideRight, width),
        )
        f.setWeight(QFont.Weight.Normal)
        f.setPointSizeF(max(7.0, f.pointSizeF() - 1))
        painter.setFont(f)
        fm2 = painter.fontMetrics()
        painter.setPen(QColor(c.muted))
        painter.drawText(
            QRect(text_left, top + fm.height() + 2, width, fm2.height()),
            Qt.AlignmentFlag.AlignLeft,
            fm2.elidedText(str(index.data(SubtitleRole) or ""), Qt.TextElideMode.ElideRight, width),
        )
        painter.restore()

    def _art(self, painter: QPainter, art: QRect, index: QModelIndex) -> None:
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(art), 6, 6)
        painter.save()
        painter.setClipPath(clip)
        cache = self.panel.art
        pm = cache.pixmap(index.data(CoverRole)) if cache is not None else None
        if pm is not None and not pm.isNull():
            painter.drawPixmap(art, pm, centre_crop(pm.size(), art.size()))
        else:
            top, bottom = placeholder_colors(str(index.data(SeedRole) or ""))
            grad = QLinearGradient(art.topLeft(), art.bottomRight())
            grad.setColorAt(0, top)
            grad.setColorAt(1, bottom)
            painter.fillRect(art, grad)
            painter.setOpacity(0.6)
            glyph = "movie" if index.data(KindRole) == "video" else "music-note"
            icon(glyph, "#ffffff").paint(painter, art.adjusted(11, 11, -11, -11))
        painter.restore()


class QueueList(QListWidget):
    clicked_at = 0.0  # time.monotonic() of the last click

    def paintEvent(self, e: QPaintEvent) -> None:
        super().paintEvent(e)
        if self.count():
            return
        p = QPainter(self.viewport())  # an empty queue says how to fill it
        p.setPen(QColor(theme.current().muted))
        p.drawText(
            self.viewport().rect().adjusted(16, 24, -16, -16),
            Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop | Qt.TextFlag.TextWordWrap,
            EMPTY_HINT,
        )
        p.end()

    def mousePressEvent(self, e) -> None:
        self.clicked_at = (
            time.monotonic()
        )  # the list holds still a while: a double-click hits what it aimed at
        super().mousePressEvent(e)

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() == Qt.Key.Key_Delete and self.currentRow() >= 0:
            self.parent().player.remove(self.currentRow())  # type: ignore[attr-defined]
            return
        super().keyPressEvent(e)


class QueuePanel(QWidget):
    exportRequested = Signal()  # "Export…": write the queue to a playlist file (the window asks where)

    def __init__(self, player, parent: QWidget | None = None, art=None) -> None:
        super().__init__(parent)
        self.player = player
        self.art = None
        self.setObjectName("page")
        self.setMinimumWidth(260)
        self.setMaximumWidth(340)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(12, 16, 12, 12)
        title = QLabel("Queue")
        title.setStyleSheet("font-size: 14pt; font-weight: 650;")
        head = QHBoxLayout()
        head.addWidget(title)
        head.addStretch(1)
        self.export_button = QPushButton(icon("export"), " Export…")
        self.export_button.setAccessibleName("Export the queue to a playlist file")
        self.export_button.setToolTip("Save the queue as a playlist file (M3U8, M3U, XSPF, PLS)")
        self.export_button.clicked.connect(self.exportRequested)
        head.addWidget(self.export_button)
        layout.addLayout(head)
        hint = QLabel("Drag to reorder · Delete removes")
        hint.setObjectName("muted")
        layout.addWidget(hint)
        self.list = QueueList(self)
        self.list.setObjectName("list")
        self.list.setAccessibleName("Play queue")
        self.list.setItemDelegate(QueueDelegate(self))
        self.list.setMouseTracking(True)
        self.list.setUniformItemSizes(True)
        self.list.setTextElideMode(Qt.TextElideMode.ElideRight)
        self.list.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.list.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        self.list.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.list.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.list.model().rowsMoved.connect(self._moved)
        self.list.itemDoubleClicked.connect(lambda it: self.player.jump(self.list.row(it)))
        layout.addWidget(self.list, 1)
        # Deferred: the queue may change inside a drop handled by this very list.
        player.queueChanged.connect(lambda: QTimer.singleShot(0, self.refresh))
        player.currentChanged.connect(lambda _e: QTimer.singleShot(0, self.refresh))
        self._syncing = False
        self._shown_playing: tuple[int, int] | None = None  # (position, queue slot) last scrolled to
        self.set_art(art)
        self.refresh()

    def set_art(self, art) -> None:
        """Show covers from ``art`` (repainting as they load)."""
        self.art = art
        if art is not None:
            art.ready.connect(lambda _k: self.list.viewport().update())

    def showEvent(self, e: QShowEvent) -> None:
        if self.art is None:  # not given one: share the home's covers when the window has a home page
            home_art = getattr(getattr(self.window(), "home", None), "art", None)
            if home_art is not None and hasattr(home_art, "pixmap"):
                self.set_art(home_art)
        super().showEvent(e)

    def holding_still(self) -> bool:
        """The pointer is over the list, or it was clicked moments ago: the list does not move under it."""
        return self.list.underMouse() or time.monotonic() - self.list.clicked_at < HOLD_AFTER_CLICK_S

    def refresh(self) -> None:
        self._syncing = True
        keep = self.list.currentRow()
        held = self.holding_still()
        scrolled = self.list.verticalScrollBar().value()
        self.list.clear()
        queue = self.player.queue
        # After the last entry ended nothing is playing: no entry keeps the play mark.
        ended = bool(getattr(self.player, "at_end", lambda: False)())
        playing_at = -1 if ended else queue.index
        for pos, entry in enumerate(queue.entries):
            item = QListWidgetItem(entry.title or "Untitled")
            subtitle = entry_subtitle(entry.artist, entry.duration)
            if pos > playing_at and getattr(
                entry, "by_hand", False
            ):  # stays queued when something else starts
                subtitle = f"{QUEUED_BY_HAND}  ·  {subtitle}" if subtitle else QUEUED_BY_HAND
            item.setData(SubtitleRole, subtitle)
            item.setData(CurrentRole, pos == playing_at)
            item.setData(KindRole, entry.kind)
            item.setData(CoverRole, entry.cover_key)
            item.setData(SeedRole, f"{entry.artist}|{entry.album or entry.title}")
            by = f" by {entry.artist}" if entry.artist else ""
            now = ", playing" if pos == playing_at else ""
            item.setData(Qt.ItemDataRole.AccessibleTextRole, f"{entry.title or 'Untitled'}{by}{now}")
            self.list.addItem(item)
        if keep >= 0 and self.list.count():  # the selection survives a refresh (e.g. after Delete)
            self.list.setCurrentRow(min(keep, self.list.count() - 1))
        self.list.setAccessibleDescription("" if self.list.count() else EMPTY_HINT)
        playing = (
            (playing_at, queue.entries[playing_at].uid) if 0 <= playing_at < len(queue.entries) else None
        )
        self.list.verticalScrollBar().setValue(scrolled)  # rebuilt where it was
        if held:  # the playing entry is shown at a refresh once the person is done with the list
            return self._done_syncing()
        if playing is not None and playing != self._shown_playing:  # the playing entry changed: show it
            self.list.scrollToItem(self.list.item(playing_at), QAbstractItemView.ScrollHint.PositionAtCenter)
        self._shown_playing = playing
        self._done_syncing()

    def _done_syncing(self) -> None:
        self._syncing = False

    def _moved(self, _parent: QModelIndex, start: int, _end: int, _dest: QModelIndex, row: int) -> None:
        if self._syncing:
            return
        dest = row - 1 if row > start else row
        self.player.move(start, dest)
