"""The library page: music by tracks, albums, artists, genres; video by movies and shows."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QPoint, Qt, QTimer, QUrl, Signal
from PySide6.QtGui import QDesktopServices, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QButtonGroup,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QMenu,
    QPushButton,
    QScrollArea,
    QSizePolicy,
    QStackedWidget,
    QStyleOptionHeader,
    QTableView,
    QVBoxLayout,
    QWidget,
)

from companion.ui.library.delegate import StarDelegate
from companion.ui.library.model import LibraryModel
from companion.ui.library.shows import ShowsTree
from companion.ui.library_views import Table
from companion.ui.playlists_page import PlaylistsPane

if TYPE_CHECKING:
    from companion.core.library.versions import Version

VIEWS = (
    ("tracks", "Tracks"),
    ("albums", "Albums"),
    ("artists", "Artists"),
    ("genres", "Genres"),
    ("movies", "Movies"),
    ("episodes", "Shows"),
    ("spoken", "Audiobooks & podcasts"),
    ("playlists", "Playlists"),
)
ROW_HEIGHT = 30  # the library's tables, the mix page and the playlists share it
ITEM_VIEWS = {"tracks", "movies", "spoken"}  # rows are playable items
NAME_COLUMNS = (  # the Files column ("3 files") is a narrow one
    "Title",
    "Album",
    "Artist",
    "Show",
    "Genre",
)  # they share the room left (never a few px elided)
DRILL = {
    "albums": 1,
    "artists": 1,
    "genres": 1,
}  # group views: double-click filters the tracks by this column


class SortHeader(QHeaderView):
    """The table's header with the sort arrow the usual way round: ▴ A to Z / smallest first, ▾ most first
    (Qt draws them the other way)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(Qt.Orientation.Horizontal, parent)
        self.setSectionsClickable(True)

    def initStyleOptionForIndex(self, option: QStyleOptionHeader, logical_index: int) -> None:
        super().initStyleOptionForIndex(option, logical_index)
        flip = {
            QStyleOptionHeader.SortIndicator.SortUp: QStyleOptionHeader.SortIndicator.SortDown,
            QStyleOptionHeader.SortIndicator.SortDown: QStyleOptionHeader.SortIndicator.SortUp,
        }
        option.sortIndicator = flip.get(option.sortIndicator, option.sortIndicator)


class LibraryPage(QWidget):
    loadView = Signal(str)  # ask the window to load a view (in the background)
    play = Signal(list, int)  # item ids, start
    playNext = Signal(list)
    enqueue = Signal(list)
    rate = Signal(int, object)
    opinion = Signal(list, int)  # item ids, 1 like / -1 dislike / 0 neither (an undone dislike)
    addToPlaylist = Signal(list)
    message = Signal(str)  # something to tell the person (the window's toast)
    importHistory = Signal()
    importPlaylists = Signal()

    def __init__(
        self,
        parent: QWidget | None = None,
        *,
        path_of: Callable[[int], str | None] | None = None,
        versions_of: Callable[[int], list[Version]] | None = None,
    ) -> None:
        """``path_of``: item id -> its file's path (a quick look-up), for Show in folder;
        ``versions_of``: item id -> the files of its recording, best first, for "Play a version". One piece on
        purpose: it makes and lays out the widgets in the order they appear on screen."""
        super().__init__(parent)
        self.setObjectName("page")
        self.view_name = "tracks"
        self.path_of, self.versions_of = path_of, versions_of
        layout = QVBoxLayout(self)
        layout.setContentsMargins(32, 28, 24, 16)
        layout.setSpacing(12)
        # The page's own toolbar: the title, the filter and Import on one row that shrinks with the page
        # (the filter stays visible beside an open queue panel), the view tabs on a row that scrolls.
        head = QHBoxLayout()
        head.setSpacing(10)
        title = QLabel("Library")
        title.setObjectName("pageTitle")
        head.addWidget(title)
        head.addStretch(1)
        self.filter = QLineEdit()
        self.filter.setPlaceholderText("Filter (“disliked” finds your dislikes)")
        self.filter.setAccessibleName("Filter the library")
        self.filter.setClearButtonEnabled(True)
        self.filter.setMinimumWidth(120)
        self.filter.setMaximumWidth(300)
        self.filter.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._filter_timer = QTimer(self, singleShot=True, interval=150)
        self._filter_timer.timeout.connect(self._apply_filter)
        self.filter.textChanged.connect(lambda _t: self._filter_timer.start())
        head.addWidget(self.filter, 1)
        self.import_button = QPushButton("Import")
        self.import_button.setAccessibleName("Import listening history or playlists")
        self.import_button.setToolTip(
            "Bring your listening history (Ctrl+Shift+H) or playlists (Ctrl+Shift+P) "
            "from other services and players"
        )
        menu = QMenu(self.import_button)
        menu.addAction("Listening history…\tCtrl+Shift+H", self.importHistory.emit)
        menu.addAction("Playlists…\tCtrl+Shift+P", self.importPlaylists.emit)
        self.import_button.setMenu(menu)
        head.addWidget(self.import_button)
        layout.addLayout(head)
        tabs = QWidget()
        bar = QHBoxLayout(tabs)
        bar.setContentsMargins(0, 0, 0, 0)
        self.buttons = QButtonGroup(self)
        for key, label in VIEWS:
            b = QPushButton(label.replace("&", "&&"))  # a plain "&", not a shortcut mark
            b.setObjectName("tab")  # styled: the current view is filled, focus is a thin ring
            b.setCheckable(True)
            b.setProperty("view", key)
            b.setAccessibleName(f"Show {label.lower()}")
            self.buttons.addButton(b)
            bar.addWidget(b)
            if key in ("genres", "episodes"):
                bar.addSpacing(18)
        self.buttons.buttons()[0].setChecked(True)
        self.buttons.buttonClicked.connect(self._tab_clicked)
        bar.addStretch(1)
        self.tabs = QScrollArea()
        self.tabs.setWidget(tabs)
        self.tabs.setWidgetResizable(True)
        self.tabs.setFrameShape(QFrame.Shape.NoFrame)
        self.tabs.setVerticalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.tabs.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAsNeeded)
        self.tabs.setSizePolicy(QSizePolicy.Policy.Ignored, QSizePolicy.Policy.Fixed)
        self.tabs.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # the tabs take focus, not the strip holding them
        self.tabs.setFixedHeight(tabs.sizeHint().height() + 10)
        layout.addWidget(self.tabs)
        self.count = QLabel("")
        self.count.setObjectName("muted")
        layout.addWidget(self.count)
        self.model = LibraryModel()
        self.model.modelReset.connect(self._update_count)
        self.table = QTableView()
        self.table.setHorizontalHeader(SortHeader(self.table))
        self.table.setModel(self.model)
        self.table.setAccessibleName("Library table")
        self.table.horizontalHeader().setSortIndicator(
            -1, Qt.SortOrder.AscendingOrder
        )  # the library's own order
        self.table.setSortingEnabled(True)
        self.table.setAlternatingRowColors(True)
        self.table.setShowGrid(False)
        self.table.setWordWrap(False)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().hide()
        self.table.verticalHeader().setDefaultSectionSize(ROW_HEIGHT)
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Fixed)
        self.table.horizontalHeader().setHighlightSections(False)
        self.table.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.table.customContextMenuRequested.connect(self._menu)
        self.table.doubleClicked.connect(self._activated)
        self.stars = StarDelegate(self.table)
        self.stars.rated.connect(self._rated)
        self.shows = ShowsTree()
        self.shows.play.connect(self.play)
        self.views = QStackedWidget()
        self.views.addWidget(self.table)
        self.views.addWidget(self.shows)
        self.playlists = PlaylistsPane()
        self.playlists.importPlaylists.connect(self.importPlaylists)
        self.views.addWidget(self.playlists)
        layout.addWidget(self.views, 1)

    def show_view(self, name: str) -> None:
        self.view_name = name
        for b in self.buttons.buttons():
            b.setChecked(b.property("view") == name)
        self.loadView.emit(name)

    def _tab_clicked(self, button) -> None:
        self.filter.blockSignals(True)
        self.filter.clear()  # a new view starts unfiltered (a drill-down sets its own filter)
        self.filter.blockSignals(False)
        self.model.set_filter("")
        self.show_view(button.property("view"))

    def _apply_filter(self) -> None:
        self.model.set_filter(self.filter.text())
        self.playlists.set_filter(self.filter.text())

    def showEvent(self, e: QShowEvent) -> None:
        super().showEvent(e)
        if self.view_name == "playlists":
            self.loadView.emit("playlists")  # saved or imported elsewhere since: the list is current

    def set_table(self, name: str, table: Table) -> None:
        if name != self.view_name:
            return
        if name == "playlists":
            # loaded on first use, not at the window's start
            from companion.core.playlists.repo import PlaylistInfo

            self.playlists.set_playlists([PlaylistInfo(*row) for row in table.rows])
            self.playlists.set_filter(self.filter.text())
            self.views.setCurrentWidget(self.playlists)
            self.count.setText(count(len(table.rows), "playlist"))
            return
        if name == "episodes":
            self.shows.set_table(table)
            self.views.setCurrentWidget(self.shows)
            self.count.setText(
                f"{count(self.shows.topLevelItemCount(), 'show')}, "
                f"{count(self.shows.episode_count(), 'episode')}"
            )
            return
        self.views.setCurrentWidget(self.table)
        self.model.set_table(table)
        for col in range(self.model.columnCount()):
            self.table.setItemDelegateForColumn(col, None)
        header = self.table.horizontalHeader()
        for col, cname in enumerate(self.model.columns()):
            if cname == "Rating":  # its own width, whatever the column at this place was in the last table
                self.table.setItemDelegateForColumn(col, self.stars)
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(col, 90)
            elif cname in NAME_COLUMNS:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Stretch)
            else:
                header.setSectionResizeMode(col, QHeaderView.ResizeMode.Interactive)
                header.resizeSection(col, 96 if cname == "Added" else 72)
        self._update_count()

    def _update_count(self) -> None:
        if self.view_name in ("episodes", "playlists"):
            return
        n = self.model.rowCount()
        noun = "title" if self.view_name == "spoken" else dict(VIEWS)[self.view_name].lower()[:-1]
        self.count.setText(count(n, noun))

    def _selected_ids(self) -> list[int]:
        rows = sorted({i.row() for i in self.table.selectionModel().selectedRows()})
        return [self.model.item_id(r) for r in rows]

    def _rated(self, item_id: int, stars: float | None) -> None:
        self.model.set_stars(item_id, stars)
        self.rate.emit(item_id, stars)

    def _activated(self, index) -> None:
        if self.view_name in DRILL:
            value = self.model.row_values(index.row())[DRILL[self.view_name]]
            self.filter.setText(str(value))
            self.show_view("tracks")
            return
        ids = [self.model.item_id(r) for r in range(self.model.rowCount())]
        self.play.emit(ids, index.row())

    def _menu(self, pos: QPoint) -> None:
        index = self.table.indexAt(pos)
        if not index.isValid():
            return
        if self.view_name not in ITEM_VIEWS:
            menu = QMenu(self)
            menu.addAction("Show tracks", lambda: self._activated(index))
            menu.exec(self.table.viewport().mapToGlobal(pos))
            return
        ids = self._selected_ids() or [self.model.item_id(index.row())]
        menu = QMenu(self)
        menu.addAction("Play", lambda: self.play.emit(ids, 0))
        menu.addAction("Play next", lambda: self.playNext.emit(ids))
        menu.addAction("Add to queue", lambda: self.enqueue.emit(ids))
        rate = menu.addMenu("Rate")
        for stars in (5, 4, 3, 2, 1):
            rate.addAction("★" * stars, lambda s=stars: [self._rated(i, float(s)) for i in ids])
        rate.addAction("Clear rating", lambda: [self._rated(i, None) for i in ids])
        self._opinion_menu(menu, ids, index)
        self._versions_menu(menu, index)
        menu.addAction("Show in folder", lambda: self.showFolder(ids[0]))
        menu.addAction("Add to playlist…", lambda: self.addToPlaylist.emit(ids))
        menu.exec(self.table.viewport().mapToGlobal(pos))

    def _opinion_menu(self, menu: QMenu, ids: list[int], index) -> None:
        """Like, dislike, and undo either (a dislike kept a track out of every mix: here it comes back)."""
        columns = self.model.columns()
        said = (
            self.model.row_values(index.row())[columns.index("Opinion") + 1] if "Opinion" in columns else ""
        )
        if said == "Disliked":
            menu.addAction("Undo dislike", lambda: self.opinion.emit(ids, 0))
        elif said == "Liked":
            menu.addAction("Undo like", lambda: self.opinion.emit(ids, 0))
        if said != "Liked":
            menu.addAction("Like", lambda: self.opinion.emit(ids, 1))
        if said != "Disliked":
            menu.addAction("Dislike", lambda: self.opinion.emit(ids, -1))

    def _versions_menu(self, menu: QMenu, index) -> None:
        """ "Play a version": the files of a recording kept more than once (FLAC, MP3, ...), to choose one."""
        if self.view_name != "tracks" or "Files" not in self.model.columns() or not self.versions_of:
            return
        files = self.model.row_values(index.row())[self.model.columns().index("Files") + 1]
        if not files:
            return
        sub = menu.addMenu(f"Play a version ({files})")
        for v in self.versions_of(self.model.item_id(index.row())):
            action = sub.addAction(f"{v.label}{'  (the one mixes play)' if v.best else ''}")
            action.setToolTip(v.path)
            action.setEnabled(v.playable)
            action.triggered.connect(lambda _c=False, i=v.item_id: self.play.emit([i], 0))

    def showFolder(self, item_id: int) -> None:
        path = self.path_of(item_id) if self.path_of else None
        if not path:
            self.message.emit("That file is no longer in the library")
            return
        folder = str(Path(path).parent)
        if not QDesktopServices.openUrl(QUrl.fromLocalFile(folder)):
            # no file manager to hand it to: say where the file is, and put the folder on the clipboard
            QApplication.clipboard().setText(folder)
            self.message.emit(
                f"Couldn't open a file manager. The file is in {folder} (copied to the clipboard)"
            )


def count(n: int, noun: str) -> str:
    """``1 track``, ``2,400 tracks``."""
    return f"{n:,} {noun}" + ("" if n == 1 else "s")
