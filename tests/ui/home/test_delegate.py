"""The home's card painter: quick actions with their own tooltips, a focused card's ring."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QPoint, QRect
from PySide6.QtGui import QColor, QHelpEvent, QImage, QPainter
from PySide6.QtWidgets import QApplication, QStyle, QStyleOptionViewItem, QToolTip

from companion.ui import theme
from companion.ui.home.delegate import ACTION_LABELS
from tests.ui.helpers import colour_close, first_strip, row_item, save_shot


def _tip_label():
    tips = [w for w in QApplication.topLevelWidgets() if w.inherits("QTipLabel") and w.isVisible()]
    return tips[0] if tips else None


def _help(view, pos: QPoint) -> None:
    vp = view.viewport()
    QApplication.sendEvent(vp, QHelpEvent(QEvent.Type.ToolTip, pos, vp.mapToGlobal(pos)))


# --- C2: a focused card shows its art with a ring, not a purple square -------------------------------


class _NoArt:
    def pixmap(self, _key):
        return None


# --- C1 ---------------------------------------------------------------------------------------------


def test_each_quick_action_has_its_own_tooltip_and_the_cards_does_not_cover_them(qtbot, built):
    qtbot.wait(150)  # the rows' layout settles
    strip = first_strip(built.window.home)
    view, delegate = strip.view, strip.delegate
    card = view.visualRect(strip.model.index(0))
    rects = delegate.action_rects(card)
    assert set(rects) == {"play", "play_next", "queue", "like", "dislike", "why"}
    for name, r in rects.items():
        _help(view, r.center())
        assert QToolTip.isVisible() and QToolTip.text() == ACTION_LABELS[name], name
        tip = _tip_label()
        assert tip is not None and tip.geometry().top() > view.viewport().mapToGlobal(r.bottomLeft()).y(), (
            f"the {name} tooltip opens below its icon"
        )
    QToolTip.hideText()
    # the card's own tooltip (title, artist, reason) opens below the whole card, clear of the action row
    above = QPoint(card.left() + 20, card.top() + 60)
    _help(view, above)
    item = strip.model.item(0)
    assert QToolTip.isVisible() and item.title in QToolTip.text() and item.reason in QToolTip.text()
    tip = _tip_label()
    row_bottom = max(r.bottom() for n, r in rects.items() if n != "play")
    assert tip.geometry().top() > view.viewport().mapToGlobal(QPoint(0, row_bottom)).y()
    assert tip.geometry().top() >= view.viewport().mapToGlobal(card.bottomLeft()).y()
    # a composite render: the window with the tooltip where it opens
    w = built.window
    image = w.grab().toImage()
    p = QPainter(image)
    p.drawPixmap(w.mapFromGlobal(tip.geometry().topLeft()), tip.grab())
    p.end()
    save_shot(image, "c1_card_tooltip")
    QToolTip.hideText()
    _help(view, rects["why"].center())
    tip = _tip_label()
    image = w.grab().toImage()
    p = QPainter(image)
    p.drawPixmap(w.mapFromGlobal(tip.geometry().topLeft()), tip.grab())
    p.end()
    save_shot(image, "c1_why_tooltip")
    QToolTip.hideText()


def test_focused_home_card_keeps_its_art_and_draws_only_a_ring(qtbot):
    from companion.ui.home.delegate import MUSIC_ART, TEXT_HEIGHT, CardDelegate
    from companion.ui.home.model import RowModel

    model = RowModel((row_item(),), frozenset(), {})
    delegate = CardDelegate(_NoArt(), "music")
    option = QStyleOptionViewItem()
    option.rect = QRect(0, 0, MUSIC_ART.width(), MUSIC_ART.height() + TEXT_HEIGHT)
    option.state = (
        QStyle.StateFlag.State_Enabled | QStyle.StateFlag.State_HasFocus | QStyle.StateFlag.State_Selected
    )
    image = QImage(option.rect.size(), QImage.Format.Format_ARGB32)
    image.fill(QColor(theme.current().window))
    p = QPainter(image)
    delegate.paint(p, option, model.index(0, 0))
    p.end()
    save_shot(image, "focused_card")
    accent = QColor(theme.current().accent)
    # well inside the art, away from the quick-action buttons: placeholder art, not accent
    for x, y in ((30, 60), (84, 100), (130, 120)):
        assert not colour_close(image.pixelColor(x, y), accent, 30), (x, y)
    # the ring itself is accent-coloured
    assert colour_close(image.pixelColor(MUSIC_ART.width() // 2, 1), accent, 60)
    play = delegate.action_rects(option.rect)["play"]
    assert not colour_close(image.pixelColor(play.center().x(), play.center().y()), accent, 30), (
        "quick actions show under the pointer, not on a merely focused card"
    )
    option.state |= QStyle.StateFlag.State_MouseOver
    image.fill(QColor(theme.current().window))
    p = QPainter(image)
    delegate.paint(p, option, model.index(0, 0))
    p.end()
    assert colour_close(image.pixelColor(play.center().x() - 12, play.center().y()), accent, 40), (
        "hover shows them"
    )
