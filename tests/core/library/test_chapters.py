"""Chapters from an .m4b (MP4 chapters) and an .mp3 (ID3 CHAP), made by the test."""

from __future__ import annotations

from companion.core.library.chapters import Chapter, read_chapters
from companion.core.media.mp4chapters import add_chapters
from companion.core.media.synth import speech_like, write_audio, write_tags


def test_m4b_chapters(tmp_path):
    m4a = write_audio(tmp_path / "Book.m4a", speech_like(9.0))  # the synth writes AAC in MP4 as .m4a
    write_tags(m4a, {"title": "The Book", "artist": "A Reader", "genre": "Audiobook"})
    book = m4a.rename(tmp_path / "Book.m4b")
    add_chapters(book, [(0.0, "Opening"), (3.0, "The Middle"), (6.5, "Ending")])
    assert read_chapters(book) == [
        Chapter(0.0, "Opening"),
        Chapter(3.0, "The Middle"),
        Chapter(6.5, "Ending"),
    ]
    import av

    with av.open(str(book)) as c:  # the file still plays: its samples did not move
        assert sum(f.samples for f in c.decode(audio=0)) > 8 * c.streams.audio[0].rate


def test_mp3_chapters(tmp_path):
    from mutagen.id3 import CHAP, ID3, TIT2

    episode = write_audio(tmp_path / "Episode.mp3", speech_like(6.0))
    tags = ID3(str(episode))
    tags.add(CHAP(element_id="c1", start_time=0, end_time=2000, sub_frames=[TIT2(text=["Intro"])]))
    tags.add(CHAP(element_id="c2", start_time=2000, end_time=6000, sub_frames=[TIT2(text=["Interview"])]))
    tags.save()
    assert read_chapters(episode) == [Chapter(0.0, "Intro"), Chapter(2.0, "Interview")]


def test_no_or_damaged_chapters_are_none(tmp_path):
    plain = write_audio(tmp_path / "plain.m4a", speech_like(2.0)).rename(tmp_path / "plain.m4b")
    assert read_chapters(plain) == []
    (tmp_path / "broken.m4b").write_bytes(b"not an mp4 at all")
    assert read_chapters(tmp_path / "broken.m4b") == []
