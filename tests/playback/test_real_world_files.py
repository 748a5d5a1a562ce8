"""Real-world odd and broken files from other projects' test suites never stall or crash the queue."""

from __future__ import annotations

import pytest

from tests.core.events.helpers import add_item

ODD_FILES = [
    "mutagen/emptyfile.mp3",
    "mutagen/empty.ogg",
    "mutagen/truncated-64bit.mp4",
    "mutagen/too-short.mp3",
    "mutagen/106-invalid-streaminfo.flac",
    "mutagen/bad-xing.mp3",
    "mutagen/sample.mid",
    "mutagen/image.jpg",
    "tinytag/invalid_file.flac",
    "tinytag/empty_file.wav",
    "tinytag/corrupt_metadata.ogg",
    "tinytag/invalid_file.m4a",
]


def test_a_queue_of_odd_files_ends_with_every_file_played_or_reported(
    qtbot, player, store, shared_data, make_track
):
    media = shared_data / "media"
    present = [media / name for name in ODD_FILES if (media / name).is_file()]
    if not present:
        pytest.skip("none of the odd files are present")
    conn = store.conn()
    ids = [add_item(conn, p, duration=None) for p in present] + [make_track("last.wav", 1.0)]
    messages: list[str] = []
    player.errorMessage.connect(messages.append)
    player.set_playback_rate(4.0)
    player.watchdog.stall_seconds = 3.0  # two files open but never play; a real sound output opens slowly
    ended = []
    player.queueEnded.connect(lambda: ended.append(1))
    player.play_items(ids)
    qtbot.waitUntil(lambda: bool(ended), timeout=60_000)
    assert player.flush()
    status = dict(conn.execute("SELECT id, status FROM items").fetchall())
    reported = {i for i in ids if status[i] != "ok"}
    assert len(messages) == len(reported)
    assert status[ids[-1]] == "ok"
    assert all(" cannot be played: " in m for m in messages)
    assert any("stopped making progress" in m for m in messages)
