"""Spoken word in the window (issue 16, part 4): Library > Audiobooks & podcasts, the book's chapters to
jump to while it plays, and where it was left."""

from __future__ import annotations

from companion.core.media.mp4chapters import add_chapters
from companion.core.media.synth import music_like, speech_like, write_audio, write_tags


def test_an_audiobook_has_its_page_and_its_chapters(qtbot, profile, tmp_path):
    from companion.app import build

    books = tmp_path / "Books"
    m4a = write_audio(books / "Reader" / "The Book.m4a", speech_like(12.0))
    write_tags(m4a, {"title": "The Book", "artist": "A Reader", "album": "The Book"})
    book = m4a.rename(m4a.with_suffix(".m4b"))  # an .m4b is an audiobook
    add_chapters(book, [(0.0, "Opening"), (4.0, "The Middle"), (8.0, "Ending")])
    song = write_audio(books / "Band" / "Song.flac", music_like(4.0, bpm=120, root_hz=220))
    write_tags(song, {"title": "Song", "artist": "Band"})
    parts = build(profile, background=False)
    qtbot.addWidget(parts.window)
    w, c, player = parts.window, parts.controller, parts.player
    try:
        w.resize(1280, 820)
        w.show()
        with qtbot.waitSignal(c.scanFinished, timeout=60_000):
            c.scan([str(books)])
        w.show_page("library")
        w.library.show_view("spoken")
        model = w.library.model
        qtbot.waitUntil(lambda: model.rowCount() == 1 and "Left at" in model.columns(), timeout=20_000)
        assert model.index(0, 0).data() == "The Book" and w.library.count.text() == "1 title"
        tab = next(b for b in w.library.buttons.buttons() if b.property("view") == "spoken")
        assert tab.text().replace("&&", "&") == "Audiobooks & podcasts"
        with qtbot.waitSignal(player.currentChanged, timeout=10_000):
            w.library.play.emit([model.item_id(0)], 0)
        bar = w.now_playing
        qtbot.waitUntil(lambda: bar.chapters_button.isVisible(), timeout=10_000)
        titles = [a.text().split("  ", 1)[1] for a in bar.chapters_button.menu().actions()]
        assert titles == ["Opening", "The Middle", "Ending"]
        bar.chapters_button.menu().actions()[2].trigger()  # jump to "Ending"
        qtbot.waitUntil(lambda: player.position() >= 8.0, timeout=15_000)  # a seek on a busy machine
        w.show_page("library")
        w.grab().save(str(tmp_path / "spoken.png"))
        player.clear_queue()  # nothing plays: no chapters
        qtbot.waitUntil(lambda: not bar.chapters_button.isVisible(), timeout=5_000)
    finally:
        parts.close()
        w.close()
