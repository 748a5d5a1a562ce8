"""What the window does when the person acts: each step is a core call run off the UI thread.

The controller connects the pages' signals to the backend (through the task runner)
and the player, and puts results back on screen. It decides nothing itself.
"""

from __future__ import annotations

import dataclasses
import random
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QUrl, Signal
from PySide6.QtGui import QDesktopServices

from companion.core.events.record import EventType
from companion.core.events.thresholds import RESUME_AUDIO_MIN_DURATION
from companion.core.taste.rows import Row, RowItem
from companion.ui.backend import Backend
from companion.ui.background import Background
from companion.ui.home_flow import HomeFlow
from companion.ui.keep_out_link import connect_home_card, connect_keep_out
from companion.ui.lists_controller import Lists
from companion.ui.live_settings import LiveSettings
from companion.ui.scan_flow import ScanFlow
from companion.ui.tasks import TaskRunner
from companion.ui.why import WhyDialog


class Controller(HomeFlow, ScanFlow, QObject):
    homeReady = Signal(object)  # HomeData, after it is on screen
    message = Signal(str)  # one line for the status area
    scanFinished = Signal(object)

    def __init__(self, window, backend: Backend, runner: TaskRunner, player, live: LiveSettings) -> None:
        super().__init__(window)
        self.w, self.backend, self.runner, self.player = window, backend, runner, player
        self.live = live
        self.shown_rows: dict[str, Row] = {}  # mixes shown outside the home (a search's), by id
        self._scan_job = None
        self._scan_cancel: Any = None  # the running scan's threading.Event
        self._person_started = False
        self._watching: Any = None  # the video or spoken word playing (its leaving refreshes Continue)
        self._shown_page: Any = None
        self.last_why: WhyDialog | None = None
        self._reload_keep_out: Callable[[], None] | None = None  # Settings' keep-out box, once made

        self.background = Background(backend.store, runner, self.message.emit, self.schedule_home_refresh)
        self._start_home(self)
        self._connect()

    def _connect(self) -> None:
        w, p = self.w, self.player
        w.home.action.connect(self.item_action)
        w.home.openRow.connect(self.open_row)
        w.now_playing.playSomething.connect(self.play_something)
        w.home.playSomething.connect(self.play_something)
        self.live.changed.connect(self._setting_changed)
        self.live.failed.connect(self.message)
        w.now_playing.rate.connect(self.rate)
        w.now_playing.like.connect(self.set_liked)
        w.stack.currentChanged.connect(self._page_shown)
        p.currentChanged.connect(self._now_playing)
        p.stateChanged.connect(self._state_changed)
        p.failed.connect(self._play_failed)
        p.eventRecorded.connect(self._event_recorded)
        p.errorMessage.connect(self.message)
        self.message.connect(w.show_message)

        self.lists = Lists(self)  # importing history and playlists, saved playlists, exports, drag out
        connect_home_card(
            w.home.suggestion_card, self.backend, self.runner.run, self._keep_out_changed, self.message.emit
        )
        w.pageMade.connect(self._page_made)  # the other pages are made on first use
        for name, page in list(w.pages.items()):
            if name != "home":
                self._page_made(name, page)

    def _page_made(self, name: str, page) -> None:
        """Connect a page that was just made (pages other than the home are made when first used)."""
        p = self.player
        if name == "search":
            page.openRow.connect(self.open_row)
            page.action.connect(self.item_action)
            page.query.connect(self.search)
            page.askAgain.connect(self.ask_again)
        elif name == "library":
            page.loadView.connect(self.load_library)
            page.play.connect(
                lambda ids, start: self.play_chosen(
                    lambda: p.play_items(ids, start=start, start_reason="user")
                )
            )
            page.playNext.connect(lambda ids: self._entries(ids, p.play_next))
            page.enqueue.connect(lambda ids: self._entries(ids, p.enqueue))
            page.rate.connect(self.rate)
            page.opinion.connect(self.library_opinion)
        elif name == "mix":
            page.play.connect(self.play_row)
            page.save.connect(
                lambda row, title: self._run(
                    lambda: self.backend.save_row_as_playlist(title, row),
                    lambda _r: self.message.emit(f"Saved the playlist “{title}”"),
                )
            )
        elif name == "settings":
            self._connect_settings(page)
        elif name == "welcome":
            page.start.connect(self.scan)
            page.demo.connect(self.make_demo)
        elif name == "video":
            page.resumeChosen.connect(self._resume_answer)
            page.playNext.connect(
                lambda item_id: self.play_chosen(lambda: p.play_items([item_id], start_reason="queue"))
            )
            page.backHome.connect(lambda: self.w.show_page("home"))
        self.lists.page_made(name, page)

    def _connect_settings(self, page) -> None:
        page.addFolder.connect(lambda path: self.scan([path]))
        page.removeFolder.connect(
            lambda fid: self._run(lambda: self.backend.remove_folder(fid), lambda _r: self._library_changed())
        )
        page.rescan.connect(lambda: self.scan(None))
        page.exportData.connect(
            lambda path: self._run(
                lambda: self.backend.export_data(path), lambda _r: self._data_status(f"Exported to {path}")
            )
        )
        page.eraseHistory.connect(self.erase_history)
        page.openLog.connect(self.open_log)
        self._reload_keep_out = connect_keep_out(
            page.keep_out, self.backend, self.runner.run, lambda: self._keep_out_changed(reload_box=False)
        )

    def _keep_out_changed(self, reload_box: bool = True) -> None:
        """A keep-out rule was added or removed, or a suggestion dismissed (in Settings or on the home's
        card): the home is made again, and the card and Settings' box show what holds now."""
        self.refresh_home()
        self.ask_suggestion()
        if reload_box and self._reload_keep_out is not None:
            self._reload_keep_out()

    def open_log(self) -> None:
        """Open the log file in the desktop's text viewer (where the terminal's noise went)."""

        # loaded on first use, not at the window's start
        from companion.core.logfile import log_path

        path = log_path(self.backend.profile)
        if not path.exists():
            self._data_status("Nothing has been logged yet")
        elif not QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self._data_status(f"The log is {path}")

    # --- small helpers -----------------------------------------------------------------------------
    def _run(self, fn, done=None) -> Any:
        return self.runner.run(fn, done, self._failed)

    def _failed(self, error: BaseException) -> None:
        self.message.emit(str(error) or error.__class__.__name__)

    def _entries(self, ids: list[int], then) -> None:
        self._run(lambda: self.backend.queue_entries(ids, start_reason="queue"), then)

    def item_action(self, name: str, item: RowItem, row_id: str, index: int) -> None:
        row = self.row_on_screen(row_id)
        if name == "play":
            if row is not None:
                self.play_row(row, index, False)
            else:
                self.play_items([item], 0, row_id)
        elif name == "play_next":
            self._entries([item.item_id], self.player.play_next)
        elif name == "queue":
            self._entries([item.item_id], self.player.enqueue)
        elif name in ("like", "dislike"):
            current = (self.home_data.liked if self.home_data else {}).get(item.item_id, 0)
            wanted = 1 if name == "like" else -1
            self.set_liked(item.item_id, 0 if current == wanted else wanted)
        elif name == "why":
            self.show_why(item, row.title if row else "")

    def row_on_screen(self, row_id: str) -> Row | None:
        """A row on screen: the home's, else a mix the search page shows."""
        rows = self.home_data.rows if self.home_data else []
        return next((r for r in rows if r.id == row_id), None) or self.shown_rows.get(row_id)

    def show_why(self, item: RowItem, row_title: str) -> WhyDialog:
        dialog = WhyDialog(item, row_title, self.w)
        self.last_why = dialog
        dialog.open()
        return dialog

    def play_row(self, row: Row, start: int, shuffle: bool) -> None:
        items = list(row.items)
        if shuffle:
            random.shuffle(items)
            start = 0
        self._run(lambda: self.backend.record_row_start(row.id, items[start].item_id) if items else None)
        self.play_items(items, start, row.id)

    def play_items(self, items: list[RowItem], start: int, context: str) -> None:
        if not items:
            return
        first = items[start]
        if first.kind == "video" and first.resume_position:
            self._pending = (items, start, context)
            self.player.pause()  # nothing plays on under the question (nor counts as skipped by it)
            self.w.show_page("video")
            self.w.video.ask_resume(first.item_id, first.title or "this video", first.resume_position)
            return
        ids = [i for item in items for i in item.plays()]  # an album card plays its album, in order
        at = sum(len(item.plays()) for item in items[:start])
        self.play_chosen(lambda: self.player.play_items(ids, start=at, start_reason="mix", context=context))

    def _resume_answer(self, item_id: int, resume: bool) -> None:
        items, start, context = getattr(self, "_pending", ([], 0, ""))
        ids = [i.item_id for i in items] or [item_id]
        entries = self.backend.queue_entries(ids, start_reason="mix", context=context)
        if not resume and entries:
            entries[start] = dataclasses.replace(entries[start], start_position=0.0)
        self.player.stop()  # the paused track ends as "stopped": choosing a video is not a skip of it
        self.play_chosen(lambda: self.player.play_entries(entries, start))

    def play_chosen(self, start_playing) -> None:
        """The person started this: a video it starts is shown (one the queue moves on to is not forced on them)."""
        self._person_started = True
        try:
            start_playing()
        finally:
            self._person_started = False

    def play_something(self) -> None:
        """The best mix for right now is the taste engine's first row."""
        rows = self.home_data.rows if self.home_data else []
        if rows:
            self.play_row(rows[0], 0, False)

    def open_row(self, row_id: str) -> None:
        if row_id in self.shown_rows:  # a search's mix: shown as it was found
            self.w.mix.set_row(self.shown_rows[row_id])
            self.w.show_page("mix")
            return

        def shown(row: Row | None) -> None:
            if row is None:
                self.message.emit("That mix is no longer there")
                return
            self.w.mix.set_row(row)
            self.w.show_page("mix")

        self._run(lambda: self.backend.row(row_id), shown)

    # --- opinions ----------------------------------------------------------------------------------
    def set_liked(self, item_id: int, liked: int) -> None:
        current = self.player.current()
        if liked == -1 and current is not None and current.item_id == item_id and len(self.player.queue) > 1:
            self.player.next()  # disliked while playing: on to the next one, as "never in mixes" promises
        self._run(lambda: self.backend.set_liked(item_id, liked), lambda _s: self.refresh_home())

    def library_opinion(self, ids: list[int], liked: int) -> None:
        """Liked, disliked or undone from the Library: stored, then the table and the home show it."""

        def done(_r: Any) -> None:
            self.load_library(self.w.library.view_name)
            self.refresh_home()

        self._run(lambda: [self.backend.set_liked(i, liked) for i in ids], done)

    def rate(self, item_id: int, stars: float | None) -> None:
        self._run(lambda: self.backend.set_stars(item_id, stars), lambda _s: self.schedule_home_refresh())

    def _event_recorded(self, kind: str, item_id: int) -> None:
        self.schedule_home_refresh()
        if kind == EventType.COMPLETED:
            self._run(lambda: self.backend.next_episode(item_id), self._offer_next)

    def _offer_next(self, nxt: dict | None) -> None:
        if nxt is None or self.w.current_page != "video":
            return
        if self.player.current() is not None:
            return  # the person already went on to something (maybe that episode): nothing to offer
        self.w.video.offer_next(int(nxt["id"]), nxt.get("title") or "the next episode")

    # --- leaving a video or a book: its Continue card is there when they look -----------------------
    def _left_watching(self) -> None:
        """A video or spoken word stopped (ended, stopped, the page left): once its resume point is
        stored, the home is built again and shown as it comes (the person wants to see that card)."""
        if self._watching is None:
            return
        self._watching = None
        self._run(lambda: self.player.flush(5.0), lambda _ok: self.refresh_home(fill=True))

    def _state_changed(self, state: str) -> None:
        if state == "stopped" and self.player.current() is None:
            self._left_watching()

    def _play_failed(self, entry) -> None:
        """A video that cannot play: the message is told (errorMessage); the page goes back."""
        if entry.kind == "video" and self.w.current_page == "video":
            self.w.go_back()

    def _now_playing(self, entry) -> None:
        if self._watching is not None and (entry is None or entry.uid != self._watching.uid):
            self._left_watching()
        if entry is not None and _resumable(entry):
            self._watching = entry
        if entry is None:
            if self.w.current_page == "video" and self.player.at_end():
                self.w.video.show_finished()  # never a dead black page at the end of the queue
            return
        if entry.kind == "video" and self._person_started:
            self.w.show_page("video")

        def got(result: tuple[dict | None, Any, list]) -> None:
            item, state, chapters = result
            self.w.now_playing.set_cover_key(item.get("cover_key") if item else None)
            self.w.now_playing.set_rating(entry.item_id, state.stars, state.liked)
            if self.player.current() is not None and self.player.current().uid == entry.uid:
                self.w.now_playing.set_chapters(chapters)

        def look_up() -> tuple[dict | None, Any, list]:
            # loaded on first use, not at the window's start
            from companion.core.library.chapters import read_chapters

            chapters = read_chapters(entry.path) if entry.kind != "video" else []
            return self.backend.item(entry.item_id), self.backend.rating(entry.item_id), chapters

        self._run(look_up, got)

    # --- pages ----------------------------------------------------------------------------------------
    def _page_shown(self, _index: int) -> None:
        page, made = self.w.stack.currentWidget(), self.w.made_page
        video, current = made("video"), self.player.current()
        if (
            video is not None
            and page is not video
            and self._shown_page is video
            and current
            and current.kind == "video"
        ):
            self.player.stop()  # leaving the picture ends the watching (its resume point is kept)
        self._shown_page = page
        if page is not self.w.home and self._held_home is not None:
            self.take_held_home()  # out of sight: the home is ready with the new picks when they come back
        if page is made("insights"):
            self._run(self.backend.insights, page.set_insights)
            self._run(self.backend.replay, page.replay.set_answer)
            page.replay.periodChosen.connect(
                lambda p: self._run(lambda: self.backend.replay(p), page.replay.set_answer)
            )
            page.replay.playMix.connect(
                lambda ids: self.play_chosen(
                    lambda: self.player.play_items(ids, start_reason="mix", context="replay")
                )
            )
        elif page is made("library") and page.model.rowCount() == 0:
            self.load_library(page.view_name)
        elif page is made("settings"):
            self.load_settings_page()

    def load_library(self, view: str) -> None:
        self._run(lambda: self.backend.table(view), lambda t: self.w.library.set_table(view, t))

    def search(self, text: str) -> None:
        if not text:
            self.w.search.show_results("", None, frozenset(), {})
            return

        def arrived(result: tuple[Any, Any, tuple[frozenset[int], dict[int, int]]]) -> None:
            found, asked, (played, liked) = result
            mix = getattr(found, "mix", None)
            if mix is not None:  # its own id: the home may show a row of that id with other picks
                mix = dataclasses.replace(mix, id=f"search:{mix.id}")
                found = dataclasses.replace(found, mix=mix)
            self.shown_rows = {mix.id: mix} if mix is not None else {}  # its menu and cards play this mix
            if asked is not None and asked.mix is not None:
                self.shown_rows[asked.mix.id] = asked.mix
            self.w.search.show_results(text, found, played, liked, asked)

        self._run(lambda: (self.backend.search(text), self.backend.ask(text), self.backend.badges()), arrived)

    def ask_again(self, text: str, clauses: Any, previous: Any) -> None:
        """Ask with a chip removed (``clauses``) or a follow-up on ``previous``; the same search page shows it."""

        def arrived(result: tuple[Any, tuple[frozenset[int], dict[int, int]]]) -> None:
            asked, (played, liked) = result
            if asked.mix is not None:
                self.shown_rows[asked.mix.id] = asked.mix
            self.w.search.show_ask(asked, played, liked)

        self._run(lambda: (self.backend.ask(text, clauses, previous), self.backend.badges()), arrived)

    def load_settings_page(self) -> None:
        """What the Settings page shows besides the settings (those it follows itself): the folders,
        where the data is kept, the files that could not be read."""

        def got(result: tuple[list, str, list]) -> None:
            folders, statement, failures = result
            self.w.settings.set_folders(folders)
            self.w.settings.set_statement(statement)
            self.w.settings.set_failures(failures)

        b = self.backend
        self._run(lambda: (b.folders(), b.storage_statement(), b.scan_failures()), got)

    def _setting_changed(self, name: str) -> None:
        """A stored setting that changes what runs: folder watching, or what the mixes pick."""
        if name == "watch_folders":
            self.background.set_watching(self.live.value().watch_folders)
        elif name == "exploration":
            self.refresh_home()

    def _data_status(self, text: str) -> None:
        self.w.settings.data_status.setText(text)

    def erase_history(self) -> None:
        def done(counts: dict[str, int]) -> None:
            rated = counts.get("ratings", 0)
            self._data_status(
                f"Erased {counts.get('events', 0):,} listening events"
                + (f" and {rated:,} ratings, likes and dislikes." if rated else ".")
            )
            self.refresh_home()

        self._run(self.backend.erase_history, done)

    def open_files(self, paths: list[str]) -> None:
        """Play files handed over by the desktop or a second launch; say plainly why any other is not played."""

        def found(result: tuple[list[int], list[str]]) -> None:
            ids, problems = result
            if ids:
                self.play_chosen(lambda: self.player.play_items(ids, start_reason="user"))
            if problems:
                more = f"\n… and {len(problems) - 3} more" if len(problems) > 3 else ""
                self.message.emit("Not played:\n" + "\n".join(problems[:3]) + more)

        self._run(lambda: self.backend.open_paths(paths), found)

    def shutdown(self) -> None:
        """The window is closing: stop a running scan and the background work."""
        if self._scan_job is not None:
            self._scan_cancel.set()
            self._scan_job.cancel()
        self.background.stop()
        if self.backend.worker is not None:
            self.backend.worker.close()


def _resumable(entry) -> bool:
    """A video, spoken word of any length (an audiobook, a podcast), or other audio long enough to keep a
    resume point: leaving it refreshes Continue."""

    return entry.kind == "video" or entry.spoken or (entry.duration or 0) >= RESUME_AUDIO_MIN_DURATION
