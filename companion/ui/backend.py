"""The window's one door into the core: thin calls, each safe to run in a worker thread.

Every method opens (or reuses) its own thread's connection through ``Store``; the
UI never sees SQLite. Nothing here decides anything: scoring, rows, reasons,
ratings and settings are the core's.

With a ``TasteService`` (the window always has one), everything that needs the taste
engine's model (the home, a whole mix, search, insights) is computed in that child
process, so scikit-learn, the fitted model and the event log never live in the
window's interpreter; without one (tools, tests) the same calls run in process.
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import astuple, dataclass
from pathlib import Path
from typing import Any

from companion.core.errors import MediaError
from companion.core.events.record import EventType, record_event
from companion.core.events.resume import next_episode, resume_point
from companion.core.jobs.last_home import refit_coming
from companion.core.jobs.operations import badges
from companion.core.jobs.protocol import WorkerDied
from companion.core.library.folders import add_folder, list_folders, remove_folder
from companion.core.library.pathcodec import display, from_db
from companion.core.library.queries import count_items, get_item, get_item_by_path, list_failures
from companion.core.playqueue import entries_from_db
from companion.core.settings import Settings, load_settings, update_setting, with_value
from companion.core.store import Store
from companion.core.taste.rows import Row
from companion.ui.backend_taste import TasteCalls
from companion.ui.library_views import OPINION_VIEWS, Table


@dataclass(frozen=True)
class HomeData:
    rows: list[Row]
    played: frozenset[int]
    liked: dict[int, int]


def home_data(answer: tuple[list[Row], frozenset[int], dict[int, int]]) -> HomeData:
    return HomeData(*answer)


OPINION_TEXT = {1: "Liked", -1: "Disliked"}


class Backend(TasteCalls):
    def __init__(self, store: Store, worker: Any = None, settings: Settings | None = None) -> None:
        self.store = store
        self.profile = store.profile
        self.worker = worker  # companion.core.jobs.operations.TasteService, or None: compute in this process
        self._settings = settings  # read once (by the caller, or on first use), then kept here
        self._settings_lock = threading.Lock()  # one change stored at a time (each stores the whole object)

    def _conn(self) -> Any:
        """This thread's connection (never handed out: the window gets plain data)."""
        return self.store.conn()

    def _ask(self, op: str, *args: Any) -> tuple[bool, Any]:
        """(True, answer) from the taste worker; (False, None) when there is none, or it keeps dying and this
        window gives up on it (the call is then made in this process, as without a worker)."""
        if self.worker is None:
            return False, None

        try:
            return True, self.worker.call(op, *args)
        except WorkerDied:
            self.give_up_worker()
            return False, None

    def give_up_worker(self) -> None:
        """The taste worker cannot be kept running: close it and compute the taste engine's answers here."""

        worker, self.worker = self.worker, None
        if worker is not None:
            logging.getLogger(__name__).warning(
                "the taste worker keeps stopping: the home is built in the window"
            )
            worker.close()

    # --- home, rows, search ---------------------------------------------------------------
    def home(self) -> HomeData:
        """The taste engine's rows plus the facts cards show as badges (played before, liked)."""
        asked, answer = self._ask("home")
        if asked:
            return home_data(answer)
        from companion.core.taste.home import build_home  # not loaded at the window's start

        rows = build_home(self._conn(), self.profile)
        return HomeData(rows, *self.badges())

    def badges(self) -> tuple[frozenset[int], dict[int, int]]:

        return badges(self._conn())

    def row(self, row_id: str) -> Row | None:
        asked, answer = self._ask("row", row_id)
        if asked:
            return answer
        from companion.core.taste.home import get_row  # not loaded at the window's start

        return get_row(self._conn(), self.profile, row_id)

    def flow(self, start: str | None, end: str | None, minutes: float, via: tuple[str, ...] = ()) -> Row:
        """An arc from one feel to another (the Flow dialog): ``core/taste/flow_arcs.py``."""
        asked, answer = self._ask("flow", start, end, list(via), minutes)
        if asked:
            return answer
        from companion.core.taste.flow_arcs import flow  # not loaded at the window's start

        return flow(self._conn(), self.profile, start, end, via, minutes).row

    def flow_row(self, row: Row) -> Row:
        """The whole mix (not only the cards shown) in flow order: close tempo, neighbouring keys, even energy."""
        from companion.core.taste.flow_mixes import flow_row  # not loaded at the window's start

        return flow_row(self._conn(), self.row(row.id) or row)[0]

    def search(self, text: str, limit: int = 50) -> Any:
        asked, answer = self._ask("search", text, limit)
        if asked:
            return answer
        from companion.core.taste.search import search  # not loaded at the window's start

        return search(self._conn(), self.profile, text, limit)

    def record_row_start(self, row_id: str, item_id: int) -> None:
        """The person started a home row from the window or the tray (nothing is kept during a private
        session); its start reason is the one the player gives the items it plays from a row."""

        if not self.settings().private_session:
            record_event(self._conn(), item_id, EventType.ROW_START, context=row_id, start_reason="mix")

    def refresh_after_event(self, event_id: int) -> None:
        from companion.core.taste.home import refresh_after_event  # not loaded at the window's start

        refresh_after_event(self._conn(), self.profile, event_id)

    # --- opinions -------------------------------------------------------------------------
    def set_liked(self, item_id: int, liked: int) -> Any:
        from companion.core.events.ratings import set_liked  # not loaded at the window's start

        return set_liked(self._conn(), item_id, liked)

    def set_stars(self, item_id: int, stars: float | None) -> Any:
        from companion.core.events.ratings import set_stars  # not loaded at the window's start

        state = set_stars(self._conn(), item_id, stars)
        if self.settings().write_ratings_to_files:
            self._write_rating_to_file(item_id, stars)
        return state

    def rating(self, item_id: int) -> Any:
        from companion.core.events.ratings import rating_state  # not loaded at the window's start

        return rating_state(self._conn(), item_id)

    def _write_rating_to_file(self, item_id: int, stars: float | None) -> None:
        """The stars into the file's tags; where that cannot be (a format without ratings, a CUE sheet's
        track, whose file holds the whole album), the rating stays in the database and the log says why."""

        from companion.core.events.writeback import write_item_rating  # not loaded at the window's start

        warning = write_item_rating(self._conn(), item_id, stars)
        if warning:
            logging.getLogger(__name__).info("rating saved, but not in the file: %s", warning)

    # --- settings -------------------------------------------------------------------------
    def settings(self) -> Settings:
        """The settings as this process knows them: read from the database once, then kept up to date by
        ``update_setting`` (safe from any thread: the object is immutable and replaced whole)."""
        if self._settings is None:
            self._settings = load_settings(self._conn())
        return self._settings

    def update_setting(self, name: str, value: Any) -> Settings:
        """Change one setting: in effect at once for every reader of ``settings()`` (the recorder, the
        tray), then stored; UsageError for a bad name or value, and the old value is back when storing fails."""

        with self._settings_lock:
            before = self.settings()
            self._settings = with_value(before, name, value)
            try:
                self._settings = update_setting(self._conn(), name, value)
            except BaseException:
                self._settings = before
                raise
            return self._settings

    # --- library --------------------------------------------------------------------------
    def counts(self) -> dict[str, int]:

        conn = self._conn()
        return {"music": int(count_items(conn, "music")), "video": int(count_items(conn, "video"))}

    # --- playlists --------------------------------------------------------------------------
    def export_row(self, row: Row, path: str) -> Any:
        """Write a mix to a playlist file: ``Exported`` (path, entries, a note worth saying)."""
        from companion.core.playlists.export import export_row  # not loaded at the window's start

        return export_row(row, path, conn=self._conn())

    def save_row_as_playlist(self, name: str, row: Row) -> int:
        """Keep a mix as a playlist in the library."""
        return self.save_items_as_playlist(name, [i.item_id for i in row.items])

    def save_items_as_playlist(self, name: str, item_ids: list[int]) -> int:
        """A playlist of library items (its entries are matched already: they are the items themselves)."""
        # loaded on first use, not at the window's start
        from companion.core.playlists.match import Match
        from companion.core.playlists.model import Entry
        from companion.core.playlists.repo import save_playlist

        matches = [
            Match(
                Entry(i["path"], i.get("title"), i.get("artist"), i.get("album"), i.get("duration")),
                int(i["id"]),
                "path",
            )
            for i in self.items(item_ids)
        ]
        return save_playlist(self._conn(), name, "companion", None, matches)

    def table(self, view: str) -> Table:
        """One of the library's tables (``companion.core.library.view.TABLE_VIEWS``), the spoken word, or the
        saved playlists; the tracks and movies get an "Opinion" column."""
        # loaded on first use, not at the window's start
        from companion.core.library.table_extras import SPOKEN_COLUMNS, opinions, spoken_rows

        if view == "spoken":
            return Table(SPOKEN_COLUMNS, spoken_rows(self._conn()))
        if view == "playlists":  # PlaylistInfo fields as tuples
            from companion.core.playlists.repo import list_playlists  # not loaded at the window's start

            return Table(
                ("id", "Name", "Format", "Source", "Entries", "Matched", "Updated"),
                [astuple(p) for p in list_playlists(self._conn())],
            )
        from companion.core.library.view import library_table  # not loaded at the window's start

        table = Table(*library_table(self._conn(), view))
        if view not in OPINION_VIEWS:
            return table
        said = opinions(self._conn())  # "Liked" / "Disliked", found by the filter ("disliked")
        rows = [(*r, OPINION_TEXT.get(said.get(int(r[0]), 0), "")) for r in table.rows]
        return Table((*table.columns, "Opinion"), rows)

    def queue_entries(
        self, item_ids: list[int], *, start_reason: str = "user", context: str | None = None
    ) -> list[Any]:
        """Play-queue entries for these items, in order (an item with a resume point starts there)."""

        return entries_from_db(self._conn(), item_ids, start_reason=start_reason, context=context)

    def item(self, item_id: int) -> dict[str, Any] | None:

        return get_item(self._conn(), item_id)

    def item_ids_for_paths(self, paths: list[str]) -> list[int]:

        found = [get_item_by_path(self._conn(), p) for p in paths]
        return [int(f["id"]) for f in found if f is not None]

    def open_paths(self, paths: list[str]) -> tuple[list[int], list[str]]:
        """Items for files handed to ``--open`` (files outside the library folders are read into it),
        and one plain line for each path that cannot be played."""
        from companion.core.library.adopt import adopt_file  # not loaded at the window's start

        ids, problems = [], []
        for path in paths:
            if not Path(path).exists():
                problems.append(f"{path}: no such file")
                continue
            if Path(path).is_dir():
                problems.append(f"{path}: a folder, not a media file (add it in Settings)")
                continue
            try:
                ids.append(adopt_file(self._conn(), str(self.profile.covers_dir), path))
            except MediaError as e:
                problems.append(f"{path}: {e}")
        return ids, problems

    def scan_failures(self) -> list[dict[str, Any]]:
        """Files the scanner could not read, each with its reason."""

        return list_failures(self._conn())

    def resume_position(self, item_id: int) -> float | None:

        point = resume_point(self._conn(), item_id)
        return point.position if point is not None else None

    def next_episode(self, item_id: int) -> dict[str, Any] | None:

        found = next_episode(self._conn(), item_id)
        return self.item(found) if found is not None else None

    def items(self, item_ids: list[int]) -> list[dict[str, Any]]:
        out = []
        for item_id in item_ids:
            found = self.item(item_id)
            if found is not None:
                out.append(found)
        return out

    def refit_coming(self) -> bool:
        """Will the next home need a new fit of the taste model (then the last home is worth painting)?"""

        return refit_coming(self._conn(), self.profile.model_dir)

    def database_check(self) -> str:
        """SQLite's quick integrity check of the profile's database: "ok", or what is wrong."""
        return self.store.quick_check()

    def folders(self) -> list[tuple[int, str, str]]:

        return [(f.id, display(from_db(f.path)), f.status) for f in list_folders(self._conn())]

    def add_folder(self, path: str) -> None:

        self._own_folders_arrive([path])
        add_folder(self._conn(), path)

    def _own_folders_arrive(self, folders: list[str]) -> None:
        """The person's own folders take the place of a demo tried on this profile (made-up plays and all)."""
        from companion.core.demo import own_folders_arrive  # not loaded at the window's start

        own_folders_arrive(self._conn(), self.profile, folders)

    def remove_folder(self, folder_id: int) -> None:

        remove_folder(self._conn(), folder_id)

    def scan(self, folders: list[str] | None = None, cancel: Any = None) -> Iterator[Any]:
        """The library scanner's progress (every library folder when ``folders`` is None), run in a child process."""
        from companion.core.jobs.runner import scan_in_process  # not loaded at the window's start

        if folders:
            self._own_folders_arrive(list(folders))
        yield from scan_in_process(self.profile, folders, cancel)

    def versions(self, item_id: int) -> list:
        """The files of the recording ``item_id`` belongs to (core.library.versions.Version), best first."""
        from companion.core.library.versions import versions  # not loaded at the window's start

        return versions(self._conn(), item_id)

    def file_path(self, item_id: int) -> str | None:
        found = self.item(item_id)
        return str(found["path"]) if found else None

    def radio(self, seed_ids: list[int], n: int, exclude: list[int]) -> list[int]:
        """The auto-DJ's next items by sound, from the taste worker (else chosen here)."""
        asked, answer = self._ask("radio", list(seed_ids), n, list(exclude))
        if asked:
            return answer
        from companion.core.taste.radio import next_radio_items  # not loaded at the window's start

        return next_radio_items(self._conn(), seed_ids, n, exclude=exclude)

    # --- insights, demo, privacy ------------------------------------------------------------
    def insights(self) -> Any:
        asked, answer = self._ask("insights")
        if asked:
            return answer
        from companion.core import insights  # not loaded at the window's start

        return insights.compute(self._conn(), time.time())

    def plan_demo(self) -> Any:
        from companion.core.demo import plan_demo  # not loaded at the window's start

        return plan_demo(self._conn(), self.profile)

    def ensure_demo(self, progress=None, cancel=None) -> Any:
        from companion.core.demo import ensure_demo  # not loaded at the window's start

        return ensure_demo(self._conn(), self.profile, progress, cancel)

    def export_data(self, target: str) -> dict[str, int]:
        from companion.core.privacy.export import export_all  # not loaded at the window's start

        return export_all(self._conn(), self.profile, Path(target))

    def erase_history(self) -> dict[str, int]:
        from companion.core.privacy.erase import erase_history  # not loaded at the window's start

        return erase_history(self._conn(), self.profile)

    def storage_statement(self) -> str:
        try:
            from companion.core.privacy import storage_statement  # type: ignore[attr-defined]
        except ImportError:
            storage_statement = None
        if storage_statement is not None:
            return str(storage_statement(self.profile))
        p = self.profile
        return (
            f"Your library, listening history, ratings and settings: {p.db_path}\n"
            f"Daily backups of that file: {p.backup_dir}\n"
            f"Covers, thumbnails and the taste model (rebuildable caches): {p.cache_dir}\n"
            "Your media files are only read, never changed, unless you turn on writing ratings into files.\n"
            "Nothing is ever sent over the network."
        )

    # --- bringing history and playlists in, saved playlists, exports (the window's lists) -----
    def import_history(self, paths: list[str], netflix_profile: str | None = None) -> Iterator[Any]:
        """``ImportProgress`` steps of importing history files, run in a child process (close the generator
        to stop it between two steps)."""
        from companion.core.jobs.runner import import_in_process  # not loaded at the window's start

        yield from import_in_process(self.profile, paths, netflix_profile)

    def top_unmatched(self, limit: int = 5) -> list[dict[str, Any]]:
        from companion.core.importers.store import top_unmatched  # not loaded at the window's start

        return top_unmatched(self._conn(), limit)

    def import_playlists(self, paths: list[str]) -> Iterator[Any]:
        """``PlaylistImportStep`` per playlist file: its report, or why it is not a playlist."""
        from companion.core.playlists.imports import iter_import_playlists  # not loaded at the window's start

        yield from iter_import_playlists(self._conn(), list(paths), known_extensions_only=True)

    def playlists(self) -> list[Any]:
        from companion.core.playlists.repo import list_playlists  # not loaded at the window's start

        return list_playlists(self._conn())

    def playlist(self, playlist_id: int) -> tuple[Any, list[Any]]:
        """A saved playlist (None when gone) and its entries in order."""
        # loaded on first use, not at the window's start
        from companion.core.playlists.repo import get_playlist, playlist_entries

        return get_playlist(self._conn(), playlist_id), playlist_entries(self._conn(), playlist_id)

    def rename_playlist(self, playlist_id: int, name: str) -> bool:
        from companion.core.playlists.repo import rename_playlist  # not loaded at the window's start

        return rename_playlist(self._conn(), playlist_id, name)

    def delete_playlist(self, playlist_id: int) -> bool:
        """Forget the playlist; files and listening history stay as they are."""
        from companion.core.playlists.repo import delete_playlist  # not loaded at the window's start

        return delete_playlist(self._conn(), playlist_id)

    def export_playlist(self, playlist_id: int, path: str) -> Any:
        from companion.core.playlists.export import export_playlist  # not loaded at the window's start

        return export_playlist(self._conn(), playlist_id, path)

    def export_items(self, item_ids: list[int], path: str, title: str | None = None) -> Any:
        """Write these items (the queue) to a playlist file; the format follows the extension."""
        from companion.core.playlists.export import export_items  # not loaded at the window's start

        return export_items(self._conn(), item_ids, path, title=title)

    def row_drag_file(self, row: Row) -> str:
        """A mix written as an .m3u8 under the cache folder, to be dragged out of the window (the database
        only for a mix with tracks of a CUE sheet: where each lies in its album file)."""
        # loaded on first use, not at the window's start
        from companion.core.playlists.export import drag_file, row_has_cue_tracks, tracks_for_row

        tracks = tracks_for_row(row, self._conn() if row_has_cue_tracks(row) else None)
        return str(drag_file(self.profile.cache_dir / "drag", row.title, tracks))

    # --- editing saved playlists (QA session 2, B2) ----------------------------------------------------
    def add_to_playlist(self, playlist_id: int, item_ids: list[int]) -> tuple[str, int]:
        """Append library items to a saved playlist; its name and how many were added."""
        # loaded on first use, not at the window's start
        from companion.core.playlists.edit import append_items
        from companion.core.playlists.repo import get_playlist

        added = append_items(self._conn(), playlist_id, item_ids)
        info = get_playlist(self._conn(), playlist_id)
        return (info.name if info else ""), added

    def remove_playlist_entries(self, playlist_id: int, positions: list[int]) -> int:
        from companion.core.playlists.edit import remove_entries  # not loaded at the window's start

        return remove_entries(self._conn(), playlist_id, positions)

    def move_playlist_entry(self, playlist_id: int, source: int, dest: int) -> bool:
        from companion.core.playlists.edit import move_entry  # not loaded at the window's start

        return move_entry(self._conn(), playlist_id, source, dest)
