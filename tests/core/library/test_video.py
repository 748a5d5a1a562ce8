"""Video read by the scan: its facts, episode and movie names, a thumbnail that is not black, and damaged
files refused with a plain sentence."""

from __future__ import annotations

import io

import av
import numpy as np

from companion.core.library.covers import cover_path
from companion.core.library.queries import get_item_by_path


def _luma(path) -> float:
    with av.open(io.BytesIO(path.read_bytes()), format="jpeg_pipe") as c:
        frame = next(c.decode(video=0))
    return float(np.mean(frame.to_ndarray(format="gray")))


def test_video_facts_names_and_a_thumbnail_that_is_not_black(tmp_path, db, profile, make_video, scan_conn):
    root = tmp_path / "videos"
    ep = make_video(root / "Night Shift" / "Season 02" / "Night Shift S02E05.mkv", black_frames=6)
    movie = make_video(root / "Blue Planet (1999).mp4")
    webm = make_video(root / "clip.webm")
    s = scan_conn([root])
    assert s.added == 3 and not s.failed
    e = get_item_by_path(db, str(ep))
    assert (e["kind"], e["video_type"], e["show"], e["season"], e["episode"]) == (
        "video",
        "episode",
        "Night Shift",
        2,
        5,
    )
    assert (e["width"], e["height"], e["video_codec"]) == (64, 48, "h264") and 0.8 < e["duration"] < 1.3
    m = get_item_by_path(db, str(movie))
    assert (m["video_type"], m["title"], m["year"]) == ("movie", "Blue Planet", 1999)
    assert get_item_by_path(db, str(webm))["video_codec"] == "vp8"
    thumb = cover_path(profile, e["cover_key"])
    assert thumb is not None and _luma(thumb) > 30


def test_audio_only_mp4_is_music(tmp_path, db, make_audio, scan_conn):
    track = make_audio(tmp_path / "music" / "song.m4a")
    as_mp4 = tmp_path / "music" / "song.mp4"
    track.rename(as_mp4)
    synth_tags = {"title": "Only Sound", "artist": "Voice"}
    import mutagen

    f = mutagen.File(as_mp4, easy=True)
    f.update({k: [v] for k, v in synth_tags.items()})
    f.save()
    scan_conn([tmp_path / "music"])
    item = get_item_by_path(db, str(as_mp4))
    assert (item["kind"], item["title"], item["artist"]) == ("music", "Only Sound", "Voice")


def test_broken_video_is_a_failure(tmp_path, scan_conn):
    root = tmp_path / "v"
    root.mkdir()
    (root / "broken.mkv").write_bytes(b"\x1aE\xdf\xa3" + b"\x00" * 300)
    s = scan_conn([root])
    assert s.added == 0 and len(s.failed) == 1 and s.failed[0]["error"]


def test_a_truncated_video_fails_with_a_plain_sentence(db, profile, tmp_path):
    from companion.core.jobs.scan import run_scan
    from companion.core.media.synth import write_video

    videos = tmp_path / "videos"
    whole = write_video(videos / "whole.mp4", seconds=1.0, size=(64, 36)).read_bytes()
    (videos / "whole.mp4").unlink()
    (videos / "cut.mp4").write_bytes(whole[: len(whole) // 3])
    (videos / "cut.mkv").write_bytes(b"\x1a\x45\xdf\xa3" + whole[4:200])
    summary = run_scan(db, profile, [str(videos)])
    reasons = {f["path"].rsplit("/", 1)[1]: f["error"] for f in summary.failed}
    assert reasons == dict.fromkeys(
        ("cut.mp4", "cut.mkv"), "not a video file Companion can open: it is damaged or cut short"
    )
