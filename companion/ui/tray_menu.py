"""The tray's menu: what is playing, quick mixes from the home rows, and the app's few global actions.

The menu holds no state of its own beyond what it shows: ``rebuild`` draws it from the
home rows and the now-playing facts, and every click becomes a signal the ``Tray``
turns into a player or core call. Actions carry object names so tests (and
accessibility tools) can find them.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QTimer, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu, QWidget

from companion.core.taste.rows import Row

MAX_QUICK_MIXES = 8
MAX_LABEL = 48  # characters: tray menus are narrow on most panels


def _rank(row_id: str) -> int | None:
    """Quick-mix order, as the home's row registry declares it (``HomeRow.quick_mix``): the ``now`` row, Daily
    Mixes, moods, then Continue watching; other rows are not quick mixes."""
    # imported when the first home arrives, not at start: the registry brings the row builders along
    from companion.core.taste.homerows import spec_for

    spec = spec_for(row_id)
    return spec.quick_mix if spec is not None else None


def quick_mix_rows(rows: Sequence[Row], limit: int = MAX_QUICK_MIXES) -> list[Row]:
    """The rows the tray offers, in the home's own order within each group; empty rows are left out."""
    ranked = [
        (rank, i, row) for i, row in enumerate(rows) if row.items and (rank := _rank(row.id)) is not None
    ]
    return [row for _, _, row in sorted(ranked, key=lambda t: (t[0], t[1]))][:limit]


def elide(text: str, limit: int = MAX_LABEL) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


@dataclass(frozen=True)
class NowPlaying:
    item_id: int | None = None
    title: str | None = None
    artist: str | None = None
    state: str = "stopped"  # playing | paused | stopped
    liked: bool = False

    @property
    def label(self) -> str:
        if self.item_id is None:
            return "Nothing playing"
        title = self.title or "Untitled"
        return elide(f"{title} — {self.artist}" if self.artist else title)


class TrayMenu(QMenu):
    rowRequested = Signal(str)  # a quick mix's row id
    toggleRequested = Signal()
    nextRequested = Signal()
    likeRequested = Signal(bool)  # the new liked state
    playSomethingRequested = Signal()
    privateSessionRequested = Signal(bool)
    openRequested = Signal()
    quitRequested = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("trayMenu")
        self.now_playing = NowPlaying()
        self.rows: list[Row] = []
        self.private_session = False
        self._dirty = False
        self.rebuild()

    def set_now_playing(self, now: NowPlaying) -> None:
        self.now_playing = now
        self._rebuild_soon()

    def set_rows(self, rows: Sequence[Row]) -> None:
        self.rows = quick_mix_rows(rows)
        self._rebuild_soon()

    def set_private_session(self, on: bool) -> None:
        self.private_session = on
        self._rebuild_soon()

    def _rebuild_soon(self) -> None:
        """Rebuild from the event loop: a change may come from inside an action's own click handler,
        and deleting that action there would pull it from under Qt."""
        if not self._dirty:
            self._dirty = True
            QTimer.singleShot(0, self, self.rebuild)

    def action(self, name: str) -> QAction | None:
        """The action with object name ``name`` (``tray-toggle``, ``tray-row-now``, ...)."""
        return next((a for a in self.actions() if a.objectName() == name), None)

    def rebuild(self) -> None:
        self._dirty = False
        self.clear()
        now = self.now_playing
        playing = now.item_id is not None
        self._add("tray-now", now.label, enabled=False)
        self._add(
            "tray-toggle",
            "Pause" if now.state == "playing" else "Play",
            self.toggleRequested.emit,
            enabled=playing,
        )
        self._add("tray-next", "Next", self.nextRequested.emit, enabled=playing)
        like = self._add(
            "tray-like", "Like", lambda: self.likeRequested.emit(not self.now_playing.liked), enabled=playing
        )
        like.setCheckable(True)
        like.setChecked(now.liked)
        self.addSeparator()
        self._add("tray-mixes", "Quick mixes" if self.rows else "No mixes yet", enabled=False)
        for row in self.rows:
            act = self._add(
                f"tray-row-{row.id}", elide(row.title), lambda r=row.id: self.rowRequested.emit(r)
            )
            act.setToolTip(row.reason)
            act.setStatusTip(row.reason)
        self.addSeparator()
        self._add(
            "tray-play-something", "Play something", self.playSomethingRequested.emit, enabled=bool(self.rows)
        )
        private = self._add(
            "tray-private",
            "Private session",
            lambda: self.privateSessionRequested.emit(not self.private_session),
        )
        private.setCheckable(True)
        private.setChecked(self.private_session)
        private.setToolTip("While on, nothing you play is remembered")
        self.addSeparator()
        self._add("tray-open", "Open Companion", self.openRequested.emit)
        self._add("tray-quit", "Quit", self.quitRequested.emit)

    def _add(self, name: str, text: str, slot=None, enabled: bool = True) -> QAction:
        act = self.addAction(text.replace("&", "&&"))  # a literal & in a title is not a shortcut
        act.setObjectName(name)
        act.setEnabled(enabled)
        if slot is not None:
            act.triggered.connect(lambda _checked=False, s=slot: s())
        return act
