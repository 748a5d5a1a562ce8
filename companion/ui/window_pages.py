"""The window's pages other than the home, made when first shown or used, not at start-up.

The first screen is the home (or the page the last session ended on). Making every page before it is
painted cost the start their imports (Insights brings numpy, the video page Qt Multimedia Widgets, the
library page its models) and their widgets. Here each page is made on first use: ``window.library``,
``window.page("library")`` or ``show_page("library")``; ``pageMade`` then tells the controller, which
connects the page's signals. ``make_remaining_pages`` makes the rest one at a time after the first paint,
while the person looks at the home, so a later click finds its page ready.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QWidget

from companion.ui.welcome import WelcomePage

PAGE_NAMES = ("library", "search", "insights", "settings", "mix", "video", "welcome")


def _make(window: Any, name: str) -> QWidget:
    art, backend, welcome_folders = window._page_parts
    if name == "library":
        # loaded on first use, not at the window's start
        from companion.ui.library.page import LibraryPage

        return LibraryPage(path_of=backend.file_path, versions_of=backend.versions)
    if name == "search":
        # loaded on first use, not at the window's start
        from companion.ui.search_page import SearchPage

        return SearchPage(art)
    if name == "insights":
        # loaded on first use, not at the window's start
        from companion.ui.insights.page import InsightsPage

        return InsightsPage()
    if name == "settings":
        # loaded on first use, not at the window's start
        from companion.ui.settings_page import SettingsPage

        page = SettingsPage()
        page.set_settings(window.live.value())
        page.changed.connect(window.live.set)
        return page
    if name == "mix":
        # loaded on first use, not at the window's start
        from companion.ui.mix_page import MixPage

        page = MixPage(drag_file=backend.row_drag_file)
        page.back.connect(lambda: window.show_page("home"))
        return page
    if name == "video":
        # loaded on first use, not at the window's start
        from companion.ui.video import VideoPage

        page = VideoPage(window.player)
        page.fullScreenToggled.connect(window.toggle_full_screen)
        return page
    if name == "welcome":
        return WelcomePage(welcome_folders)
    raise KeyError(f"the window has no page {name!r}")


def _page_property(name: str) -> property:
    return property(lambda self: self.page(name), doc=f"The {name} page (made on first use).")


class LazyPages:
    """Mixed into ``MainWindow``: ``pages`` holds the pages made so far, ``page(name)`` makes one."""

    pages: dict[str, QWidget]
    stack: Any
    pageMade: Any

    library = _page_property("library")
    search = _page_property("search")
    insights = _page_property("insights")
    settings = _page_property("settings")
    mix = _page_property("mix")
    video = _page_property("video")
    welcome = _page_property("welcome")

    def page(self, name: str) -> QWidget:
        made = self.pages.get(name)
        if made is None:
            made = self.pages[name] = _make(self, name)
            self.stack.addWidget(made)
            self.pageMade.emit(name, made)
        return made

    def made_page(self, name: str) -> QWidget | None:
        """The page if it was made already, else None (asking does not make it)."""
        return self.pages.get(name)

    def make_remaining_pages(self, then: Callable[[], None] | None = None) -> None:
        """Make the pages not made yet, one per turn of the event loop (the UI stays responsive)."""
        waiting = [n for n in PAGE_NAMES if n not in self.pages]
        if not waiting:
            if then is not None:
                then()
            return
        self.page(waiting[0])
        QTimer.singleShot(0, self, lambda: self.make_remaining_pages(then))  # dropped if the window goes
