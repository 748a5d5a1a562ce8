"""Shared page scaffolding: a scrolling page body with its big title."""

from __future__ import annotations

from PySide6.QtWidgets import QFrame, QLabel, QScrollArea, QVBoxLayout, QWidget


def scrolling_body(page: QWidget, title: str | None, spacing: int = 10) -> tuple[QScrollArea, QVBoxLayout]:
    """Fill ``page`` with a frameless scroll area; return it and the layout of its content."""
    page.setObjectName("page")
    outer = QVBoxLayout(page)
    outer.setContentsMargins(0, 0, 0, 0)
    scroll = QScrollArea()
    scroll.setWidgetResizable(True)
    scroll.setFrameShape(QFrame.Shape.NoFrame)
    outer.addWidget(scroll)
    body = QWidget()
    body.setObjectName("page")
    scroll.setWidget(body)
    layout = QVBoxLayout(body)
    layout.setContentsMargins(32, 28, 32, 24)
    layout.setSpacing(spacing)
    if title:
        label = QLabel(title)
        label.setObjectName("pageTitle")
        layout.addWidget(label)
    return scroll, layout
