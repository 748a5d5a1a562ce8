"""The now-playing bar and what surrounds it: no length left over when nothing plays, styled tooltips,
and CJK titles drawn with glyphs rather than boxes (issue 16's polish)."""

from __future__ import annotations

from companion.core.playqueue import QueueEntry


def test_nothing_playing_shows_no_stale_length(qtbot, built):
    bar = built.window.now_playing
    bar.set_entry(QueueEntry(item_id=1, path="/x.flac", title="Long one", duration=754.0))
    assert bar.total.text() == "12:34"
    bar.set_entry(None)
    assert bar.title.text() == "Nothing playing"
    assert (bar.total.text(), bar.elapsed.text()) == ("0:00", "0:00")


def test_tooltips_are_styled_and_cjk_titles_have_glyphs(qtbot, built):
    from PySide6.QtGui import QFont, QFontDatabase, QFontMetrics
    from PySide6.QtWidgets import QApplication

    assert "QToolTip" in QApplication.instance().styleSheet()
    chinese = QFontDatabase.families(QFontDatabase.WritingSystem.SimplifiedChinese)
    japanese = QFontDatabase.families(QFontDatabase.WritingSystem.Japanese)
    assert chinese and japanese, "no font for CJK titles: scripts/setup installs fonts-wqy-zenhei"
    metrics = QFontMetrics(QFont(chinese[0]))
    assert all(metrics.inFontUcs4(ord(ch)) for ch in "東京の夜서울")
