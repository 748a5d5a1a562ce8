"""Dark and light themes: one palette of named colours and one style sheet built from it."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class Colors:
    name: str
    window: str
    sidebar: str
    surface: str  # cards, bars
    raised: str  # hovered surfaces
    text: str
    muted: str
    accent: str
    accent_text: str
    border: str


DARK = Colors(
    "dark", "#121216", "#0c0c0f", "#1c1c22", "#272730", "#f1f1f4", "#9a9aa6", "#8b6cff", "#ffffff", "#2a2a33"
)
LIGHT = Colors(
    "light", "#f6f6f8", "#ececf0", "#ffffff", "#e9e9f0", "#1a1a1f", "#5f5f6b", "#6a4cf0", "#ffffff", "#c8c8d2"
)  # borders and empty stars visible on the light bars

UI_DIR = Path(__file__).resolve().parents[1] / "resources" / "ui"  # style sheet images

_current: Colors = DARK


def current() -> Colors:
    return _current


def resolve(choice: str) -> Colors:
    """``system`` follows the platform's colour scheme; dark when it does not say."""
    if choice == "light":
        return LIGHT
    if choice == "dark":
        return DARK
    hints = QGuiApplication.styleHints()
    return LIGHT if hints.colorScheme() == Qt.ColorScheme.Light else DARK


def apply(app: QApplication, choice: str) -> Colors:
    global _current
    c = resolve(choice)
    _current = c
    app.setStyle("Fusion")
    pal = QPalette()
    for role, value in (
        (QPalette.ColorRole.Window, c.window),
        (QPalette.ColorRole.Base, c.surface),
        (QPalette.ColorRole.AlternateBase, c.raised),
        (QPalette.ColorRole.Text, c.text),
        (QPalette.ColorRole.WindowText, c.text),
        (QPalette.ColorRole.Button, c.surface),
        (QPalette.ColorRole.ButtonText, c.text),
        (QPalette.ColorRole.Highlight, c.accent),
        (QPalette.ColorRole.HighlightedText, c.accent_text),
        (QPalette.ColorRole.PlaceholderText, c.muted),
        (QPalette.ColorRole.ToolTipBase, c.raised),
        (QPalette.ColorRole.ToolTipText, c.text),
        (QPalette.ColorRole.Mid, c.border),
    ):
        pal.setColor(role, QColor(value))
    app.setPalette(pal)
    app.setStyleSheet(style_sheet(c))
    return c


def mix(a: str, b: str, t: float) -> str:
    """The colour ``t`` of the way from ``a`` to ``b``."""
    ca, cb = QColor(a), QColor(b)
    return QColor(
        *(round(x + (y - x) * t) for x, y in zip(ca.getRgb()[:3], cb.getRgb()[:3], strict=True))
    ).name()


def style_sheet(c: Colors) -> str:
    hover = mix(c.sidebar, c.text, 0.05)  # a hovered nav item is quieter than the current page
    current = mix(c.sidebar, c.accent, 0.16)  # the current page: tinted, with an accent bar
    handle = mix(c.raised, c.muted, 0.35)  # scroll handles and slider grooves, visible in both themes
    check, chevron = (str((UI_DIR / f).as_posix()) for f in ("check.svg", "chevron-down.svg"))
    return f"""
    QWidget {{ color: {c.text}; font-size: 10pt; }}
    QMainWindow, #page {{ background: {c.window}; }}
    #sidebar {{ background: {c.sidebar}; border-right: 1px solid {c.border}; }}
    #sidebar QToolButton {{ border: 1px solid transparent; border-left: 3px solid transparent; border-radius: 8px;
        padding: 8px 12px 8px 10px; text-align: left; color: {c.muted}; font-size: 11pt; }}
    #sidebar QToolButton:hover {{ background: {hover}; color: {c.text}; }}
    #sidebar QToolButton:checked {{ background: {current}; color: {c.text}; font-weight: 650;
        border-left-color: {c.accent}; }}
    #sidebar QToolButton:focus {{ border-color: {c.accent}; }}
    #privateBadge {{ background: {mix(c.sidebar, c.accent, 0.18)}; color: {c.text}; border: 1px solid {c.accent};
        border-radius: 14px; padding: 6px 12px; text-align: left; }}
    #privateBadge:hover {{ background: {mix(c.sidebar, c.accent, 0.3)}; }}
    #brand {{ font-size: 15pt; font-weight: 700; padding: 6px 12px 14px 12px; }}
    #pageTitle {{ font-size: 22pt; font-weight: 700; }}
    #rowTitle {{ font-size: 13pt; font-weight: 650; border: none; background: transparent; text-align: left;
        padding: 0; }}
    #rowTitle:hover {{ color: {c.accent}; }}
    #rowReason, #muted {{ color: {c.muted}; }}
    #primary {{ background: {c.accent}; color: {c.accent_text}; border: none; border-radius: 20px;
        padding: 9px 22px; font-weight: 650; font-size: 11pt; }}
    #primary:hover {{ background: {QColor(c.accent).lighter(115).name()}; }}
    #nowPlaying {{ background: {c.sidebar}; border-top: 1px solid {c.border}; }}
    #nowTitle {{ font-weight: 650; }}
    QToolButton {{ border: 1px solid transparent; border-radius: 6px; padding: 3px; }}
    QToolButton:hover {{ background: {c.raised}; }}
    QToolButton:checked {{ color: {c.accent}; background: {c.raised}; }}
    QToolButton:focus {{ border-color: {c.accent}; }}
    QLineEdit {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 16px; padding: 7px 14px; }}
    QLineEdit:focus {{ border-color: {c.accent}; }}
    QPushButton {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 14px; padding: 6px 14px; }}
    QPushButton:hover {{ background: {c.raised}; }}
    QPushButton:focus {{ border-color: {c.accent}; }}
    QPushButton#tab {{ color: {c.muted}; }}
    QPushButton#tab:hover {{ color: {c.text}; }}
    QPushButton#tab:checked {{ background: {c.accent}; color: {c.accent_text}; border-color: {c.accent}; }}
    QPushButton#tab:checked:focus {{ border-color: {c.text}; }}
    QCheckBox {{ spacing: 8px; }}
    QCheckBox::indicator {{ width: 16px; height: 16px; border: 1px solid {c.muted}; border-radius: 4px;
        background: {c.surface}; }}
    QCheckBox::indicator:hover, QCheckBox:focus::indicator {{ border-color: {c.accent}; }}
    QCheckBox::indicator:checked {{ background: {c.accent}; border-color: {c.accent}; image: url({check}); }}
    QCheckBox::indicator:disabled {{ background: {c.window}; border-color: {c.border}; }}
    QComboBox {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 14px; padding: 5px 14px;
        min-height: 18px; }}
    QComboBox:hover {{ background: {c.raised}; }}
    QComboBox:focus, QComboBox:on {{ border-color: {c.accent}; }}
    QComboBox::drop-down {{ border: none; width: 28px; }}
    QComboBox::down-arrow {{ image: url({chevron}); width: 14px; height: 14px; }}
    QComboBox QAbstractItemView {{ background: {c.surface}; color: {c.text}; border: 1px solid {c.border};
        padding: 4px; outline: 0; selection-background-color: {c.raised}; selection-color: {c.text}; }}
    QTableView, QTreeView, QListView#list {{ background: {c.surface}; border: 1px solid {c.border};
        border-radius: 8px; gridline-color: {c.border}; selection-background-color: {c.raised};
        selection-color: {c.text}; alternate-background-color: {c.window}; }}
    QHeaderView::section {{ background: {c.window}; color: {c.muted}; border: none;
        border-bottom: 1px solid {c.border}; padding: 6px; font-weight: 600; }}
    QScrollArea, QListView#strip {{ background: transparent; border: none; }}
    QScrollBar:vertical {{ background: transparent; width: 10px; }}
    QScrollBar::handle:vertical {{ background: {handle}; border-radius: 5px; min-height: 30px; }}
    QScrollBar:horizontal {{ background: transparent; height: 8px; }}
    QScrollBar::handle:horizontal {{ background: {handle}; border-radius: 4px; min-width: 30px; }}
    QScrollBar::add-line, QScrollBar::sub-line {{ width: 0; height: 0; }}
    QSlider::groove:horizontal {{ height: 4px; background: {handle}; border-radius: 2px; }}
    QSlider::sub-page:horizontal {{ background: {c.accent}; border-radius: 2px; }}
    QSlider::handle:horizontal {{ background: {c.text}; width: 12px; margin: -4px 0; border-radius: 6px; }}
    QTabBar::tab {{ background: transparent; color: {c.muted}; padding: 6px 14px; border: none; }}
    QTabBar::tab:selected {{ color: {c.text}; border-bottom: 2px solid {c.accent}; }}
    QTabWidget::pane {{ border: none; }}
    QGroupBox {{ border: 1px solid {c.border}; border-radius: 10px; margin-top: 14px; padding: 12px; }}
    QGroupBox::title {{ subcontrol-origin: margin; left: 12px; padding: 0 4px; font-weight: 650; }}
    #emptyState {{ color: {c.muted}; font-size: 12pt; padding: 48px 8px; }}
    #toast {{ background: {c.raised}; border: 1px solid {mix(c.border, c.muted, 0.45)}; border-radius: 10px; }}
    #toast QLabel {{ background: transparent; border: none; color: {c.text}; }}
    #whyCard {{ background: {c.surface}; border: 1px solid {mix(c.border, c.muted, 0.45)}; }}
    #whyCard QLabel {{ background: transparent; border: none; }}
    QMenu {{ background: {c.surface}; border: 1px solid {c.border}; padding: 4px; }}
    QMenu::item {{ padding: 6px 18px; border-radius: 4px; }}
    QMenu::item:selected {{ background: {c.raised}; }}
    QMenu::item:disabled {{ color: {c.muted}; background: transparent; }}
    QMenu::separator {{ height: 1px; background: {c.border}; margin: 4px 8px; }}
    """
