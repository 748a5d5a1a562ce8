import pytest

from companion.core.errors import CompanionError
from companion.core.library.folders import add_folder, list_folders, remove_folder
from companion.core.library.queries import get_item, get_item_by_path, list_items, mark_unplayable


def test_item_helpers_and_unplayable_mark(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "m"
    a = make_audio(root / "Artist" / "Album" / "01 A.ogg")
    b = make_audio(root / "Artist" / "Album" / "02 B.ogg")
    scan_conn([root])
    item = get_item_by_path(db, str(a))
    assert get_item(db, item["id"])["path"] == str(a) and item["genres"] == []
    assert [i["title"] for i in list_items(db, "music")] == ["A", "B"]
    mark_unplayable(db, item["id"], "the decoder gave up")
    assert [i["title"] for i in list_items(db)] == ["B"]
    assert get_item(db, item["id"])["status_reason"] == "the decoder gave up"
    scan_conn()
    assert get_item(db, item["id"])["status"] == "unplayable"  # unchanged file: the mark stays
    make_audio(a)  # the file was replaced: read again, playable again
    import os
    import time

    os.utime(a, ns=(time.time_ns(), time.time_ns() + 3_000_000_000))
    scan_conn()
    assert get_item(db, item["id"])["status"] == "ok"
    with pytest.raises(CompanionError):
        mark_unplayable(db, 999_999, "x")
    with pytest.raises(CompanionError):
        list_items(db, "podcasts")
    assert get_item_by_path(db, str(b))["track_no"] == 2


def test_folders_are_remembered_and_removal_keeps_history(tmp_path, db, make_audio, scan_conn):
    root = tmp_path / "m"
    make_audio(root / "x.mp3")
    with pytest.raises(CompanionError, match="no such folder"):
        add_folder(db, tmp_path / "nope")
    with pytest.raises(CompanionError, match="not a folder"):
        add_folder(db, root / "x.mp3")
    scan_conn([root])
    assert [f.path for f in list_folders(db)] == [str(root)]
    assert remove_folder(db, str(root)) == 1
    assert list_folders(db) == [] and db.execute("SELECT status FROM items").fetchone()[0] == "missing"
    with pytest.raises(CompanionError):
        remove_folder(db, str(root))
    # added again: the same item is back, in the new folder, and vanishes properly later
    again = scan_conn([root])
    assert again.unchanged == 1 and db.execute("SELECT status FROM items").fetchone()[0] == "ok"
    (root / "x.mp3").unlink()
    assert scan_conn().removed == 1
