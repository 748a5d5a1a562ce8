"""The Insights page: what Companion learned, as pictures painted with QPainter."""
