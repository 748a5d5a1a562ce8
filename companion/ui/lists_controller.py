"""What the window does with lists: importing history and playlists, saved playlists, exporting mixes
and the queue, dragging a mix out as a file.

Made by the ``Controller`` (``controller.lists``); every core call goes through the backend on the
task runner, and every failure is one plain line in the window (the sidebar status and, for what
the person asked for just now, a message box), never a traceback.
"""

from __future__ import annotations

import random
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QInputDialog, QWidget

from companion.core.taste.rows import Row
from companion.ui.save_dialog import ask_save_playlist, tell

if TYPE_CHECKING:  # the dialogs are imported when first opened, not on the window's start (0.03 s)
    from companion.ui.flow_dialog import FlowDialog
    from companion.ui.import_dialog import ImportDialog, Kind


class Lists(QObject):
    def __init__(self, controller) -> None:
        super().__init__(controller)
        self.c = controller
        self.w, self.backend, self.runner, self.player = (
            controller.w,
            controller.backend,
            controller.runner,
            controller.player,
        )
        self.dialog: ImportDialog | None = None
        self.last_box: QWidget | None = None  # the last message box or question (kept for tests)
        w = self.w
        w.home.rowAction.connect(self.row_action)
        w.home.openFlow.connect(self.ask_flow)
        w.home.dragFailed.connect(self.problem_line)
        w.queue.exportRequested.connect(self.ask_export_queue)
        w.importHistory.connect(self.import_history)  # the window's shortcuts
        w.importPlaylists.connect(self.import_playlists)
        w.exportQueue.connect(self.ask_export_queue)

    def page_made(self, name: str, page) -> None:
        """Connect a page made on first use (the controller calls this for each)."""
        if name == "search":
            page.rowAction.connect(self.row_action)
        elif name == "mix":
            page.dragFailed.connect(self.problem_line)
            page.export.connect(self.export_row)
        elif name == "library":
            self._connect_library(page)

    def _connect_library(self, library) -> None:
        library.addToPlaylist.connect(self.add_to_playlist)
        library.importHistory.connect(self.import_history)
        library.importPlaylists.connect(self.import_playlists)
        library.message.connect(self.problem_line)
        pane = library.playlists
        pane.openPlaylist.connect(self.open_playlist)
        pane.play.connect(self.play_playlist)
        pane.export.connect(self.export_playlist)
        pane.rename.connect(self.rename_playlist)
        pane.delete.connect(self.delete_playlist)
        pane.removeEntries.connect(self.remove_entries)
        pane.moveEntry.connect(self.move_entry)

    # --- helpers ---------------------------------------------------------------------------------------
    def _run(self, fn, done=None, what: str = "That did not work") -> Any:
        return self.runner.run(fn, done, lambda e: self.problem(what, e))

    def problem(self, title: str, error: BaseException | str) -> None:
        text = error if isinstance(error, str) else (str(error) or error.__class__.__name__)
        self.c.message.emit(f"{title}: {text}")
        self.last_box = tell(self.w, title, text)

    def problem_line(self, text: str) -> None:
        self.c.message.emit(text)

    def _home_row(self, row_id: str) -> Row | None:
        return self.c.row_on_screen(row_id)  # the home's rows, or a mix the search page shows

    def reload_playlists(self) -> None:
        if self.w.library.view_name == "playlists":
            self.w.library.loadView.emit("playlists")

    # --- the home's row menu -------------------------------------------------------------------------
    def row_action(self, name: str, row_id: str) -> None:
        row = self._home_row(row_id)
        if row is None:
            self.c.message.emit("That mix is no longer there")
            return
        if name in ("play", "shuffle"):
            self.c.play_row(row, 0, name == "shuffle")
        elif name == "flow":
            self._run(
                lambda: self.backend.flow_row(row),
                lambda flowed: self.c.play_row(flowed, 0, False),
                "Could not play the mix as a flow",
            )
        elif name == "open":
            self.c.open_row(row_id)
        elif name == "save":
            self.ask_save_row(row)
        elif name == "export":
            path = ask_save_playlist(self.w, f"Export {row.title}", row.title)
            if path:
                self.export_row(row, path)

    def ask_flow(self) -> FlowDialog:
        """The Flow dialog; Play makes the arc (in the taste engine's process) and plays it."""
        # a dialog: imported when first opened, not on the window's start
        from companion.ui.flow_dialog import FlowDialog

        dialog = FlowDialog(self.w)
        dialog.chosen.connect(self.play_flow)
        self.last_box = dialog
        dialog.open()
        return dialog

    def play_flow(self, start: str | None, end: str | None, minutes: int) -> None:
        def play(row: Row) -> None:
            if not row.items:
                self.problem(
                    "Nothing to flow yet",
                    "Your music has not been analysed yet: it happens in the background.",
                )
                return
            self.c.message.emit(f"{row.title}: {len(row.items)} tracks")
            self.c.play_row(row, 0, False)

        self._run(lambda: self.backend.flow(start, end, minutes), play, "Could not make the flow")

    def ask_save_row(self, row: Row) -> QInputDialog:
        dialog = QInputDialog(self.w)
        dialog.setWindowTitle("Save as playlist")
        dialog.setLabelText("Playlist name:")
        dialog.setTextValue(row.title)
        dialog.setAccessibleName("Save the mix as a playlist")
        dialog.setOkButtonText("Save")
        dialog.setStyleSheet("QLineEdit { min-width: 320px; }")
        dialog.textValueSelected.connect(lambda name: name.strip() and self.save_row(row, name.strip()))
        self.last_box = dialog
        dialog.open()
        return dialog

    def save_row(self, row: Row, name: str) -> None:
        def saved(_pid: int) -> None:
            self.c.message.emit(f"Saved the playlist “{name}” (Library › Playlists)")
            self.reload_playlists()

        self._run(
            lambda: self.backend.save_row_as_playlist(name, self.backend.row(row.id) or row),
            saved,
            "Could not save the playlist",
        )

    def export_row(self, row: Row, path: str) -> None:
        """Write the whole mix (not only the cards the home shows) to ``path``."""
        self._run(
            lambda: self.backend.export_row(self.backend.row(row.id) or row, path),
            lambda r: self.c.message.emit(_exported(r)),
            "Could not export the mix",
        )

    # --- the queue -----------------------------------------------------------------------------------
    def ask_export_queue(self) -> None:
        if not self.player.queue.entries:
            self.problem("Nothing to export", "The queue is empty: add something to it first.")
            return
        path = ask_save_playlist(self.w, "Export the queue", "Queue")
        if path:
            self.export_queue(path)

    def export_queue(self, path: str) -> None:
        ids = [e.item_id for e in self.player.queue.entries]
        self._run(
            lambda: self.backend.export_items(ids, path, "Queue"),
            lambda r: self.c.message.emit(_exported(r, "the queue")),
            "Could not export the queue",
        )

    # --- saved playlists -----------------------------------------------------------------------------
    def open_playlist(self, pid: int) -> None:
        def got(result: tuple[Any, list[Any]]) -> None:
            info, entries = result
            if info is None:
                self.c.message.emit("That playlist is no longer there")
                self.reload_playlists()
                return
            self.w.library.playlists.show_playlist(info, entries)

        self._run(lambda: self.backend.playlist(pid), got, "Could not open the playlist")

    def play_playlist(self, pid: int, shuffle: bool, start: int) -> None:
        def got(result: tuple[Any, list[Any]]) -> None:
            info, entries = result
            ids = [e.item_id for e in entries if e.item_id is not None]
            if info is None or not ids:
                self.c.message.emit("Nothing in that playlist is in your library")
                return
            first = start
            if shuffle:
                random.shuffle(ids)
                first = 0
            self.c.play_chosen(
                lambda: self.player.play_items(
                    ids, start=min(first, len(ids) - 1), start_reason="user", context=f"playlist:{pid}"
                )
            )

        self._run(lambda: self.backend.playlist(pid), got, "Could not play the playlist")

    def export_playlist(self, pid: int, path: str) -> None:
        self._run(
            lambda: self.backend.export_playlist(pid, path),
            lambda r: self.c.message.emit(_exported(r)),
            "Could not export the playlist",
        )

    def rename_playlist(self, pid: int, name: str) -> None:
        def done(_ok: bool) -> None:
            self.c.message.emit(f"Renamed the playlist to “{name}”")
            self.reload_playlists()
            pane = self.w.library.playlists
            if pane.current is not None and pane.current.id == pid:
                self.open_playlist(pid)

        self._run(lambda: self.backend.rename_playlist(pid, name), done, "Could not rename the playlist")

    def delete_playlist(self, pid: int) -> None:
        def done(_ok: bool) -> None:
            self.c.message.emit("Deleted the playlist (your files and history are untouched)")
            pane = self.w.library.playlists
            if pane.current is not None and pane.current.id == pid:
                pane.show_list()
            self.reload_playlists()

        self._run(lambda: self.backend.delete_playlist(pid), done, "Could not delete the playlist")

    def remove_entries(self, pid: int, positions: list[int]) -> None:
        """Take entries out of a saved playlist, then show it again as stored."""

        def done(n: int) -> None:
            self.c.message.emit(f"Removed {n:,} entr{'y' if n == 1 else 'ies'} from the playlist")
            self._show_again(pid)

        self._run(
            lambda: self.backend.remove_playlist_entries(pid, positions),
            done,
            "Could not change the playlist",
        )

    def move_entry(self, pid: int, source: int, dest: int) -> None:
        self._run(
            lambda: self.backend.move_playlist_entry(pid, source, dest),
            lambda _ok: self._show_again(pid),
            "Could not change the playlist",
        )

    def _show_again(self, pid: int) -> None:
        """The open playlist (when it is ``pid``) and the list of playlists, as stored now."""
        pane = self.w.library.playlists
        if pane.current is not None and pane.current.id == pid:
            self.open_playlist(pid)
        self.reload_playlists()

    # --- bringing things in ------------------------------------------------------------------------------
    def import_history(self, paths: list[str] | None = None) -> ImportDialog:
        # a dialog: imported when first opened, not on the window's start
        from companion.ui.import_dialog import HISTORY

        return self._dialog(
            HISTORY, self.backend.import_history, self.backend.top_unmatched, self._history_done, paths
        )

    def import_playlists(self, paths: list[str] | None = None) -> ImportDialog:
        # a dialog: imported when first opened, not on the window's start
        from companion.ui.import_dialog import PLAYLISTS

        return self._dialog(PLAYLISTS, self.backend.import_playlists, None, self._playlists_done, paths)

    def _dialog(self, kind: Kind, steps, extra, done, paths) -> ImportDialog:
        # a dialog: imported when first opened, not on the window's start
        from companion.ui.import_dialog import ImportDialog

        if self.dialog is not None and self.dialog.isVisible() and self.dialog.kind is kind:
            self.dialog.raise_()
            self.dialog.activateWindow()
        else:
            if self.dialog is not None and self.dialog.isVisible() and not self.dialog.running():
                self.dialog.close()
            self.dialog = ImportDialog(kind, self.runner, steps, extra, self.w)
            self.dialog.imported.connect(done)
            self.dialog.open()
        if paths:
            self.dialog.add_files(list(paths))
        return self.dialog

    def _history_done(self, results: list[Any]) -> None:
        matched = sum(r.summary.matched for r in results if r.service != "unknown")
        self.c.message.emit(f"Imported listening history: {matched:,} entries matched your library")
        if matched or any(r.summary.rematched for r in results):
            self.c.refresh_home(fill=True)  # new history is taste: show the new home at once
            if self.w.current_page == "library" and self.w.library.view_name != "playlists":
                self.w.library.loadView.emit(self.w.library.view_name)  # play counts changed

    def _playlists_done(self, results: list[Any]) -> None:
        n = sum(1 for r in results if r.report is not None)
        self.c.message.emit(f"Imported {n:,} playlist{'s' if n != 1 else ''} (Library › Playlists)")
        self.reload_playlists()
        if n:
            self.c.schedule_home_refresh()  # playlists are a weak taste signal

    def add_to_playlist(self, item_ids: list[int]) -> None:
        """Ask which playlist (a saved one, or a new one named there) and add the items at its end."""
        # loaded on first use, not at the window's start
        from companion.ui.playlist_picker import PlaylistPicker

        ids = list(item_ids)

        def done(name: str, added: int, pid: int | None) -> None:
            self.c.message.emit(f"Added {added:,} item{'s' if added != 1 else ''} to “{name}”")
            if pid is not None:
                self._show_again(pid)  # the open playlist and the list show the new entries
            else:
                self.reload_playlists()

        def chosen(pid: int | None, name: str) -> None:
            if pid is None:
                self._run(
                    lambda: self.backend.save_items_as_playlist(name, ids),
                    lambda _p: done(name, len(ids), None),
                )
            else:
                self._run(
                    lambda: self.backend.add_to_playlist(pid, ids), lambda r: done(r[0] or name, r[1], pid)
                )

        def ask(playlists: list) -> None:
            picker = PlaylistPicker(self.w, playlists, len(ids))
            picker.chosen.connect(chosen)
            self.last_picker = picker
            picker.open()

        if ids:
            self._run(self.backend.playlists, ask)


def _exported(result: Any, what: str = "") -> str:
    """The line that says an export is done (``core.playlists.export.Exported``), with its note if any."""
    path, entries, note = result
    text = f"Exported {what + ' (' if what else ''}{entries:,} entries{')' if what else ''} to {path}"
    return f"{text}\n{note[0].upper()}{note[1:]}" if note else text
