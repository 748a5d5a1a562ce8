"""The real Qt player (FFmpeg backend, no audio device) turning playback into events."""

from __future__ import annotations

import pytest

from companion.core.settings import update_setting
from tests.playback.conftest import stored, wait_position


def test_play_to_the_end_is_one_completed_play(qtbot, player, store, make_track):
    item = make_track("a.mp3", 2.0)
    player.set_playback_rate(2.0)
    with qtbot.waitSignal(player.eventRecorded, timeout=10_000) as sig:
        player.play_items([item], context="daily-1")
    assert sig.args == ["completed", item]
    (ev,) = stored(player, store)
    assert (ev["type"], ev["end_reason"], ev["start_reason"], ev["context"]) == (
        "completed",
        "ended",
        "user",
        "daily-1",
    )
    assert ev["position"] == pytest.approx(2.0, abs=0.1)
    assert store.conn().execute("SELECT COUNT(*) FROM playback_checkpoints").fetchone()[0] == 0
    qtbot.waitUntil(lambda: player.state() == "stopped")


def test_skip_after_two_seconds_keeps_the_position(qtbot, player, store, make_track):
    first, second = make_track("long.mp3", 5.0), make_track("next.flac", 2.0)
    player.set_playback_rate(2.0)  # 2 s of the track in 1 s
    player.play_items([first, second])
    wait_position(qtbot, player, 2.0)
    with qtbot.waitSignal(player.currentChanged) as sig:
        player.next()
    assert sig.args[0].item_id == second
    player.stop()
    (skip,) = stored(player, store)
    assert (skip["item_id"], skip["type"], skip["end_reason"]) == (first, "skip", "next")
    assert skip["position"] == pytest.approx(2.0, abs=0.4)


def test_pause_seek_and_resume_make_no_extra_play(qtbot, player, store, make_track):
    item = make_track("a.ogg", 3.0)
    player.set_playback_rate(2.0)
    player.play_items([item])
    wait_position(qtbot, player, 1.0)
    with qtbot.waitSignal(player.stateChanged):
        player.pause()
    qtbot.wait(300)
    player.seek(0.5)
    player.play()
    player.seek(2.0)
    player.seek(1.0)
    with qtbot.waitSignal(player.eventRecorded, timeout=10_000):
        pass
    events = stored(player, store)
    assert [e["type"] for e in events] == ["completed"]
    assert events[0]["item_id"] == item


def test_a_corrupt_or_missing_file_is_reported_marked_and_skipped(qtbot, player, store, make_track, tmp_path):
    from tests.core.events.helpers import add_item

    conn = store.conn()
    bad = tmp_path / "broken.mp3"
    bad.write_bytes(b"not audio at all" * 64)
    broken = add_item(conn, bad, duration=3.0)
    gone = add_item(conn, tmp_path / "gone.flac", duration=3.0)
    good = make_track("good.wav", 1.5)
    messages: list[str] = []
    player.errorMessage.connect(messages.append)
    with qtbot.waitSignal(player.eventRecorded, timeout=10_000) as sig:
        player.play_items([broken, gone, good])
    assert sig.args == ["completed", good]
    assert messages == [
        "broken.mp3 cannot be played: the file is damaged or its format is not supported",
        "gone.flac is missing: it was moved or deleted",
    ]
    player.flush()
    status = dict(conn.execute("SELECT id, status FROM items").fetchall())
    assert status == {broken: "unplayable", gone: "missing", good: "ok"}
    assert [(e["item_id"], e["start_reason"]) for e in stored(player, store)] == [(good, "queue")]


def test_a_queue_of_only_broken_files_stops_instead_of_looping(qtbot, player, store, tmp_path):
    from tests.core.events.helpers import add_item

    bad = tmp_path / "x.mp3"
    bad.write_bytes(b"\x00" * 100)
    item = add_item(store.conn(), bad)
    player.set_repeat("all")
    messages: list[str] = []
    player.errorMessage.connect(messages.append)
    player.play_items([item])
    qtbot.wait(500)
    assert len(messages) == 1 and player.current() is None


def test_private_session_records_nothing(qtbot, player, store, make_track):
    update_setting(store.conn(), "private_session", True)
    item = make_track("a.mp3", 1.5)
    player.play_items([item])
    qtbot.waitUntil(lambda: player.current() is None, timeout=10_000)
    assert stored(player, store) == []
    assert store.conn().execute("SELECT COUNT(*) FROM playback_checkpoints").fetchone()[0] == 0


def test_next_track_is_prepared_and_swapped_in(qtbot, player, store, make_track):
    a, b = make_track("a.mp3", 1.5), make_track("b.mp3", 1.5)
    player.set_playback_rate(2.0)
    player.play_items([a, b], start_reason="mix", context="mood-chill")
    qtbot.waitUntil(lambda: len(stored(player, store)) == 2, timeout=10_000)
    assert player._engine.swaps == 1
    assert [(e["item_id"], e["type"], e["start_reason"]) for e in stored(player, store)] == [
        (a, "completed", "mix"),
        (b, "completed", "mix"),
    ]


def test_the_next_track_is_opened_only_near_the_end(qtbot, player, store, make_track, monkeypatch):
    from companion.playback import engine_events

    monkeypatch.setattr(engine_events, "PREPARE_BEFORE_END_S", 0.0)  # never near enough: opened at the end
    a, b = make_track("a.mp3", 1.5), make_track("b.mp3", 1.5)
    player.set_playback_rate(2.0)
    player.play_items([a, b])
    qtbot.waitUntil(lambda: len(stored(player, store)) == 2, timeout=10_000)
    assert player._engine.swaps == 0
    assert [(e["item_id"], e["type"]) for e in stored(player, store)] == [(a, "completed"), (b, "completed")]


def test_replaygain_levels_the_output_volume(qtbot, player, store, make_track):
    loud = make_track("loud.mp3", 1.0, rg_track_gain=-6.0, rg_track_peak=0.9, rg_album_gain=-9.0)
    player.set_volume(0.8)
    player.play_items([loud])
    assert player.output_volume() == pytest.approx(0.8)  # off by default
    player.stop()
    update_setting(store.conn(), "replaygain", "album")
    player.play_items([loud])
    assert player.output_volume() == pytest.approx(0.8 * 10 ** (-9 / 20), rel=1e-3)
    player.stop()


def test_auto_dj_continues_when_the_queue_ends(qtbot, player, store, make_track):
    from companion.core.playqueue import entries_from_db
    from companion.playback.autodj import AutoDj
    from companion.ui.tasks import TaskRunner

    a, more = make_track("a.mp3", 1.0), make_track("radio.mp3", 1.0)
    asked = []

    def source(seeds):
        asked.append(seeds)
        return entries_from_db(store.conn(), [more])

    dj = AutoDj(player, source, TaskRunner())
    player.set_playback_rate(2.0)
    player.play_items([a])
    qtbot.waitUntil(lambda: len(stored(player, store)) == 1, timeout=10_000)
    assert asked == []  # off by default
    update_setting(store.conn(), "auto_dj", True)
    player.play_items([a])
    qtbot.waitUntil(lambda: len(stored(player, store)) >= 3, timeout=30_000)  # generous: a loaded CI machine
    player.stop()
    assert asked[0] == [a]  # seeded with what was playing
    assert [(e["item_id"], e["start_reason"]) for e in stored(player, store)[1:3]] == [
        (a, "user"),
        (more, "radio"),
    ]
    dj.close()


def test_play_after_the_end_continues_with_what_was_added(qtbot, player, store, make_track):
    from companion.core.playqueue import entries_from_db

    a, b = make_track("a.mp3", 1.0), make_track("b.mp3", 1.0)
    ended = []
    player.queueEnded.connect(lambda: ended.append(1))
    player.play_items([a])
    qtbot.waitUntil(lambda: bool(ended), timeout=10_000)
    assert player.at_end()
    player.enqueue(entries_from_db(store.conn(), [b]))
    with qtbot.waitSignal(player.currentChanged) as sig:
        player.play()
    assert sig.args[0].item_id == b
    player.stop()


def test_radio_source_gives_nothing_before_analysis(store, make_track):
    from companion.playback.autodj import radio_source

    a = make_track("a.mp3", 1.0)
    assert radio_source(store)([a]) == []


def test_a_file_that_opens_but_never_plays_does_not_hang_the_queue(
    qtbot, player, store, make_track, tmp_path
):
    from companion.core.media.synth import cover_jpeg
    from tests.core.events.helpers import add_item

    still = tmp_path / "still.mkv"
    still.write_bytes(cover_jpeg(size=64))  # FFmpeg opens it as an endless still picture
    stuck, good = add_item(store.conn(), still, kind="video", duration=None), make_track("good.mp3", 1.0)
    player.watchdog.stall_seconds = 1.0
    messages: list[str] = []
    player.errorMessage.connect(messages.append)
    with qtbot.waitSignal(player.failed, timeout=15_000):
        player.play_items([stuck, good])
    assert messages == [
        "still.mkv cannot be played: it stopped making progress for 1 s (damaged, or not audio or video)"
    ]
    # a video that fails stops there, as one that ends does (issue 16: nothing else starts by itself);
    # the queue is not stuck: Play goes on with it
    qtbot.waitUntil(lambda: player.at_end(), timeout=5_000)
    player.watchdog.stall_seconds = 8.0  # the good file's sound output may take over 1 s to open under load
    with qtbot.waitSignal(player.eventRecorded, timeout=15_000) as sig:
        player.play()
    assert sig.args == ["completed", good]


def test_repeat_one_plays_the_same_file_again_as_new_plays(qtbot, player, store, make_track):
    a, b = make_track("a.mp3", 1.0), make_track("b.mp3", 1.0)
    player.set_repeat("one")
    player.set_playback_rate(2.0)
    player.play_items([a, b])
    qtbot.waitUntil(lambda: len(stored(player, store)) >= 2, timeout=10_000)
    player.set_repeat("off")
    qtbot.waitUntil(lambda: player.at_end(), timeout=10_000)
    kinds = [(e["item_id"], e["type"]) for e in stored(player, store)]
    assert kinds[:2] == [(a, "completed"), (a, "completed")] and kinds[-1] == (b, "completed")
    assert len({e["session_id"] for e in stored(player, store)}) == len(kinds)  # one event per playback


def test_volume_and_mute(qtbot, player):
    changes = []
    player.volumeChanged.connect(lambda v, m: changes.append((round(v, 2), m)))
    player.set_volume(0.25)
    player.set_muted(True)
    player.set_volume(2.0)
    assert changes == [(0.25, False), (0.25, True), (1.0, True)]
    assert player.is_muted() and player.output_volume() == 1.0


@pytest.mark.parametrize("name", ["song.mka", "song.weba"])
def test_music_in_matroska_and_webm_plays_through_qt(qtbot, player, store, tmp_path, name):
    from companion.core.media.synth import tone, write_audio
    from tests.core.events.helpers import add_item

    path = write_audio(tmp_path / name, tone(1.5), metadata={"title": "Song"})
    item = add_item(store.conn(), path, duration=1.5)
    player.set_playback_rate(2.0)
    with qtbot.waitSignal(player.eventRecorded, timeout=15_000) as sig:
        player.play_items([item])
    assert sig.args == ["completed", item]
