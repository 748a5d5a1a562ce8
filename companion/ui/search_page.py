"""Search: one field, results as you type (items as cards, mixes and intents as rows)."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QFrame,
    QLabel,
    QLineEdit,
    QListView,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from companion.core.taste.rows import Row, RowItem
from companion.ui.art import ArtCache
from companion.ui.ask_bar import AskBar
from companion.ui.home.delegate import CardDelegate
from companion.ui.home.model import RowModel
from companion.ui.home.strip import RowStrip

DEBOUNCE_MS = 180


def split_results(results: Any) -> tuple[list[Row], list[RowItem], str]:
    """The taste search's answer as: mixes (intents like "chill vibes"), items, and a line of names."""
    if results is None:
        return [], [], ""
    rows = [results.mix] if getattr(results, "mix", None) is not None else []
    items = list(getattr(results, "items", ()))
    names = []
    if getattr(results, "artists", ()):
        names.append("Artists: " + ", ".join(results.artists[:6]))
    if getattr(results, "albums", ()):
        names.append("Albums: " + ", ".join(a for a, _ in results.albums[:6]))
    if getattr(results, "shows", ()):
        names.append("Shows: " + ", ".join(results.shows[:6]))
    return rows, items, "   ·   ".join(names)


class SearchPage(QWidget):
    query = Signal(str)  # ask the window to search (in the background)
    action = Signal(str, object, str, int)
    rowAction = Signal(str, str)  # a mix's menu: play | shuffle | open | save | export, row id
    openRow = Signal(str)  # a mix's title: open it as a list
    askAgain = Signal(
        str, object, object
    )  # Ask: text, the reading left after a chip was removed, a follow-up's previous

    def __init__(self, art: ArtCache, parent: QWidget | None = None) -> None:
        """One piece on purpose: it makes and lays out the widgets in the order they appear on screen."""
        super().__init__(parent)
        self.setObjectName("page")
        self.art = art
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 24, 16)
        layout.setSpacing(14)
        title = QLabel("Search")
        title.setObjectName("pageTitle")
        layout.addWidget(title)
        self.field = QLineEdit()
        self.field.setPlaceholderText(
            "Songs, artists, albums… or ask: “songs I loved last summer but haven't played lately”, “no metal, something calm”"
        )
        self.field.setAccessibleName("Search")
        self.field.setClearButtonEnabled(True)
        self.field.setMinimumHeight(38)
        layout.addWidget(self.field)
        self.summary = QLabel("Results appear as you type.")
        self.summary.setObjectName("muted")
        layout.addWidget(self.summary)
        self.ask_bar = AskBar()
        self.ask_bar.removeChip.connect(self._remove_chip)
        self.ask_bar.refine.connect(lambda t: self.askAgain.emit(t, None, self.ask_bar.result))
        layout.addWidget(self.ask_bar)
        # Everything below the field scrolls as one page: name hits, mixes, then songs and videos.
        scroll = QScrollArea()
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget()
        body.setObjectName("page")
        scroll.setWidget(body)
        results = QVBoxLayout(body)
        results.setContentsMargins(0, 0, 8, 0)
        results.setSpacing(12)
        layout.addWidget(scroll, 1)
        self.scroll = scroll
        self.names = QLabel("")
        self.names.setWordWrap(True)
        self.names.hide()
        results.addWidget(self.names)
        self.ask_box = QVBoxLayout()  # Ask's mix, above the search's
        results.addLayout(self.ask_box)
        self.rows_box = QVBoxLayout()
        results.addLayout(self.rows_box)
        self.model = RowModel()  # songs
        self.video_model = RowModel()  # movies and episodes, at 16:9 like everywhere else
        self.songs_title = _heading("Songs")
        self.grid = CardGrid(self.model, CardDelegate(art, "music"), "Songs found")
        self.videos_title = _heading("Videos")
        self.video_grid = CardGrid(self.video_model, CardDelegate(art, "video"), "Videos found")
        for heading, grid, model in (
            (self.songs_title, self.grid, self.model),
            (self.videos_title, self.video_grid, self.video_model),
        ):
            results.addWidget(heading)
            results.addWidget(grid)
            grid.itemDelegate().actionTriggered.connect(
                lambda name, index, m=model: self.action.emit(
                    name, m.item(index.row()), "search", index.row()
                )
            )
            art.ready.connect(lambda _k, g=grid: g.viewport().update())
        self.delegate = self.grid.itemDelegate()
        results.addStretch(1)
        self._timer = QTimer(self, singleShot=True, interval=DEBOUNCE_MS)
        self._timer.timeout.connect(lambda: self.query.emit(self.field.text().strip()))
        self.field.textChanged.connect(lambda _t: self._timer.start())
        self._strips: list[RowStrip] = []
        self._ask_strip: RowStrip | None = None
        self.last_text = ""

    def focus_field(self) -> None:
        self.field.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.field.selectAll()

    def _remove_chip(self, k: int) -> None:
        asked = self.ask_bar.result
        if asked is not None:
            self.askAgain.emit(asked.text, [c for j, c in enumerate(asked.clauses) if j != k], None)

    def show_ask(self, asked: Any, played: frozenset[int], liked: dict[int, int]) -> None:
        """Ask's reading as chips and its mix as the first row (``asked`` None or not a prompt: neither)."""
        self.ask_bar.show_result(asked)
        if self._ask_strip is not None:
            self.ask_box.removeWidget(self._ask_strip)
            self._ask_strip.deleteLater()
            self._ask_strip = None
        if asked is None or not self.ask_bar.isVisible() or asked.mix is None or not asked.items:
            return
        strip = RowStrip(asked.mix, self.art, played, liked)
        strip.action.connect(self.action)
        strip.rowAction.connect(self.rowAction)
        strip.titleClicked.connect(self.openRow)
        self.ask_box.addWidget(strip)
        self._ask_strip = strip

    def show_results(
        self, text: str, results: Any, played: frozenset[int], liked: dict[int, int], asked: Any = None
    ) -> None:
        if text != self.field.text().strip():
            return  # an older answer arriving late
        self.last_text = text
        self.ask_bar.hide()  # a new question: its reading replaces the old one's
        if asked is not None and getattr(results, "mix", None) is not None and _only_moods(asked):
            asked = None  # "chill": the search's mood mix already answers it
        self.show_ask(asked, played, liked)
        rows, items, names = split_results(results)
        answered = len(asked.items) if self._ask_strip is not None else 0
        if answered:
            # Ask's mix answers the prompt: the search's intent mix would repeat it, and songs whose
            # words match the prompt's ("no latin pop" finds Latin pop by name) would contradict it
            rows, items = [], ()
        self.names.setText(names)
        self.names.setVisible(bool(names))
        for s in self._strips:
            self.rows_box.removeWidget(s)
            s.deleteLater()
        self._strips = []
        for row in rows[:3]:
            strip = RowStrip(row, self.art, played, liked)
            strip.action.connect(self.action)
            strip.rowAction.connect(self.rowAction)
            strip.titleClicked.connect(self.openRow)
            self.rows_box.addWidget(strip)
            self._strips.append(strip)
        songs = tuple(i for i in items if i.kind != "video")
        videos = tuple(i for i in items if i.kind == "video")
        self.model.set_items(songs, played, liked)
        self.video_model.set_items(videos, played, liked)
        self.songs_title.setText(f"Songs ({len(songs):,})" if rows or videos else "Songs")
        self.videos_title.setText(f"Videos ({len(videos):,})")
        for heading, grid, shown in (
            (self.songs_title, self.grid, songs),
            (self.videos_title, self.video_grid, videos),
        ):
            heading.setVisible(bool(shown))
            grid.setVisible(bool(shown))
            grid.fit()
        self.scroll.verticalScrollBar().setValue(0)
        if not text:
            self.summary.setText("Results appear as you type.")
        elif answered:
            self.summary.setText(f"{_count(answered, 'item', 'items')} for “{text}”")
        elif not rows and not items:
            self.summary.setText(f"Nothing matches “{text}”.")
        else:
            found = _count(len(items), "item", "items") + (
                f", {_count(len(rows), 'mix', 'mixes')}" if rows else ""
            )
            self.summary.setText(f"{found} for “{text}”")


class CardGrid(QListView):
    """Cards in rows that wrap, as tall as its cards need: the page scrolls, not the grid."""

    def __init__(self, model: RowModel, delegate: CardDelegate, name: str) -> None:
        super().__init__()
        self.setObjectName("strip")
        self.setAccessibleName(name)
        self.setViewMode(QListView.ViewMode.IconMode)
        self.setResizeMode(QListView.ResizeMode.Adjust)
        self.setMovement(QListView.Movement.Static)
        self.setUniformItemSizes(True)
        self.setSpacing(8)
        self.setFrameShape(QFrame.Shape.NoFrame)
        self.setMouseTracking(True)
        self.viewport().setAttribute(Qt.WidgetAttribute.WA_Hover)
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        delegate.setParent(self)
        self.setItemDelegate(delegate)
        self.setModel(model)
        self._width = -1

    def fit(self) -> None:
        """Take the height of all the rows of cards at the current width."""
        n = self.model().rowCount()
        if not n:
            self.setFixedHeight(0)
            return
        self.doItemsLayout()
        last = self.visualRect(self.model().index(n - 1, 0))
        self.setFixedHeight(max(0, last.bottom() + self.verticalOffset()) + 2 * self.spacing() + 2)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        if e.size().width() != self._width:  # more or fewer cards per row: refit once laid out again
            self._width = e.size().width()
            QTimer.singleShot(0, self.fit)


def _only_moods(asked: Any) -> bool:
    return all(c.kind in ("mood", "kind") and not c.negated for c in asked.clauses)


def _heading(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 13pt; font-weight: 650;")
    label.hide()
    return label


def _count(n: int, one: str, many: str) -> str:
    return f"{n:,} {one if n == 1 else many}"
