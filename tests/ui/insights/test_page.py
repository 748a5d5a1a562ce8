"""The Insights page: labels that never overlap, a legend for every colour, and an empty state."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetrics

from companion.core.insights import Insights, TastePoint
from companion.ui.insights.bubbles import spread
from companion.ui.insights.charts import place_labels
from companion.ui.insights.page import InsightsPage


def _bubbles(points):
    return [(p, QPointF(200 + p.x * 150, 150 - p.y * 100), 6 + 18 * p.weight / 10) for p in points]


def test_labels_never_overlap_each_other_or_other_bubbles(qtbot):
    points = [
        TastePoint(0.0, 0.0, 10, 0, "Star Harbor"),
        TastePoint(0.03, 0.02, 8, 1, "Marisol Vega"),
        TastePoint(0.3, 0.0, 5, 0, "Glasshouse"),
        TastePoint(0.42, 0.05, 7, 2, "Luna Park Trio"),
        TastePoint(-0.6, -0.5, 2, 3, "Oak & Ember"),
    ]
    bubbles = spread(_bubbles(points), QRectF(30, 30, 540, 340))  # the map pushes bubbles apart first
    placed = place_labels(bubbles, QFontMetrics(QFont()), QRectF(0, 0, 600, 400))
    rects = [r for _p, r in placed]
    assert all(not a.intersects(b) for i, a in enumerate(rects) for b in rects[i + 1 :])
    assert placed[0][0].label == "Star Harbor", "the biggest bubble keeps its label"
    assert len(placed) >= 4


def test_an_empty_history_shows_how_insights_fill_in(qtbot):
    page = InsightsPage()
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    grid = tuple(tuple(0 for _ in range(24)) for _ in range(7))
    page.set_insights(Insights(grid, {}, {}, 0, 0))
    assert page.empty.isVisible() and "Nothing to show yet" in page.empty.text()
    assert not page.heatmap.isVisible() and not page.summary.isVisible()
    page.set_insights(Insights(grid, {}, {}, 3, 2, total_plays=5, hours=0.4))
    assert not page.empty.isVisible() and page.heatmap.isVisible() and "5 plays" in page.summary.text()


def test_imported_listening_shows_even_with_no_play_of_a_file(qtbot):
    from companion.core.insights import ImportedListening

    page = InsightsPage()
    qtbot.addWidget(page)
    page.show()
    grid = tuple(tuple(0 for _ in range(24)) for _ in range(7))
    imported = ImportedListening(
        plays=11622,
        matched=1,
        counted=9845,
        artists_learned=212,
        seconds=11622 * 210.0,
        top_artists=[("Agnes Obel", 371), ("Queens of the Stone Age", 277)],
    )
    page.set_insights(Insights(grid, {}, {}, 0, 0, imported=imported))
    assert not page.empty.isVisible() and page.imported.isVisible()
    text = page.imported.text()
    assert "11,622 plays · about 678 hours" in text
    assert "1 matched a file in your library (0%); 9,845 more are by 212 artists you have (85%)" in text
    assert "Most played: Agnes Obel (371), Queens of the Stone Age (277)" in text
    page.set_insights(Insights(grid, {}, {}, 0, 0))
    assert page.empty.isVisible() and not page.imported.isVisible()
