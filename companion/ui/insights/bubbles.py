"""The taste map's layout: bubbles pushed apart until none overlaps, and a label beside each where it covers
no other label and no bubble (issue 16: artists that sound alike sat on top of each other, names across
bubbles)."""

from __future__ import annotations

import math

from PySide6.QtCore import QPointF, QRectF

GAP = 3.0  # px between two bubbles
ROUNDS = 80  # pushes; a few dozen settle any map of the artists Insights shows


def spread(bubbles: list, area: QRectF, gap: float = GAP, rounds: int = ROUNDS) -> list:
    """(point, centre, radius) bubbles with their centres moved so that no two overlap (each pair pushed
    apart half each, the centres kept inside ``area``); the order is kept."""
    centres = [QPointF(c) for _p, c, _r in bubbles]
    radii = [r for _p, _c, r in bubbles]
    for _ in range(rounds):
        moved = False
        for i in range(len(centres)):
            for j in range(i + 1, len(centres)):
                a, b = centres[i], centres[j]
                dx, dy = b.x() - a.x(), b.y() - a.y()
                dist = math.hypot(dx, dy)
                need = radii[i] + radii[j] + gap
                if dist >= need:
                    continue
                if dist < 1e-6:  # the same spot: apart along a direction that differs per pair
                    angle = (i * 7 + j * 13) % 360 * math.pi / 180
                    dx, dy, dist = math.cos(angle), math.sin(angle), 1.0
                push = (need - dist) / 2 + 0.01
                ux, uy = dx / dist, dy / dist
                centres[i] = _inside(QPointF(a.x() - ux * push, a.y() - uy * push), area)
                centres[j] = _inside(QPointF(b.x() + ux * push, b.y() + uy * push), area)
                moved = True
        if not moved:
            break
    return [(p, c, r) for (p, _c, r), c in zip(bubbles, centres, strict=True)]


def _inside(c: QPointF, area: QRectF) -> QPointF:
    return QPointF(min(max(c.x(), area.left()), area.right()), min(max(c.y(), area.top()), area.bottom()))


def place_labels(bubbles: list, metrics, bounds: QRectF) -> list[tuple]:
    """Label rectangles for (point, centre, radius) bubbles, biggest first: below, above, right, left of the
    bubble, then at its corners, wherever the label overlaps no other label and no bubble; a label with no
    free place is left out (the biggest bubbles keep theirs)."""
    placed: list[QRectF] = []
    out = []
    for pt, centre, r in bubbles:
        w, h = metrics.horizontalAdvance(pt.label) + 6, metrics.height() + 2
        for rect in _spots(centre, r, w, h):
            if not bounds.contains(rect) or any(rect.intersects(o) for o in placed):
                continue
            if any(circle_hits(rect, c2, r2) for _other, c2, r2 in bubbles):
                continue
            placed.append(rect)
            out.append((pt, rect))
            break
    return out


def _spots(centre: QPointF, r: float, w: float, h: float) -> list[QRectF]:
    x, y = centre.x(), centre.y()
    d = r * 0.71 + 2  # a corner of the bubble's square, just off the circle
    return [
        QRectF(x - w / 2, y + r + 2, w, h),
        QRectF(x - w / 2, y - r - 2 - h, w, h),
        QRectF(x + r + 3, y - h / 2, w, h),
        QRectF(x - r - 3 - w, y - h / 2, w, h),
        QRectF(x + d, y + d, w, h),
        QRectF(x + d, y - d - h, w, h),
        QRectF(x - d - w, y + d, w, h),
        QRectF(x - d - w, y - d - h, w, h),
    ]


def circle_hits(rect: QRectF, centre: QPointF, r: float) -> bool:
    """Whether ``rect`` covers any of the circle (a pixel of slack for antialiasing)."""
    nx = min(max(centre.x(), rect.left()), rect.right())
    ny = min(max(centre.y(), rect.top()), rect.bottom())
    return (nx - centre.x()) ** 2 + (ny - centre.y()) ** 2 < (r + 1) ** 2
