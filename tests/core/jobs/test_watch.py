"""Watching the library folders: a change is scanned once it settles; off unless the setting says so."""

import threading
import time

from companion.core.jobs.watch import FolderWatcher, watching_enabled
from companion.core.library.folders import add_folder
from companion.core.library.queries import get_item_by_path
from companion.core.store import Store


def test_a_new_file_is_scanned_after_changes_settle(tmp_path, profile, make_audio):
    root = tmp_path / "music"
    root.mkdir()
    store = Store(profile)
    add_folder(store.conn(), root)
    done = threading.Event()
    summaries = []

    def scanned(summary):
        summaries.append(summary)
        done.set()

    watcher = FolderWatcher(store, profile, scanned, delay=0.2)
    try:
        assert watcher.start() == [str(root)]
        time.sleep(0.2)
        track = make_audio(tmp_path / "staging" / "new.ogg")
        track.rename(root / "new.ogg")
        assert done.wait(15), "no scan after a new file appeared"
        assert summaries[0].added == 1
        assert get_item_by_path(store.conn(), str(root / "new.ogg"))["kind"] == "music"
    finally:
        watcher.stop()
        store.close_all()
    assert watching_enabled(store.conn()) is False
    store.close_all()


def test_a_cue_sheet_change_is_a_change_to_scan():
    from companion.core.jobs.watch import _matters

    assert _matters("/m/Album/album.CUE") and _matters("/m/a.flac") and _matters("/v/b.mkv")
    assert not _matters("/m/cover.jpg") and not _matters("/m/notes.txt")
