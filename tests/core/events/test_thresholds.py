import pytest

from companion.core.events.session import Playback
from companion.core.events.thresholds import (
    COMPLETED_FRACTION,
    PLAY_MIN_SECONDS,
    classify,
    keeps_resume_point,
    play_threshold,
)


def test_play_threshold_is_30_seconds_or_half_whichever_is_shorter():
    assert play_threshold(300) == PLAY_MIN_SECONDS
    assert play_threshold(40) == 20
    assert play_threshold(None) == PLAY_MIN_SECONDS
    assert play_threshold(0) == PLAY_MIN_SECONDS


@pytest.mark.parametrize(
    ("listened", "position", "duration", "end", "expected"),
    [
        (5, 5, 200, "next", "skip"),  # moved on early
        (29, 29, 200, "previous", "skip"),
        (31, 31, 200, "next", "play"),  # past 30 s
        (31, 31, 200, "stop", "play"),
        (5, 5, 200, "stop", None),  # stopped early: left, not rejected
        (5, 5, 200, "closed", None),
        (2, 2, 4, "ended", "completed"),  # short track: half is the threshold
        (1, 4, 4, "ended", "skip"),  # seeked to the end and let it end: not listened
        (100, COMPLETED_FRACTION * 200, 200, "next", "completed"),
        (100, 170, 200, "next", "play"),
        (150, 150, 200, "error", None),
    ],
)
def test_classify(listened, position, duration, end, expected):
    assert classify(listened, position, duration, end) == expected


def test_unknown_end_reason_is_refused():
    with pytest.raises(ValueError):
        classify(1, 1, 10, "bored")


def test_resume_points_ignore_first_minute_and_last_percent():
    assert not keeps_resume_point("video", 59, 3600)
    assert keeps_resume_point("video", 61, 3600)
    assert keeps_resume_point("video", 0.94 * 3600, 3600)
    assert not keeps_resume_point("video", 0.96 * 3600, 3600)
    assert not keeps_resume_point("music", 100, 240)  # a song starts from the top
    assert keeps_resume_point("music", 600, 3600)  # an audiobook does not
    assert not keeps_resume_point("video", 100, None)


def test_seeks_and_pauses_do_not_count_as_listening():
    pb = Playback(item_id=1, duration=200)
    for t in range(0, 11):
        pb.progress(float(t))  # 10 s listened
    pb.seek(150.0)  # jump forward: not listening
    pb.progress(150.5)
    pb.progress(180.0)  # an unexpected jump is not listening either
    assert pb.listened == pytest.approx(10.5)
    assert pb.finish("next") == "skip"
    assert pb.finish("next") is None  # only once


def test_seek_back_and_replay_counts_the_listening_again():
    pb = Playback(item_id=1, duration=40)
    for t in range(0, 15):
        pb.progress(float(t))
    pb.seek(0.0)
    for t in range(0, 8):
        pb.progress(float(t))
    assert pb.listened == pytest.approx(21)
    assert pb.finish("stop") == "play"


def test_unknown_start_reason_is_refused():
    with pytest.raises(ValueError):
        Playback(item_id=1, start_reason="magic")


def test_a_resumed_video_watched_to_its_end_is_completed_not_skipped():
    pb = Playback(item_id=1, kind="video", duration=600, start_reason="resume")
    pb.seek(590.0)  # the resume seek, before anything played
    for pos in range(591, 601):
        pb.progress(float(pos))
    assert pb.listened == pytest.approx(10.0)
    assert pb.finish("ended") == "completed"


def test_seeking_to_the_end_is_still_a_skip():
    pb = Playback(item_id=1, duration=200)
    pb.progress(1.0)
    pb.progress(2.0)
    pb.seek(199.0)  # jumped past everything
    pb.progress(200.0)
    assert pb.finish("ended") == "skip"
