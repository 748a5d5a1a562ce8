"""The main window's shell: sidebar, pages, queue panel, now-playing bar, shortcuts, saved geometry."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QSettings, QSize, Qt, QTimer, Signal
from PySide6.QtGui import QCloseEvent, QKeySequence, QShortcut
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QButtonGroup,
    QComboBox,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QMainWindow,
    QPushButton,
    QStackedWidget,
    QTabBar,
    QTextEdit,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from companion.ui import save_dialog, theme
from companion.ui.art import ArtCache
from companion.ui.backend import Backend
from companion.ui.home.page import HomePage
from companion.ui.icons import app_icon, icon
from companion.ui.live_settings import LiveSettings
from companion.ui.nowplaying import NowPlayingBar
from companion.ui.queue_panel import QueuePanel
from companion.ui.toast import Toast
from companion.ui.window_pages import LazyPages

NAV = (
    ("home", "Home", "home"),
    ("library", "Library", "library"),
    ("search", "Search", "search"),
    ("insights", "Insights", "insights"),
    ("settings", "Settings", "settings"),
)
SEEK_SHORT_S, SEEK_LONG_S = 5.0, 10.0
TEXT_INPUTS = (QLineEdit, QTextEdit, QAbstractSpinBox, QComboBox)
ARROW_WIDGETS = (QAbstractItemView, QAbstractSlider, QTabBar)  # these move with the arrows themselves
CHROME_HIDE_MS = 2500  # full screen: the bar hides this long after the mouse stopped
KEYBOARD_FOCUS = (
    Qt.FocusReason.TabFocusReason,
    Qt.FocusReason.BacktabFocusReason,
    Qt.FocusReason.ShortcutFocusReason,
)


NO_SOUND_TEXT = "No sound output: Companion can't play sound right now"


class MainWindow(LazyPages, QMainWindow):
    importHistory = Signal()  # Ctrl+Shift+H: bring listening history from other services
    importPlaylists = Signal()  # Ctrl+Shift+P: import playlists from other players
    exportQueue = Signal()  # Ctrl+Shift+E: write the queue to a playlist file
    pageMade = Signal(str, object)  # a page other than the home was made (on first use): name, page

    def __init__(
        self,
        player,
        art: ArtCache,
        backend: Backend,
        live: LiveSettings,
        welcome_folders: list,
        settings_file: str,
    ) -> None:
        """``backend`` gives the pages their quick look-ups (a file's path, a mix as a file to drag out);
        ``live`` is the settings the sidebar's badge, the Settings page and the theme follow. One piece on
        purpose: it makes and lays out the widgets in the order they appear on screen."""
        super().__init__()
        self.player = player
        self.live = live
        self.setWindowTitle("Companion")
        self.setWindowIcon(app_icon())
        self.setMinimumSize(QSize(960, 600))
        self._qsettings = QSettings(settings_file, QSettings.Format.IniFormat)
        self._tabbed_to: QObject | None = None  # the control that last got focus from the keyboard
        self.library_empty = False  # True: Home shows the welcome (nothing to pick from yet)
        self.quit_handler = lambda: QApplication.instance().quit()  # Ctrl+Q: quit, even with a tray
        central = QWidget()
        self.setCentralWidget(central)
        outer = QVBoxLayout(central)
        outer.setContentsMargins(0, 0, 0, 0)
        outer.setSpacing(0)
        self.sound_notice = QLabel(NO_SOUND_TEXT)  # stays while no sound can be heard; blocks nothing
        self.sound_notice.setObjectName("soundNotice")
        self.sound_notice.setAccessibleName(NO_SOUND_TEXT)
        self.sound_notice.setVisible(not player.can_play_sound())
        player.soundOutputChanged.connect(lambda hearing: self.sound_notice.setVisible(not hearing))
        outer.addWidget(self.sound_notice)
        middle = QHBoxLayout()
        middle.setSpacing(0)
        outer.addLayout(middle, 1)
        self.sidebar = self._sidebar()
        middle.addWidget(self.sidebar)
        self.stack = QStackedWidget()
        middle.addWidget(self.stack, 1)
        self.home = HomePage(art, drag_file=backend.row_drag_file)
        self.stack.addWidget(self.home)
        # the other pages are made when first shown or used (LazyPages): the first screen shows the home
        self._page_parts = (art, backend, welcome_folders)
        self.pages: dict[str, QWidget] = {"home": self.home}
        self.queue = QueuePanel(player)
        self.queue.hide()
        middle.addWidget(self.queue)
        self.now_playing = NowPlayingBar(player, art)
        self.now_playing.toggleQueue.connect(self.queue.setVisible)
        self.now_playing.showVideo.connect(lambda: self.show_page("video"))
        outer.addWidget(self.now_playing)
        self.toast = Toast(self.stack)
        self._chrome_timer = QTimer(self)  # in full screen the bar shows on mouse moves, then hides again
        self._chrome_timer.setSingleShot(True)
        self._chrome_timer.setInterval(CHROME_HIDE_MS)
        self._chrome_timer.timeout.connect(self._hide_chrome)
        self._normal_state = Qt.WindowState.WindowNoState
        player.currentChanged.connect(self._leave_full_screen_for_music)
        self.status = self.toast.label  # the last message told
        self._shortcuts()
        self._follow_settings()
        QApplication.instance().installEventFilter(self)
        self.current_page = "home"
        self.previous_page = "home"

    def _sidebar(self) -> QWidget:
        bar = QWidget()
        bar.setObjectName("sidebar")
        bar.setAttribute(Qt.WidgetAttribute.WA_StyledBackground)
        bar.setFixedWidth(200)
        v = QVBoxLayout(bar)
        v.setContentsMargins(12, 18, 12, 12)
        v.setSpacing(4)
        brand = QLabel("Companion")
        brand.setObjectName("brand")
        v.addWidget(brand)
        self.nav = QButtonGroup(self)
        self.nav_buttons: dict[str, QToolButton] = {}
        for key, label, icon_name in NAV:
            b = QToolButton()
            b.setText(f"  {label}")
            b.setIcon(icon(icon_name))
            b.setIconSize(QSize(20, 20))
            b.setCheckable(True)
            b.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            b.setSizePolicy(b.sizePolicy().horizontalPolicy().Expanding, b.sizePolicy().verticalPolicy())
            b.setAccessibleName(label)
            b.setFocusPolicy(
                Qt.FocusPolicy.TabFocus
            )  # a click does not leave a focus ring beside the current page
            b.clicked.connect(lambda _c=False, k=key: self.show_page(k))
            self.nav.addButton(b)
            self.nav_buttons[key] = b
            v.addWidget(b)
        v.addStretch(1)
        self.private_badge = QPushButton("  Private session")
        self.private_badge.setObjectName("privateBadge")
        self.private_badge.setIcon(icon("lock"))
        self.private_badge.setToolTip(
            "Nothing you play, skip or rate now is remembered. Click to turn it off."
        )
        self.private_badge.setAccessibleName("Private session is on: click to turn it off")
        self.private_badge.setCursor(Qt.CursorShape.PointingHandCursor)
        self.private_badge.clicked.connect(lambda: self.live.set("private_session", False))
        self.private_badge.hide()
        v.addWidget(self.private_badge)
        return bar

    def _shortcuts(self) -> None:
        p = self.player
        pairs = [
            ("Ctrl+F", lambda: self.focus_search()),
            ("Ctrl+Right", p.next),
            ("Ctrl+Left", p.previous),
            ("Ctrl+Up", lambda: p.set_volume(min(1.0, p.volume() + 0.05))),
            ("Ctrl+Down", lambda: p.set_volume(max(0.0, p.volume() - 0.05))),
            (QKeySequence(Qt.Key.Key_MediaTogglePlayPause), p.toggle),
            (QKeySequence(Qt.Key.Key_MediaPlay), p.play),
            (QKeySequence(Qt.Key.Key_MediaPause), p.pause),
            (QKeySequence(Qt.Key.Key_MediaStop), p.stop),
            (QKeySequence(Qt.Key.Key_MediaNext), p.next),
            (QKeySequence(Qt.Key.Key_MediaPrevious), p.previous),
            ("F11", self.toggle_full_screen),
            ("Ctrl+Q", self.quit_app),
            ("Ctrl+Shift+H", self.importHistory.emit),
            ("Ctrl+Shift+P", self.importPlaylists.emit),
            ("Ctrl+Shift+E", self.exportQueue.emit),
        ]
        for n, (key, _label, _icon) in enumerate(NAV, 1):
            pairs.append(
                (f"Ctrl+{n}", lambda k=key: self.focus_search() if k == "search" else self.show_page(k))
            )
        self._shortcut_objects = []
        for key, slot in pairs:
            sc = QShortcut(QKeySequence(key) if isinstance(key, str) else key, self)
            sc.activated.connect(slot)
            self._shortcut_objects.append(sc)

    def quit_app(self) -> None:
        """Ctrl+Q quits for real (closing the window may only hide it in the tray)."""
        self.save_state()
        self.quit_handler()

    def seek_by(self, seconds: float) -> None:
        """Left/Right seek 5 s (Shift: 10 s) in what is playing, from any page."""
        p = self.player
        if p.current() is not None:
            p.seek(max(0.0, p.position() + seconds))

    def eventFilter(self, obj: QObject, event: QEvent) -> bool:
        """Space plays/pauses, / opens search and Left/Right seek, except where the key has a use already.

        Text fields keep every key; lists, the home's cards, tables and sliders keep the arrows; a button
        reached with Tab keeps Space (a button that was clicked with the mouse does not: Space still pauses).
        """
        kind = event.type()  # once: it sees every event of the application (1,900 before the first paint)
        if kind == QEvent.Type.MouseMove and self.isFullScreen():
            self._show_chrome()
            return super().eventFilter(obj, event)
        if kind == QEvent.Type.KeyPress and event.key() == Qt.Key.Key_Escape and self.isFullScreen():
            self._leave_full_screen()
            return True
        if kind == QEvent.Type.FocusIn and isinstance(obj, QWidget):  # (the style sees focus events too)
            self._tabbed_to = obj if event.reason() in KEYBOARD_FOCUS else None
            return super().eventFilter(obj, event)
        if (
            kind != QEvent.Type.KeyPress
            or not self.isActiveWindow()
            or event.modifiers() & (Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier)
        ):
            return super().eventFilter(obj, event)
        focus = QApplication.focusWidget()
        key = event.key()
        if isinstance(focus, TEXT_INPUTS) or (
            key == Qt.Key.Key_Space and isinstance(focus, QAbstractButton) and focus is self._tabbed_to
        ):
            return super().eventFilter(obj, event)  # typing; Space presses a button reached by keyboard
        if key in (Qt.Key.Key_Space, Qt.Key.Key_Slash):
            if key == Qt.Key.Key_Space:
                self.now_playing.press_play()
            else:
                self.focus_search()
            return True
        if key in (Qt.Key.Key_Left, Qt.Key.Key_Right) and not isinstance(focus, ARROW_WIDGETS):
            step = SEEK_LONG_S if event.modifiers() & Qt.KeyboardModifier.ShiftModifier else SEEK_SHORT_S
            self.seek_by(step if key == Qt.Key.Key_Right else -step)
            return True
        return super().eventFilter(obj, event)

    # --- full screen video ------------------------------------------------------------------------
    def toggle_full_screen(self) -> None:
        """The video page full screen: no sidebar or queue, the bar (seek, play/pause, full screen) shows
        on mouse moves; prompts (continue?, up next) stay on screen. Only when a video is playing."""
        if self.isFullScreen():
            self._leave_full_screen()
            return
        current = self.player.current()
        if current is None or current.kind != "video":
            self.show_message("Full screen is for videos: play one first")
            return
        self._normal_state = self.windowState() & ~Qt.WindowState.WindowFullScreen
        self.sidebar.hide()
        self.queue.hide()
        self.show_page("video")
        self.showFullScreen()
        self._show_chrome()
        self.video.surface.setFocus(Qt.FocusReason.OtherFocusReason)

    def _leave_full_screen(self) -> None:
        self._chrome_timer.stop()
        self.setWindowState(self._normal_state)
        self.sidebar.show()
        self.now_playing.show()
        self.queue.setVisible(self.now_playing.queue_button.isChecked())
        self.video.surface.unsetCursor()

    def _leave_full_screen_for_music(self, entry) -> None:
        if self.isFullScreen() and entry is not None and entry.kind != "video":
            self._leave_full_screen()

    def _show_chrome(self) -> None:
        self.now_playing.show()
        self.video.surface.unsetCursor()
        self._chrome_timer.start()

    def _hide_chrome(self) -> None:
        if not self.isFullScreen():
            return
        if self.now_playing.underMouse() or self.video.prompt.isVisible():
            self._chrome_timer.start()  # pointing at the controls, or a question waits: keep them
            return
        self.now_playing.hide()
        self.video.surface.setCursor(Qt.CursorShape.BlankCursor)

    def show_message(self, text: str, action: tuple[str, Callable[[], None]] | None = None) -> None:
        """Tell the person something (done, or what went wrong) in a toast over the page that goes away
        after a while; ``action``: (button label, what it does), or None."""
        if text:
            self.toast.show_message(text, action)

    def show_page(self, name: str) -> None:
        """Show a page; Home on an empty library is the welcome (choose a folder, or the demo)."""
        nav = name
        if name == "home" and self.library_empty:
            name = "welcome"
        before = self.stack.currentWidget()
        if self.current_page != name and self.current_page != "video":
            self.previous_page = self.current_page  # where "back" goes from the video page
        focused = self.focusWidget()
        self.stack.setCurrentWidget(self.page(name))
        self.current_page = name
        if before is not self.stack.currentWidget() and (focused is None or before.isAncestorOf(focused)):
            self.focus_page()  # the focused control went away with its page
        if nav in self.nav_buttons:
            self.nav_buttons[nav].setChecked(True)
            self._qsettings.setValue("page", nav)  # kept at once: a quit that never closes still restores it
        elif name in self.nav_buttons:
            self.nav_buttons[name].setChecked(True)
        else:
            for b in self.nav.buttons():
                if b.isChecked():
                    self.nav.setExclusive(False)
                    b.setChecked(False)
                    self.nav.setExclusive(True)

    def go_back(self) -> None:
        """Back from the video page to the page the person came from."""
        self.show_page(self.previous_page if self.previous_page != "video" else "home")

    def set_library_empty(self, empty: bool) -> None:
        """True: Home is the welcome (choose a folder, or the demo) until there is something to pick from."""
        self.library_empty = empty

    def _follow_settings(self) -> None:
        """The sidebar's badge shows a private session; the theme follows its setting (applied once already,
        before the window was made); the Settings page, once made, edits and shows them."""
        live = self.live
        live.changed.connect(self._setting_changed)
        self.private_badge.setVisible(live.value().private_session)  # never forget it is on

    def _setting_changed(self, name: str) -> None:

        value = self.live.value()
        if "settings" in self.pages:
            self.pages["settings"].show_setting(
                name, getattr(value, name)
            )  # changed in the tray, or put back
        self.private_badge.setVisible(value.private_session)
        if name == "theme":
            theme.apply(QApplication.instance(), value.theme)
            self.update()

    def focus_search(self) -> None:
        self.show_page("search")
        self.search.focus_field()

    # --- remembered geometry and page ------------------------------------------------------------
    def restore_state(self) -> None:
        geometry = self._qsettings.value("geometry")
        if geometry is not None:
            self.restoreGeometry(geometry)
        else:
            self.resize(1280, 820)
        page = str(self._qsettings.value("page", "home"))
        self.show_page(page if page in dict((k, 1) for k, _l, _i in NAV) else "home")
        self.now_playing.restore_playback_state(
            {
                k: self._qsettings.value(f"playback/{k}")
                for k in ("volume", "muted", "shuffle", "repeat")
                if self._qsettings.value(f"playback/{k}") is not None
            }
        )
        save_dialog.remember_folder(str(self._qsettings.value("export/folder") or ""))
        self.focus_page()

    def focus_page(self) -> None:
        """Keyboard focus on the current page's main list (else its first control), not on the sidebar
        or a tab button: used at start-up and when a page change hid the focused control."""

        page = self.stack.currentWidget()
        if hasattr(page, "focus_field"):  # the search page: straight into its field
            page.focus_field()
            return
        if hasattr(page, "focus_first"):  # the home: its first card, with a ring (its scroll area until then)
            page.focus_first()
            return
        chain, w = [], page.nextInFocusChain()
        for _ in range(5000):  # the chain is a ring through the whole window
            if w is None or w is page:
                break
            if (
                page.isAncestorOf(w)
                and w.focusPolicy().value & Qt.FocusPolicy.TabFocus.value
                and w.isEnabled()
                and not w.isHidden()
            ):
                chain.append(w)
            w = w.nextInFocusChain()
        lists = [c for c in chain if isinstance(c, QAbstractScrollArea) and c.isVisibleTo(page)]
        target = (lists or chain or [None])[0]
        if target is not None:
            target.setFocus(Qt.FocusReason.OtherFocusReason)

    def save_state(self) -> None:
        self._qsettings.setValue("geometry", self.saveGeometry())
        page = self.current_page if self.current_page in self.nav_buttons else "home"
        self._qsettings.setValue("page", page)
        for key, value in self.now_playing.playback_state().items():
            self._qsettings.setValue(
                f"playback/{key}", str(value).lower() if isinstance(value, bool) else value
            )
        if save_dialog.last_folder():
            self._qsettings.setValue("export/folder", save_dialog.last_folder())
        self._qsettings.sync()

    def closeEvent(self, event: QCloseEvent) -> None:
        self.save_state()
        QApplication.instance().removeEventFilter(self)
        super().closeEvent(event)
