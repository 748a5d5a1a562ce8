"""The taste map's layout (issue 16 polish): bubbles never overlap, nor do labels, nor a label and a bubble."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QFont, QFontMetrics

from companion.core.insights import TastePoint
from companion.ui.insights.bubbles import circle_hits, spread
from companion.ui.insights.charts import TasteMap
from tests.ui.helpers import save_shot

# artists that sound alike sit close: the demo's map, and three more on the very same spot
CROWD = [
    TastePoint(-0.05, 0.95, 9, 2, "Luna Park Trio"),
    TastePoint(0.0, 0.85, 8, 1, "Glasshouse"),
    TastePoint(0.1, 0.55, 9, 1, "Marisol Vega"),
    TastePoint(0.25, 0.6, 12, 1, "Oak & Ember"),
    TastePoint(0.38, 0.5, 14, 0, "Night Bus"),
    TastePoint(-0.7, 0.1, 3, 3, "Velvet Static"),
    TastePoint(-0.55, 0.05, 9, 3, "Kilowatt Kids"),
    TastePoint(0.6, 0.0, 16, 0, "Northern Lights"),
    TastePoint(0.6, 0.0, 4, 0, "Star Harbor"),
    TastePoint(0.6, 0.0, 4, 2, "Café Noir"),
    TastePoint(0.6, 0.01, 2, 1, "Ελληνικά"),
]


def _check(bubbles, labels) -> None:
    for i, (_p, a, ra) in enumerate(bubbles):
        for _q, b, rb in bubbles[i + 1 :]:
            assert math.hypot(a.x() - b.x(), a.y() - b.y()) >= ra + rb, "two bubbles overlap"
    rects = [r for _p, r in labels]
    for i, a in enumerate(rects):
        assert not any(a.intersects(b) for b in rects[i + 1 :]), "two labels overlap"
        assert not any(circle_hits(a, c, r) for _p, c, r in bubbles), "a label covers a bubble"


def test_the_map_lays_out_a_crowd_with_nothing_on_top_of_anything(qtbot):
    chart = TasteMap()
    qtbot.addWidget(chart)
    chart.resize(1006, 300)
    chart.set_data(tuple(CROWD), ("Ambient & Lo-Fi", "Folk & Latin Pop", "Jazz", "Electronic"))
    chart.show()
    qtbot.waitExposed(chart)
    bubbles, labels = chart.layout(QFontMetrics(QFont()))
    _check(bubbles, labels)
    assert len(labels) >= len(CROWD) - 2, [p.label for p, _ in labels]
    assert labels[0][0].label == "Northern Lights", "the biggest bubble keeps its label"
    save_shot(chart, "insights_taste_map_crowd")


def test_spread_keeps_bubbles_inside_and_apart():
    area = QRectF(0, 0, 200, 100)
    same = [(object(), QPointF(100, 50), 10.0) for _ in range(6)]
    out = spread(same, area)
    _check(out, [])
    assert all(area.contains(c) for _p, c, _r in out)
