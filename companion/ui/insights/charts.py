"""Small painted charts: the hour x weekday heat map, day-part bars, the taste map, familiar vs new."""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, QSize, Qt
from PySide6.QtGui import QColor, QFont, QPainter, QPaintEvent, QPen
from PySide6.QtWidgets import QSizePolicy, QWidget

from companion.core.insights import DAY_PARTS, TastePoint
from companion.ui import theme
from companion.ui.insights.bubbles import place_labels, spread

WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
CLUSTER_COLORS = ("#8b6cff", "#39c6b0", "#f2a65a", "#ef6f8e", "#5aa9f2", "#c7d36f")
LEGEND_W = 190  # the taste map's legend, right of the bubbles
NEW_COLOR = "#39c6b0"  # first plays (teal) beside the accent of familiar ones


def _font(painter: QPainter, size: float, bold: bool = False) -> None:
    f = QFont(painter.font())
    f.setPointSizeF(size)
    f.setBold(bold)
    painter.setFont(f)


class Chart(QWidget):
    def __init__(self, min_height: int, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(min_height)
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self._h = min_height

    def sizeHint(self) -> QSize:
        return QSize(600, self._h)


class HeatMap(Chart):
    """Plays by hour (columns) and weekday (rows), darker = more."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(220, parent)
        self.grid: tuple[tuple[int, ...], ...] = tuple((0,) * 24 for _ in range(7))
        self.setAccessibleName("Listening by hour and weekday")

    def set_data(self, grid: tuple[tuple[int, ...], ...]) -> None:
        self.grid = grid
        busiest = max(((v, d, h) for d, row in enumerate(grid) for h, v in enumerate(row)), default=(0, 0, 0))
        if busiest[0]:
            self.setAccessibleDescription(f"Most listening on {WEEKDAYS[busiest[1]]} around {busiest[2]}:00")
        self.update()

    def paintEvent(self, e: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        left, top, bottom = 44, 6, 22
        cols, rows = 24, 7
        cw = (self.width() - left - 4) / cols
        ch = (self.height() - top - bottom) / rows
        peak = max((max(r) for r in self.grid), default=0) or 1
        accent = QColor(c.accent)
        _font(p, 8)
        for d in range(rows):
            p.setPen(QColor(c.muted))
            p.drawText(
                QRectF(0, top + d * ch, left - 8, ch),
                Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter,
                WEEKDAYS[d],
            )
            for h in range(cols):
                v = self.grid[d][h]
                cell = QRectF(left + h * cw + 1.5, top + d * ch + 1.5, cw - 3, ch - 3)
                if v:
                    col = QColor(accent)
                    col.setAlphaF(0.18 + 0.82 * (v / peak) ** 0.7)
                else:
                    col = QColor(c.raised)
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(col)
                p.drawRoundedRect(cell, 3, 3)
        p.setPen(QColor(c.muted))
        for h in range(0, 24, 3):
            p.drawText(
                QRectF(left + h * cw, self.height() - bottom + 4, cw * 3, bottom - 4),
                Qt.AlignmentFlag.AlignLeft,
                f"{h:02d}h",
            )


class DayParts(Chart):
    """Four columns, morning to night: the top artists as bars and the top genres underneath."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(230, parent)
        self.artists: dict[str, list[tuple[str, int]]] = {}
        self.genres: dict[str, list[tuple[str, int]]] = {}
        self.setAccessibleName("Top artists and genres per time of day")

    def set_data(
        self, artists: dict[str, list[tuple[str, int]]], genres: dict[str, list[tuple[str, int]]]
    ) -> None:
        self.artists, self.genres = artists, genres
        self.update()

    def paintEvent(self, e: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        gap = 16
        w = (self.width() - gap * 3) / 4
        for k, part in enumerate(DAY_PARTS):
            x = k * (w + gap)
            box = QRectF(x, 0, w, self.height())
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(c.surface))
            p.drawRoundedRect(box, 10, 10)
            _font(p, 10.5, True)
            p.setPen(QColor(c.text))
            p.drawText(QRectF(x + 14, 10, w - 28, 22), Qt.AlignmentFlag.AlignLeft, part.capitalize())
            top = self.artists.get(part, [])[:4]
            peak = max((n for _, n in top), default=1)
            y = 40.0
            _font(p, 9)
            if not top:
                p.setPen(QColor(c.muted))
                p.drawText(QRectF(x + 14, y, w - 28, 20), Qt.AlignmentFlag.AlignLeft, "Nothing yet")
            for name, n in top:
                bar = QRectF(x + 14, y + 18, (w - 28) * n / peak, 6)
                p.setPen(QColor(c.text))
                p.drawText(
                    QRectF(x + 14, y, w - 60, 18),
                    Qt.AlignmentFlag.AlignLeft,
                    p.fontMetrics().elidedText(name, Qt.TextElideMode.ElideRight, int(w - 70)),
                )
                p.setPen(QColor(c.muted))
                p.drawText(QRectF(x + w - 54, y, 40, 18), Qt.AlignmentFlag.AlignRight, str(n))
                p.setPen(Qt.PenStyle.NoPen)
                p.setBrush(QColor(c.raised))
                p.drawRoundedRect(QRectF(x + 14, y + 18, w - 28, 6), 3, 3)
                p.setBrush(QColor(c.accent))
                p.drawRoundedRect(bar, 3, 3)
                y += 34
            genres = ", ".join(g.title() for g, _ in self.genres.get(part, [])[:3])
            if genres:
                p.setPen(QColor(c.muted))
                _font(p, 8.5)
                p.drawText(
                    QRectF(x + 14, self.height() - 30, w - 28, 20),
                    Qt.AlignmentFlag.AlignLeft,
                    p.fontMetrics().elidedText(genres, Qt.TextElideMode.ElideRight, int(w - 28)),
                )


class TasteMap(Chart):
    """Artists placed by how they sound, grouped into the clusters of your taste, sized by plays."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(300, parent)
        self.points: tuple[TastePoint, ...] = ()
        self.names: tuple[str, ...] = ()
        self.setAccessibleName("Map of your taste")

    def set_data(self, points: tuple[TastePoint, ...], names: tuple[str, ...]) -> None:
        self.points, self.names = points, names
        self.setAccessibleDescription("Clusters: " + ", ".join(names))
        self.update()

    def layout(self, metrics) -> tuple[list, list]:
        """Where the bubbles (point, centre, radius; biggest first, none overlapping) and their labels
        (point, rectangle; none overlapping a label or a bubble) are drawn at this size."""
        area = QRectF(90, 36, self.width() - LEGEND_W - 180, self.height() - 80)  # room for labels
        peak = max((pt.weight for pt in self.points), default=1) or 1
        bubbles = [
            (
                pt,
                QPointF(
                    area.center().x() + pt.x * area.width() / 2, area.center().y() - pt.y * area.height() / 2
                ),
                6 + 18 * (pt.weight / peak) ** 0.5,
            )
            for pt in sorted(self.points, key=lambda q: -q.weight)
        ]
        bubbles = spread(bubbles, QRectF(self.rect()).adjusted(30, 30, -LEGEND_W - 30, -30))
        return bubbles, place_labels(bubbles, metrics, QRectF(self.rect()).adjusted(4, 4, -LEGEND_W, -4))

    def paintEvent(self, e: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(c.surface))
        p.drawRoundedRect(QRectF(self.rect()), 10, 10)
        if not self.points:
            p.setPen(QColor(c.muted))
            p.drawText(
                QRectF(self.rect()),
                Qt.AlignmentFlag.AlignCenter,
                "Play a few things and your map appears here",
            )
            return
        _font(p, 8.5)
        bubbles, labels = self.layout(p.fontMetrics())
        for pt, centre, r in bubbles:
            col = QColor(CLUSTER_COLORS[pt.cluster % len(CLUSTER_COLORS)])
            col.setAlphaF(0.75)
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(col)
            p.drawEllipse(centre, r, r)
        p.setPen(QColor(c.text))
        for pt, rect in labels:
            p.drawText(rect, Qt.AlignmentFlag.AlignCenter, pt.label)
        legend_w = LEGEND_W
        x = self.width() - legend_w
        y = 30.0
        _font(p, 9.5, True)
        p.setPen(QColor(c.text))
        p.drawText(QRectF(x, y - 4, legend_w - 12, 20), Qt.AlignmentFlag.AlignLeft, "Your taste clusters")
        _font(p, 9)
        for k, name in enumerate(self.names):
            y += 26
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(CLUSTER_COLORS[k % len(CLUSTER_COLORS)]))
            p.drawEllipse(QPointF(x + 6, y + 8), 6, 6)
            p.setPen(QColor(c.text))
            p.drawText(QRectF(x + 18, y, legend_w - 30, 18), Qt.AlignmentFlag.AlignLeft, name)


class FamiliarNew(Chart):
    """A ring of familiar vs first plays, and the last four weeks as stacked bars."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(200, parent)
        self.familiar = self.new = 0
        self.weekly: tuple[tuple[int, int], ...] = ()
        self.setAccessibleName("Familiar versus new")

    def set_data(self, familiar: int, new: int, weekly: tuple[tuple[int, int], ...]) -> None:
        self.familiar, self.new, self.weekly = familiar, new, weekly
        total = familiar + new
        if total:
            self.setAccessibleDescription(f"{round(100 * new / total)}% of plays were new to you")
        self.update()

    def paintEvent(self, e: QPaintEvent) -> None:
        c = theme.current()
        p = QPainter(self)
        p.setRenderHint(QPainter.RenderHint.Antialiasing)
        p.setPen(Qt.PenStyle.NoPen)
        p.setBrush(QColor(c.surface))
        p.drawRoundedRect(QRectF(self.rect()), 10, 10)
        total = self.familiar + self.new
        ring = QRectF(28, 28, self.height() - 56, self.height() - 56)
        pen = QPen(QColor(c.raised), 16)
        pen.setCapStyle(Qt.PenCapStyle.FlatCap)
        p.setPen(pen)
        p.drawArc(ring, 0, 360 * 16)
        if total:
            pen.setColor(QColor(NEW_COLOR))
            p.setPen(pen)
            p.drawArc(ring, 90 * 16, -int(360 * 16 * self.new / total))
        p.setPen(QColor(c.text))
        _font(p, 16, True)
        share = f"{round(100 * self.new / total)}%" if total else "–"
        p.drawText(ring, Qt.AlignmentFlag.AlignCenter, share)
        _font(p, 9)
        x = ring.right() + 30
        p.setPen(QColor(c.text))
        p.drawText(QRectF(x, 26, 260, 20), Qt.AlignmentFlag.AlignLeft, "new to you")
        p.setPen(QColor(c.muted))
        p.drawText(
            QRectF(x, 46, 300, 40),
            Qt.AlignmentFlag.AlignLeft | Qt.TextFlag.TextWordWrap,
            f"{self.new} first plays, {self.familiar} plays of things you knew",
        )
        if not self.weekly:
            return
        peak = max((a + b for a, b in self.weekly), default=1) or 1
        bw, base = 34.0, self.height() - 34.0
        for k, (fam, new) in enumerate(self.weekly):
            bx = x + k * (bw + 18)
            hf = (base - 96) * fam / peak
            hn = (base - 96) * new / peak
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(c.accent))
            p.drawRoundedRect(QRectF(bx, base - hf, bw, hf), 3, 3)
            p.setBrush(QColor(NEW_COLOR))
            p.drawRoundedRect(QRectF(bx, base - hf - hn, bw, hn), 3, 3)
            p.setPen(QColor(c.muted))
            label = "this wk" if k == len(self.weekly) - 1 else f"-{len(self.weekly) - 1 - k} wk"
            p.drawText(QRectF(bx - 8, base + 4, bw + 16, 18), Qt.AlignmentFlag.AlignHCenter, label)
        lx = x + len(self.weekly) * (bw + 18) + 12
        for k, (color, text) in enumerate(((NEW_COLOR, "new to you"), (c.accent, "familiar"))):
            ly = base - 40 + k * 22
            p.setPen(Qt.PenStyle.NoPen)
            p.setBrush(QColor(color))
            p.drawRoundedRect(QRectF(lx, ly + 3, 12, 12), 3, 3)
            p.setPen(QColor(c.text))
            p.drawText(QRectF(lx + 18, ly, 120, 18), Qt.AlignmentFlag.AlignLeft, text)
