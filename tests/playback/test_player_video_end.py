"""A video ends and stops (nothing else starts by itself); one cut short is a failure, never "completed"."""

from __future__ import annotations

from companion.core.media.synth import write_video
from tests.core.events.helpers import add_item
from tests.playback.conftest import stored


def test_nothing_starts_after_a_video(qtbot, player, store, make_video, make_track):
    film = make_video("film.mp4", seconds=2.0)
    after = [make_track("next.mp3", 2.0), make_video("other.mkv", seconds=2.0)]
    started: list[int] = []
    player.currentChanged.connect(lambda e: started.append(e.item_id) if e else None)
    ended: list[bool] = []
    player.queueEnded.connect(lambda: ended.append(True))  # what the auto-DJ's radio waits for
    with qtbot.waitSignal(player.eventRecorded, timeout=15_000) as sig:
        player.play_items([film, *after])
    assert sig.args == ["completed", film]
    qtbot.waitUntil(lambda: player.state() == "stopped", timeout=5_000)
    qtbot.wait(1500)
    assert started == [film], "the rows after the film were not played"
    assert player.current() is None and player.at_end() and not ended
    assert [(e["item_id"], e["type"]) for e in stored(player, store)] == [(film, "completed")]
    with qtbot.waitSignal(player.currentChanged, timeout=5_000) as sig:
        player.play()  # the person's Play goes on with the queue
    assert sig.args[0].item_id == after[0]
    player.stop()


def test_a_video_cut_short_is_damaged_not_completed(qtbot, player, store, tmp_path, make_track):
    whole = write_video(tmp_path / "whole.mkv", seconds=30.0, fps=12, size=(64, 36))
    cut = tmp_path / "Show - S01E01 - Cut.mkv"
    cut.write_bytes(whole.read_bytes()[: whole.stat().st_size // 10])  # a download that stopped early
    episode = add_item(store.conn(), cut, kind="video", duration=30.0)
    song = make_track("song.mp3", 2.0)
    messages: list[str] = []
    player.errorMessage.connect(messages.append)
    with qtbot.waitSignal(player.failed, timeout=60_000) as sig:
        player.play_items([episode, song])
    assert sig.args[0].item_id == episode
    assert len(messages) == 1 and messages[0].startswith("Show - S01E01 - Cut.mkv cannot be played: ")
    assert "damaged" in messages[0]
    assert player.flush()
    status = store.conn().execute("SELECT status FROM items WHERE id = ?", (episode,)).fetchone()[0]
    assert status == "unplayable"
    qtbot.wait(1000)
    assert player.current() is None, "nothing else starts after a video that failed"
    assert stored(player, store) == []  # neither completed nor a skip
