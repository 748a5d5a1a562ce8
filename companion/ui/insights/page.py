"""The Insights page: a few figures in words, then the pictures."""

from __future__ import annotations

from PySide6.QtWidgets import QLabel, QWidget

from companion.core.insights import ImportedListening, Insights
from companion.ui.insights.charts import DayParts, FamiliarNew, HeatMap, TasteMap
from companion.ui.insights.replay_view import ReplayView
from companion.ui.pagekit import scrolling_body


def _section(text: str) -> QLabel:
    label = QLabel(text)
    label.setStyleSheet("font-size: 13pt; font-weight: 650; margin-top: 6px;")
    return label


class InsightsPage(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        _scroll, layout = scrolling_body(self, "Insights")
        self.summary = QLabel("Looking at your listening…")
        self.summary.setObjectName("muted")
        layout.addWidget(self.summary)
        self.empty = QLabel(
            "Nothing to show yet. Insights fill in as you play music and videos here, or bring "
            "your history from Last.fm, ListenBrainz or Spotify: Library › Import."
        )
        self.empty.setObjectName("emptyState")
        self.empty.setWordWrap(True)
        self.empty.hide()
        layout.addWidget(self.empty)
        self.heatmap = HeatMap()
        self.day_parts = DayParts()
        self.taste = TasteMap()
        self.familiar = FamiliarNew()
        self.imported_title = _section("Listening you imported")
        self.imported = QLabel()
        self.imported.setWordWrap(True)
        layout.addWidget(self.imported_title)
        layout.addWidget(self.imported)
        self.replay_title = _section("Replay")
        self.replay = ReplayView()
        layout.addWidget(self.replay_title)
        layout.addWidget(self.replay)
        self.sections: list[QWidget] = []
        for heading, chart in (
            ("When you listen", self.heatmap),
            ("Your day, in artists and shows", self.day_parts),
            ("How your taste clusters", self.taste),
            ("Familiar or new", self.familiar),
        ):
            title = _section(heading)
            layout.addWidget(title)
            layout.addWidget(chart)
            self.sections += [title, chart]
        layout.addStretch(1)
        foot = QLabel("Computed on this computer from your own plays. Nothing leaves it.")
        foot.setObjectName("muted")
        layout.addWidget(foot)

    def set_insights(self, data: Insights) -> None:
        nothing = data.total_plays == 0 and data.imported is None
        self.imported_title.setVisible(data.imported is not None)
        self.imported.setVisible(data.imported is not None)
        self.imported.setText(imported_text(data.imported) if data.imported else "")
        self.empty.setVisible(nothing)  # an empty page says how it fills in, not a wall of empty charts
        self.summary.setVisible(not nothing)
        for widget in self.sections:
            widget.setVisible(not nothing)
        self.summary.setText(
            f"{data.total_plays:,} plays · {data.hours:.1f} hours listened · {data.skips:,} skips"
        )
        self.heatmap.set_data(data.heatmap)
        self.day_parts.set_data(data.top_artists, data.top_genres)
        self.taste.set_data(data.points, data.cluster_names)
        self.familiar.set_data(data.familiar, data.new, data.weekly)


def imported_text(data: ImportedListening) -> str:
    """Imported plays, hours, what matched a file or counts by artist, and the top artists, in words."""
    matched = data.matched / data.plays
    counted = data.counted / data.plays
    lines = [
        f"{data.plays:,} plays · about {data.seconds / 3600:,.0f} hours",
        f"{data.matched:,} matched a file in your library ({matched:.0%}); {data.counted:,}"
        f"{' more' if data.matched else ''} are by {data.artists_learned:,} artists you have ({counted:.0%})"
        " and shape your home as artist taste",
    ]
    if data.top_artists:
        lines.append("Most played: " + ", ".join(f"{name} ({n:,})" for name, n in data.top_artists[:10]))
    return "\n".join(lines)
