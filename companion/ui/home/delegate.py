"""Painting home cards: art (or a placeholder), title, artist, badges, and hover/focus quick actions.

One delegate paints every card of a row, so 20 rows of 50 cards cost 20 views, not
1,000 widgets. Quick actions are painted rects hit-tested in ``editorEvent``.
"""

from __future__ import annotations

import hashlib

from PySide6.QtCore import (
    QEvent,
    QModelIndex,
    QPersistentModelIndex,
    QPoint,
    QRect,
    QRectF,
    QSize,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QHelpEvent, QLinearGradient, QPainter, QPainterPath, QPen
from PySide6.QtWidgets import QAbstractItemView, QStyle, QStyledItemDelegate, QStyleOptionViewItem, QToolTip

from companion.core.taste.rows import RowItem
from companion.ui import theme
from companion.ui.art import ArtCache
from companion.ui.home.model import ItemRole, LikedRole, PlayedRole, format_duration
from companion.ui.icons import icon

MUSIC_ART = QSize(168, 168)
VIDEO_ART = QSize(256, 144)
TEXT_HEIGHT = 50
ACTIONS = ("play_next", "queue", "like", "dislike", "why")
ACTION_ICONS = {
    "play_next": "play-next",
    "queue": "add-queue",
    "like": "like",
    "dislike": "dislike",
    "why": "why",
}
ACTION_LABELS = {
    "play": "Play",
    "play_next": "Play next",
    "queue": "Add to queue",
    "like": "Like",
    "dislike": "Dislike (never in mixes)",
    "why": "Why this?",
}


def art_size(kind: str) -> QSize:
    return VIDEO_ART if kind == "video" else MUSIC_ART


def placeholder_colors(seed: str) -> tuple[QColor, QColor]:
    """Two calm colours derived from the item, so placeholders differ but never flash."""
    h = hashlib.blake2b(seed.encode("utf-8"), digest_size=4).digest()
    hue = int.from_bytes(h[:2], "big") % 360
    return QColor.fromHsl(hue, 90, 70), QColor.fromHsl((hue + 40) % 360, 110, 40)


class CardDelegate(QStyledItemDelegate):
    actionTriggered = Signal(str, QModelIndex)

    def __init__(self, art: ArtCache, kind: str, parent=None) -> None:
        super().__init__(parent)
        self.art = art
        self.kind = kind
        self.hover_pos: QPoint | None = None

    # --- geometry ----------------------------------------------------------------------------
    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex) -> QSize:
        a = art_size(self.kind)
        return QSize(a.width(), a.height() + TEXT_HEIGHT)

    def art_rect(self, card: QRect) -> QRect:
        a = art_size(self.kind)
        return QRect(card.left(), card.top(), a.width(), a.height())

    def action_rects(self, card: QRect) -> dict[str, QRect]:
        art = self.art_rect(card)
        size, gap = 28, 4
        rects = {
            name: QRect(art.left() + 8 + k * (size + gap), art.bottom() - size - 8, size, size)
            for k, name in enumerate(ACTIONS)
        }
        rects["play"] = QRect(art.right() - 44 - 8, art.top() + 8, 44, 44)
        return rects

    def tooltip_zones(self, card: QRect) -> list[QRect]:
        """The parts of a card that are not a quick action: above the row of actions (left and right of the
        play button) and the text under the art."""
        art, rects = self.art_rect(card), self.action_rects(card)
        play, row_top = rects["play"], min(r.top() for n, r in rects.items() if n != "play")
        return [
            QRect(card.left(), card.top(), play.left() - card.left(), row_top - card.top()),
            QRect(
                play.left(), play.bottom() + 1, card.right() - play.left() + 1, row_top - play.bottom() - 1
            ),
            QRect(play.right() + 1, card.top(), card.right() - play.right(), play.height() + 8),
            QRect(card.left(), art.bottom() + 1, card.width(), card.bottom() - art.bottom()),
        ]

    # --- painting ------------------------------------------------------------------------------
    def paint(
        self, painter: QPainter, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> None:
        item: RowItem = index.data(ItemRole)
        if item is None:
            return
        c = theme.current()
        card = option.rect
        art = self.art_rect(card)
        hovered = bool(option.state & QStyle.StateFlag.State_MouseOver)
        focused = bool(option.state & QStyle.StateFlag.State_HasFocus) or bool(
            option.state & QStyle.StateFlag.State_Selected
        )
        painter.save()
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        clip = QPainterPath()
        clip.addRoundedRect(QRectF(art), 10, 10)
        painter.setClipPath(clip)
        pm = self.art.pixmap(item.cover_key)
        if pm is not None and not pm.isNull():
            src = centre_crop(pm.size(), art.size())
            painter.drawPixmap(art, pm, src)
        else:
            self._placeholder(painter, art, item)
        self._badges(painter, art, item, bool(index.data(PlayedRole)))
        if hovered:  # quick actions under the pointer; a focused card keeps its art and gets a ring
            painter.fillRect(art, QColor(0, 0, 0, 90))
            self._actions(painter, card, int(index.data(LikedRole) or 0))
        painter.setClipping(False)
        if focused:  # a ring only: never fill (``_actions`` leaves its last brush on the painter)
            painter.setBrush(Qt.BrushStyle.NoBrush)
            pen = QPen(QColor(c.accent))
            pen.setWidthF(2.0)
            painter.setPen(pen)
            painter.drawRoundedRect(QRectF(art).adjusted(1, 1, -1, -1), 9, 9)
        self._text(painter, card, art, item, c)
        painter.restore()

    def _placeholder(self, painter: QPainter, art: QRect, item: RowItem) -> None:
        top, bottom = placeholder_colors(f"{item.artist}|{item.album or item.title}")
        grad = QLinearGradient(art.topLeft(), art.bottomRight())
        grad.setColorAt(0, top)
        grad.setColorAt(1, bottom)
        painter.fillRect(art, grad)
        glyph = icon("movie" if item.kind == "video" else "music-note", "#ffffff")
        s = min(art.width(), art.height()) // 3
        painter.setOpacity(0.55)
        glyph.paint(painter, QRect(art.center().x() - s // 2, art.center().y() - s // 2, s, s))
        painter.setOpacity(1.0)

    def _badges(self, painter: QPainter, art: QRect, item: RowItem, played: bool) -> None:
        label = None
        if item.resume_position and item.duration:
            frac = max(0.0, min(1.0, item.resume_position / item.duration))
            bar = QRect(art.left(), art.bottom() - 4, art.width(), 5)
            painter.fillRect(bar, QColor(255, 255, 255, 70))
            painter.fillRect(
                QRect(bar.left(), bar.top(), int(bar.width() * frac), bar.height()),
                QColor(theme.current().accent),
            )
            label = f"Resume {format_duration(item.resume_position)}"
        elif not played:
            label = "NEW"
        if label:
            f = QFont(painter.font())
            f.setPointSizeF(7.5)
            f.setBold(True)
            painter.setFont(f)
            w = painter.fontMetrics().horizontalAdvance(label) + 14
            pill = QRectF(art.left() + 8, art.top() + 8, w, 20)
            painter.setPen(Qt.PenStyle.NoPen)
            painter.setBrush(QColor(0, 0, 0, 150))
            painter.drawRoundedRect(pill, 10, 10)
            painter.setPen(QColor("#ffffff"))
            painter.drawText(pill, Qt.AlignmentFlag.AlignCenter, label)

    def _actions(self, painter: QPainter, card: QRect, liked: int) -> None:
        c = theme.current()
        rects = self.action_rects(card)
        for name, r in rects.items():
            under = self.hover_pos is not None and r.contains(self.hover_pos)
            painter.setPen(Qt.PenStyle.NoPen)
            if name == "play":
                painter.setBrush(QColor(c.accent).lighter(115) if under else QColor(c.accent))
                painter.drawEllipse(r)
                icon("play", "#ffffff").paint(painter, r.adjusted(11, 11, -10, -11))
                continue
            painter.setBrush(QColor(255, 255, 255, 70 if under else 38))
            painter.drawEllipse(r)
            active = (name == "like" and liked == 1) or (name == "dislike" and liked == -1)
            color = c.accent if active else "#ffffff"
            icon(ACTION_ICONS[name], color).paint(painter, r.adjusted(6, 6, -6, -6))

    def _text(self, painter: QPainter, card: QRect, art: QRect, item: RowItem, c: theme.Colors) -> None:
        f = QFont(painter.font())
        f.setPointSizeF(10)
        f.setWeight(QFont.Weight.DemiBold)
        painter.setFont(f)
        fm = painter.fontMetrics()
        title_rect = QRect(card.left() + 2, art.bottom() + 8, card.width() - 4, fm.height())
        painter.setPen(QColor(c.text))
        painter.drawText(
            title_rect,
            Qt.AlignmentFlag.AlignLeft,
            fm.elidedText(item.title or "Untitled", Qt.TextElideMode.ElideRight, title_rect.width()),
        )
        f.setWeight(QFont.Weight.Normal)
        f.setPointSizeF(9)
        painter.setFont(f)
        fm = painter.fontMetrics()
        sub = QRect(card.left() + 2, title_rect.bottom() + 3, card.width() - 4, fm.height())
        painter.setPen(QColor(c.muted))
        painter.drawText(
            sub,
            Qt.AlignmentFlag.AlignLeft,
            fm.elidedText(subtitle(item), Qt.TextElideMode.ElideRight, sub.width()),
        )

    # --- interaction -----------------------------------------------------------------------------
    def helpEvent(
        self,
        event: QHelpEvent,
        view: QAbstractItemView,
        option: QStyleOptionViewItem,
        index: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """Each quick action says what it does; the card's own tooltip opens under the art, so it never
        covers the row of actions the pointer is heading for."""
        if event.type() != QEvent.Type.ToolTip or not index.isValid():
            return super().helpEvent(event, view, option, index)
        pos = event.pos()
        vp = view.viewport()
        for name, r in self.action_rects(option.rect).items():
            if r.contains(pos):
                # below the icon, so the icon itself and the ones beside it stay in sight
                QToolTip.showText(
                    vp.mapToGlobal(QPoint(r.left(), r.bottom() + 6)), ACTION_LABELS[name], vp, r
                )
                return True
        text = index.data(Qt.ItemDataRole.ToolTipRole)
        if not text:
            QToolTip.hideText()
            return True
        # the card's text (title, artist, reason) opens under the card; it stays while the pointer stays in
        # its part of the card and goes when the pointer reaches an action (which then says what it does)
        zone = next((z for z in self.tooltip_zones(option.rect) if z.contains(pos)), QRect(pos, QSize(1, 1)))
        QToolTip.showText(
            vp.mapToGlobal(QPoint(option.rect.left() + 2, option.rect.bottom() + 4)), text, vp, zone
        )
        return True

    def editorEvent(
        self, event: QEvent, model, option: QStyleOptionViewItem, index: QModelIndex | QPersistentModelIndex
    ) -> bool:
        et = event.type()
        if et == QEvent.Type.MouseMove:
            self.hover_pos = event.position().toPoint()
            return False
        if et == QEvent.Type.MouseButtonRelease and event.button() == Qt.MouseButton.LeftButton:
            pos = event.position().toPoint()
            for name, r in self.action_rects(option.rect).items():
                if r.contains(pos):
                    self.actionTriggered.emit(name, index)
                    return True
            self.actionTriggered.emit("play", index)
            return True
        return super().editorEvent(event, model, option, index)


def subtitle(item: RowItem) -> str:
    """The card's second line: the artist, the show, or what kind of video it is."""
    if item.artist:
        return item.artist
    return "Movie" if item.kind == "video" else ""


def centre_crop(src: QSize, target: QSize) -> QRect:
    """The part of an image of size ``src`` that fills ``target`` without stretching."""
    sw, sh = src.width(), src.height()
    scale = max(target.width() / sw, target.height() / sh)
    w, h = int(target.width() / scale), int(target.height() / scale)
    return QRect((sw - w) // 2, (sh - h) // 2, w, h)
