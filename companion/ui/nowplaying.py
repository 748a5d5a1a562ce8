"""The now-playing bar: art, title, artist, seek, transport, volume, shuffle/repeat, stars, like/dislike."""

from __future__ import annotations

import contextlib

from PySide6.QtCore import QSize, Qt, Signal
from PySide6.QtGui import QMouseEvent, QResizeEvent
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMenu,
    QSizePolicy,
    QSlider,
    QStyle,
    QStyleOptionSlider,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.ui.art import ArtCache
from companion.ui.home.model import format_duration
from companion.ui.icons import icon
from companion.ui.stars import StarRating

REPEAT_CYCLE = ("off", "all", "one")
STARS_FROM_WIDTH = 1080  # a narrower bar leaves the stars out (rate from the library or the home instead)


class ElidedLabel(QLabel):
    """A one-line label that shortens its text with "…" to the width it gets, instead of pushing its
    neighbours over; ``text()`` is still the whole text, shown in full as the tooltip when shortened."""

    def __init__(self, text: str = "") -> None:
        super().__init__()
        self._full = ""
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)  # shrinks to 40 px
        self.setMinimumWidth(40)
        self.setText(text)

    def setText(self, text: str) -> None:
        self._full = text
        self._refresh()
        self.updateGeometry()  # the whole text's width is the hint: the layout may give it more room

    def text(self) -> str:
        return self._full

    def displayed(self) -> str:
        """The text as shown (shortened with "…" when the label is too narrow for it)."""
        return super().text()

    def sizeHint(self) -> QSize:
        """As wide as the whole text: the layout gives the label room for all of it when there is some (a
        plain QLabel's hint is its shortened text, so once cut short it never grew back)."""
        hint = super().sizeHint()
        full = self.fontMetrics().horizontalAdvance(self._full) + 2 * self.margin() + 2
        return QSize(max(hint.width(), full), hint.height())

    def minimumSizeHint(self) -> QSize:
        return QSize(self.minimumWidth(), super().minimumSizeHint().height())

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self._refresh()

    def _refresh(self) -> None:
        shown = self.fontMetrics().elidedText(self._full, Qt.TextElideMode.ElideRight, max(0, self.width()))
        super().setText(shown)
        self.setToolTip(self._full if shown != self._full else "")


def tool(
    name: str, tip: str, checkable: bool = False, size: int = 20, accent_when_on: bool = True
) -> QToolButton:
    """A round icon button; a checkable one shows its glyph in the accent colour while it is on."""
    b = QToolButton()
    b.setIcon(icon(name, on_color="accent") if checkable and accent_when_on else icon(name))
    b.setIconSize(QSize(size, size))
    b.setToolTip(tip)
    b.setAccessibleName(tip)
    b.setCheckable(checkable)
    b.setCursor(Qt.CursorShape.PointingHandCursor)
    return b


class ClickSlider(QSlider):
    """A slider whose groove jumps to where it is clicked (then drags from there), as media apps do."""

    def mousePressEvent(self, e: QMouseEvent) -> None:
        if e.button() == Qt.MouseButton.LeftButton and self.maximum() > self.minimum():
            opt = QStyleOptionSlider()
            self.initStyleOption(opt)
            style = self.style()
            handle = style.subControlRect(
                QStyle.ComplexControl.CC_Slider, opt, QStyle.SubControl.SC_SliderHandle, self
            )
            point = e.position().toPoint()
            if not handle.contains(point):
                groove = style.subControlRect(
                    QStyle.ComplexControl.CC_Slider, opt, QStyle.SubControl.SC_SliderGroove, self
                )
                span = max(1, groove.width() - handle.width())
                x = point.x() - groove.x() - handle.width() // 2
                self.setSliderPosition(
                    QStyle.sliderValueFromPosition(
                        self.minimum(), self.maximum(), max(0, min(span, x)), span, opt.upsideDown
                    )
                )
        super().mousePressEvent(e)  # the handle is under the pointer now: a drag can go on from there


class NowPlayingBar(QWidget):
    rate = Signal(int, object)  # item id, stars or None
    like = Signal(int, int)  # item id, 1 / -1 / 0
    toggleQueue = Signal(bool)
    showVideo = Signal()
    playSomething = Signal()  # Play with nothing queued: the best mix for now

    def __init__(self, player, art: ArtCache, parent: QWidget | None = None) -> None:
        """One piece on purpose: it makes and lays out the widgets in the order they appear on screen."""
        super().__init__(parent)
        self.player = player
        self.art = art
        self.item_id: int | None = None
        self._cover_key: str | None = None
        self._liked = 0
        self._dragging = False
        self.setObjectName("nowPlaying")
        self.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        self.setFixedHeight(84)
        row = QHBoxLayout(self)
        row.setContentsMargins(14, 8, 14, 8)
        row.setSpacing(12)
        self.cover = QLabel()
        self.cover.setFixedSize(60, 60)
        self.cover.setScaledContents(True)
        self.cover.setAccessibleName("Cover art")
        row.addWidget(self.cover)
        info = QVBoxLayout()
        info.setSpacing(2)
        self.title = ElidedLabel("Nothing playing")
        self.title.setObjectName("nowTitle")
        self.artist = ElidedLabel("")
        self.artist.setObjectName("muted")
        for label in (self.title, self.artist):
            label.setTextFormat(Qt.TextFormat.PlainText)  # names from tags are never markup
        info.addStretch(1)
        info.addWidget(self.title)
        info.addWidget(self.artist)
        info.addStretch(1)
        info_box = QWidget()
        info_box.setLayout(info)
        info_box.setMinimumWidth(140)
        info_box.setMaximumWidth(260)
        info_box.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Preferred)
        row.addWidget(info_box)
        self.like_button = tool("like", "Like", checkable=True, size=18)
        self.dislike_button = tool("dislike", "Dislike: never in mixes", checkable=True, size=18)
        self.stars = StarRating(15)
        row.addWidget(self.like_button)
        row.addWidget(self.dislike_button)
        row.addWidget(self.stars)
        row.addStretch(1)
        centre = QVBoxLayout()
        controls = QHBoxLayout()
        controls.setSpacing(6)
        self.shuffle = tool("shuffle", "Shuffle", checkable=True, size=18)
        self.prev = tool("previous", "Previous (Ctrl+Left)")
        self.play = tool("play", "Play or pause (Space); with nothing queued, play something", size=30)
        self.next = tool("next", "Next (Ctrl+Right)")
        self.repeat = tool("repeat", "Repeat: off", checkable=True, size=18)
        for b in (self.shuffle, self.prev, self.play, self.next, self.repeat):
            controls.addWidget(b)
        controls.setAlignment(Qt.AlignmentFlag.AlignHCenter)
        centre.addLayout(controls)
        seek_row = QHBoxLayout()
        self.elapsed = QLabel("0:00")
        self.elapsed.setObjectName("muted")
        self.total = QLabel("0:00")
        self.total.setObjectName("muted")
        self.seek = ClickSlider(Qt.Orientation.Horizontal)
        self.seek.setAccessibleName("Seek")
        self.seek.setMinimumWidth(200)
        self.seek.setRange(0, 0)
        for clock in (self.elapsed, self.total):  # room for "10:00:00" so the bar never runs under them
            clock.setMinimumWidth(clock.fontMetrics().horizontalAdvance("10:00:00") + 4)
        self.elapsed.setAlignment(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        seek_row.addWidget(self.elapsed)
        seek_row.addWidget(self.seek, 1)
        seek_row.addWidget(self.total)
        centre.addLayout(seek_row)
        row.addLayout(centre, 2)
        row.addStretch(1)
        self.video_button = tool("fullscreen", "Show the video")
        self.chapters_button = QToolButton()  # a book's or an episode's chapters, to jump to
        self.chapters_button.setText("Chapters")
        self.chapters_button.setToolTip("Jump to a chapter")
        self.chapters_button.setAccessibleName("Chapters")
        self.chapters_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.chapters_button.setMenu(QMenu(self.chapters_button))
        self.chapters_button.hide()
        row.addWidget(self.chapters_button)
        self.queue_button = tool("queue", "Queue", checkable=True)
        self.volume_icon = tool("volume", "Mute", checkable=True, size=18, accent_when_on=False)
        self.volume = ClickSlider(Qt.Orientation.Horizontal)
        self.volume.setRange(0, 100)
        self.volume.setValue(int(player.volume() * 100))
        self.volume.setFixedWidth(110)
        self.volume.setAccessibleName("Volume")
        for w in (self.video_button, self.queue_button, self.volume_icon, self.volume):
            row.addWidget(w)
        self.video_button.hide()
        self._wire()
        self.set_entry(None)

    def resizeEvent(self, e: QResizeEvent) -> None:
        super().resizeEvent(e)
        self.stars.setVisible(e.size().width() >= STARS_FROM_WIDTH)

    def _wire(self) -> None:
        p = self.player
        self.play.clicked.connect(self.press_play)
        self.prev.clicked.connect(p.previous)
        self.next.clicked.connect(p.next)
        self.shuffle.toggled.connect(p.set_shuffle)
        self.repeat.clicked.connect(self._cycle_repeat)
        self.volume.valueChanged.connect(lambda v: p.set_volume(v / 100))
        self.volume_icon.toggled.connect(p.set_muted)
        self.seek.sliderPressed.connect(lambda: setattr(self, "_dragging", True))
        self.seek.sliderReleased.connect(self._seek_released)
        self.queue_button.toggled.connect(self.toggleQueue)
        self.video_button.clicked.connect(self.showVideo)
        self.stars.rated.connect(lambda v: self.item_id is not None and self.rate.emit(self.item_id, v))
        self.like_button.clicked.connect(lambda on: self._opinion(1 if on else 0))
        self.dislike_button.clicked.connect(lambda on: self._opinion(-1 if on else 0))
        p.currentChanged.connect(self.set_entry)
        p.positionChanged.connect(self._position)
        p.durationChanged.connect(self._duration)
        p.stateChanged.connect(self._state)
        self.art.ready.connect(self._art_ready)

    def press_play(self) -> None:
        """Play/pause; with nothing queued, start the best mix for now instead of doing nothing."""
        if len(self.player.queue) == 0:
            self.playSomething.emit()
        else:
            self.player.toggle()

    def set_entry(self, entry) -> None:
        has = entry is not None
        self.item_id = entry.item_id if has else None
        self.title.setText((entry.title or "Untitled") if has else "Nothing playing")
        self.artist.setText((entry.artist or "") if has else "Pick a card on the home to start")
        self.title.setAccessibleName(f"Now playing: {self.title.text()}")
        for w in (self.like_button, self.dislike_button, self.stars, self.seek):
            w.setEnabled(has)
        self.video_button.setVisible(has and entry.kind == "video")
        self._cover_key = getattr(entry, "cover_path", None) if has else None
        self._show_cover()
        if has and entry.duration:
            self._duration(float(entry.duration))
        if not has:
            self.set_chapters([])
        if not has:  # nothing plays: no length left over from the last one
            self._duration(0.0)
            self._position(0.0)

    def set_chapters(self, chapters: list) -> None:
        """The playing file's chapters (``Chapter``: start, title): a menu that jumps to each; none, no button."""
        menu = self.chapters_button.menu()
        menu.clear()
        for ch in chapters:
            menu.addAction(f"{format_duration(ch.start)}  {ch.title}", lambda s=ch.start: self.player.seek(s))
        self.chapters_button.setVisible(bool(chapters))

    def set_rating(self, item_id: int, stars: float | None, liked: int) -> None:
        if item_id != self.item_id:
            return
        self.stars.set_value(stars)
        self._liked = liked
        self.like_button.setChecked(liked == 1)
        self.dislike_button.setChecked(liked == -1)

    def set_cover_key(self, key: str | None) -> None:
        self._cover_key = key
        self._show_cover()

    def _show_cover(self) -> None:
        pm = self.art.pixmap(self._cover_key)
        if pm is None:
            self.cover.setPixmap(icon("music-note", "#6a6a78").pixmap(60, 60))
        else:
            self.cover.setPixmap(pm)

    def _art_ready(self, key: str) -> None:
        if key == self._cover_key:
            self._show_cover()

    def _opinion(self, liked: int) -> None:
        if self.item_id is None:
            return
        self.like_button.setChecked(liked == 1)
        self.dislike_button.setChecked(liked == -1)
        self.like.emit(self.item_id, liked)

    def _cycle_repeat(self) -> None:
        current = self.repeat.property("mode") or "off"
        self.set_repeat_mode(REPEAT_CYCLE[(REPEAT_CYCLE.index(current) + 1) % len(REPEAT_CYCLE)])

    def set_repeat_mode(self, mode: str) -> None:
        mode = mode if mode in REPEAT_CYCLE else "off"
        self.repeat.setProperty("mode", mode)
        self.repeat.setChecked(mode != "off")
        self.repeat.setToolTip(f"Repeat: {mode}")
        self.repeat.setAccessibleName(f"Repeat: {mode}")
        self.player.set_repeat(mode)

    def playback_state(self) -> dict[str, object]:
        """What the person set and expects to find again next time: volume, mute, shuffle, repeat."""
        return {
            "volume": self.volume.value(),
            "muted": self.volume_icon.isChecked(),
            "shuffle": self.shuffle.isChecked(),
            "repeat": self.repeat.property("mode") or "off",
        }

    def restore_playback_state(self, state: dict[str, object]) -> None:
        with contextlib.suppress(TypeError, ValueError):  # an edited or damaged window.ini: keep the default
            self.volume.setValue(max(0, min(100, int(state.get("volume", 100)))))  # type: ignore[call-overload]
        self.volume_icon.setChecked(str(state.get("muted", "false")).lower() == "true")
        self.shuffle.setChecked(str(state.get("shuffle", "false")).lower() == "true")
        self.set_repeat_mode(str(state.get("repeat", "off")))

    def _seek_released(self) -> None:
        self._dragging = False
        self.player.seek(self.seek.value() / 10)

    def _position(self, seconds: float) -> None:
        if not self._dragging:
            self.seek.setValue(int(seconds * 10))
        self.elapsed.setText(format_duration(seconds))

    def _duration(self, seconds: float) -> None:
        self.seek.setRange(0, int(seconds * 10))
        self.total.setText(format_duration(seconds))

    def _state(self, state: str) -> None:
        playing = state == "playing"
        self.play.setIcon(icon("pause" if playing else "play"))
        self.play.setToolTip("Pause (Space)" if playing else "Play (Space)")
        self.play.setAccessibleName("Pause" if playing else "Play")
