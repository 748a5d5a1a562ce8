"""Bringing things in from the window: listening history from other services, or playlists from other players.

One dialog for both: pick files (or drop them on it), **Import** runs the core's import in a
worker (``TaskRunner.run_generator``) with a progress bar, **Stop** stops it between two steps
(what was imported is kept; importing the same file again adds only the rest), and the end is
a summary per file: what was read, matched, left unmatched, already known, and for a file at
fault the one line that names it and the line or record.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtGui import QColor, QDragEnterEvent, QDropEvent, QKeyEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QDialog,
    QFileDialog,
    QFrame,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPlainTextEdit,
    QProgressBar,
    QPushButton,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from companion.ui import theme
from companion.ui.import_summary import (
    footnote,
    headline,
    history_filter,
    history_intro,
    history_rows,
    playlist_rows,
    service_name,
    short_name,
)
from companion.ui.tasks import Job, TaskRunner


@dataclass(frozen=True)
class Kind:
    key: str
    title: str
    intro: Callable[[], str]  # asked when a dialog opens (history: from the registry of importers)
    file_filter: Callable[[], str]
    columns: tuple[str, ...]


HISTORY = Kind(
    "history",
    "Import listening history",
    history_intro,
    history_filter,
    ("File", "Service", "Read", "Matched", "Unmatched", "Duplicates"),
)
PLAYLISTS = Kind(
    "playlists",
    "Import playlists",
    lambda: (
        "Playlists from other players (M3U, M3U8, PLS, XSPF, WPL, ASX) are matched to your library by path, then "
        "by artist and title. Files are only read, never changed."
    ),
    lambda: "Playlists (*.m3u *.m3u8 *.pls *.xspf *.wpl *.asx *.wax *.wvx);;All files (*)",
    ("File", "Name", "Entries", "Matched", "Unmatched"),
)


def _style(c: theme.Colors) -> str:
    return f"""
    QDialog {{ background: {c.window}; }}
    #dropZone {{ border: 2px dashed {theme.mix(c.border, c.muted, 0.5)}; border-radius: 12px;
        background: {c.surface}; }}
    #dropZone[hot="true"] {{ border-color: {c.accent}; background: {theme.mix(c.surface, c.accent, 0.12)}; }}
    #dialogTitle {{ font-size: 16pt; font-weight: 700; }}
    QProgressBar {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 6px; height: 12px;
        text-align: center; color: transparent; }}
    QProgressBar::chunk {{ background: {c.accent}; border-radius: 5px; }}
    QListWidget#list::item {{ padding: 5px 8px; }}
    QTreeWidget#results::item {{ padding: 4px 6px; }}
    QPlainTextEdit {{ background: {c.surface}; border: 1px solid {c.border}; border-radius: 8px; padding: 4px; }}
    """


class FileList(QListWidget):
    """The chosen files; Delete removes the selected one."""

    def keyPressEvent(self, e: QKeyEvent) -> None:
        if e.key() in (Qt.Key.Key_Delete, Qt.Key.Key_Backspace) and self.currentRow() >= 0:
            self.takeItem(self.currentRow())
            return
        super().keyPressEvent(e)


class ImportDialog(QDialog):
    """Pick or drop files, import them off the UI thread, read what happened to each."""

    imported = Signal(object)  # the finished results (a list), after a run that was not stopped

    def __init__(
        self,
        kind: Kind,
        runner: TaskRunner,
        steps: Callable[..., Iterator[Any]],
        extra: Callable[[], Any] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        """One piece on purpose: it makes and lays out the widgets in the order they appear on screen."""
        super().__init__(parent)
        self.kind, self.runner, self.steps, self.extra = kind, runner, steps, extra
        self.job: Job | None = None
        self.results: list[Any] = []
        self.extra_result: Any = None
        self._holder: dict[str, Any] = {}
        self.setWindowTitle(kind.title)
        self.setAccessibleName(kind.title)
        self.setAcceptDrops(True)
        self.setMinimumSize(640, 520)
        self.resize(820, 660)
        self.setStyleSheet(_style(theme.current()))
        layout = QVBoxLayout(self)
        layout.setContentsMargins(24, 20, 24, 18)
        layout.setSpacing(12)
        title = QLabel(kind.title)
        title.setObjectName("dialogTitle")
        layout.addWidget(title)
        intro = QLabel(kind.intro())
        intro.setObjectName("muted")
        intro.setWordWrap(True)
        layout.addWidget(intro)
        self.pages = QStackedWidget()
        layout.addWidget(self.pages, 1)
        self.pages.addWidget(self._choose_page())
        self.pages.addWidget(self._results_page())
        self.progress_label = QLabel("")
        self.progress_label.setObjectName("muted")
        self.progress_label.setTextFormat(Qt.TextFormat.PlainText)
        self.progress = QProgressBar()
        self.progress.setAccessibleName("Import progress")
        self.progress.setTextVisible(False)
        self.progress.hide()
        layout.addWidget(self.progress_label)
        layout.addWidget(self.progress)
        buttons = QHBoxLayout()
        buttons.addStretch(1)
        self.stop_button = QPushButton("&Stop")
        self.stop_button.setAccessibleName("Stop the import (what was imported is kept)")
        self.stop_button.clicked.connect(self.stop)
        self.stop_button.hide()
        self.close_button = QPushButton("Close")
        self.close_button.setAccessibleName("Close this dialog")
        self.close_button.clicked.connect(self.reject)
        self.import_button = QPushButton("&Import")
        self.import_button.setObjectName("primary")
        self.import_button.setAccessibleName("Import the chosen files")
        self.import_button.setDefault(True)
        self.import_button.clicked.connect(self.start)
        for b in (self.stop_button, self.close_button, self.import_button):
            buttons.addWidget(b)
        layout.addLayout(buttons)
        self._finish_timer = QTimer(self, interval=50)
        self._finish_timer.timeout.connect(self._check_stopped)
        self._update_buttons()

    # --- the two pages ----------------------------------------------------------------------------------
    def _choose_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 4, 0, 0)
        v.setSpacing(10)
        self.drop_zone = QFrame()
        self.drop_zone.setObjectName("dropZone")
        self.drop_zone.setMinimumHeight(96)
        dz = QVBoxLayout(self.drop_zone)
        dz.setContentsMargins(16, 14, 16, 14)
        hint = QLabel("Drop files here, or")
        hint.setAlignment(Qt.AlignmentFlag.AlignCenter)
        hint.setObjectName("muted")
        self.choose_button = QPushButton("&Choose files…")
        self.choose_button.setAccessibleName("Choose files to import")
        self.choose_button.clicked.connect(self.choose)
        dz.addStretch(1)
        dz.addWidget(hint)
        dz.addWidget(self.choose_button, 0, Qt.AlignmentFlag.AlignCenter)
        dz.addStretch(1)
        v.addWidget(self.drop_zone)
        self.files = FileList()
        self.files.setObjectName("list")
        self.files.setAccessibleName("Files to import (Delete removes one)")
        self.files.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.files.model().rowsInserted.connect(lambda *_a: self._update_buttons())
        self.files.model().rowsRemoved.connect(lambda *_a: self._update_buttons())
        v.addWidget(self.files, 1)
        self.netflix = QLineEdit()
        self.netflix.setPlaceholderText(
            "Netflix profile name (optional: when empty, every profile is imported)"
        )
        self.netflix.setAccessibleName("Netflix profile to import")
        self.netflix.setVisible(self.kind is HISTORY)
        v.addWidget(self.netflix)
        return page

    def _results_page(self) -> QWidget:
        page = QWidget()
        v = QVBoxLayout(page)
        v.setContentsMargins(0, 4, 0, 0)
        v.setSpacing(8)
        self.headline = QLabel("")
        self.headline.setWordWrap(True)
        self.headline.setTextFormat(Qt.TextFormat.PlainText)
        self.headline.setStyleSheet("font-weight: 650; font-size: 11pt;")
        v.addWidget(self.headline)
        self.tree = QTreeWidget()
        self.tree.setObjectName("results")
        self.tree.setAccessibleName("What happened to each file")
        self.tree.setHeaderLabels(list(self.kind.columns))
        self.tree.setRootIsDecorated(False)
        self.tree.setUniformRowHeights(False)
        self.tree.setWordWrap(True)
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        for col in range(1, len(self.kind.columns)):
            header.setSectionResizeMode(col, QHeaderView.ResizeMode.ResizeToContents)
        v.addWidget(self.tree, 2)
        self.details_label = QLabel("Not imported, and entries that did not match:")
        self.details_label.setObjectName("muted")
        v.addWidget(self.details_label)
        self.details = QPlainTextEdit()
        self.details.setReadOnly(True)
        self.details.setAccessibleName("Problems and unmatched entries, one per line")
        self.details.setLineWrapMode(QPlainTextEdit.LineWrapMode.WidgetWidth)
        self.details.hide()
        self.details_label.hide()
        v.addWidget(self.details, 1)
        self.footnote = QLabel("")
        self.footnote.setObjectName("muted")
        self.footnote.setWordWrap(True)
        self.footnote.setTextFormat(Qt.TextFormat.PlainText)
        v.addWidget(self.footnote)
        again = QPushButton("Import &more files…")
        again.setAccessibleName("Choose more files to import")
        again.clicked.connect(self.restart)
        self.again_button = again
        v.addWidget(again, 0, Qt.AlignmentFlag.AlignLeft)
        return page

    # --- choosing files -----------------------------------------------------------------------------------
    def choose(self) -> None:
        paths, _ = QFileDialog.getOpenFileNames(
            self, self.kind.title, str(Path.home()), self.kind.file_filter()
        )
        self.add_files(paths)

    def add_files(self, paths: list[str]) -> None:
        known = set(self.paths())
        for p in paths:
            if p and p not in known:
                known.add(p)
                self.files.addItem(p)
        if self.files.count():
            self.files.setCurrentRow(self.files.count() - 1)
        if self.pages.currentIndex() == 1 and paths and not self.running():
            self.pages.setCurrentIndex(0)
            self.progress_label.setText("")
        self._update_buttons()

    def paths(self) -> list[str]:
        return [self.files.item(i).text() for i in range(self.files.count())]

    def restart(self) -> None:
        self.files.clear()
        self.pages.setCurrentIndex(0)
        self.progress_label.setText("")
        self.progress.hide()
        self._update_buttons()
        self.choose_button.setFocus()

    def dragEnterEvent(self, e: QDragEnterEvent) -> None:
        if (
            not self.running()
            and e.mimeData().hasUrls()
            and any(u.isLocalFile() for u in e.mimeData().urls())
        ):
            self._hot(True)
            e.acceptProposedAction()
        else:
            e.ignore()

    def dragLeaveEvent(self, e) -> None:
        self._hot(False)
        super().dragLeaveEvent(e)

    def dropEvent(self, e: QDropEvent) -> None:
        self._hot(False)
        self.add_files([u.toLocalFile() for u in e.mimeData().urls() if u.isLocalFile()])
        e.acceptProposedAction()

    def _hot(self, on: bool) -> None:
        self.drop_zone.setProperty("hot", "true" if on else "false")
        self.drop_zone.style().unpolish(self.drop_zone)
        self.drop_zone.style().polish(self.drop_zone)

    # --- running ------------------------------------------------------------------------------------------
    def running(self) -> bool:
        return self.job is not None and not self.job.done

    def start(self) -> None:
        paths = self.paths()
        if not paths or self.running():
            return
        self.results = []
        self.extra_result = None
        holder: dict[str, Any] = {"results": [], "extra": None, "current": None}
        self._holder = holder
        netflix = self.netflix.text().strip() or None
        steps, extra, is_history = self.steps, self.extra, self.kind is HISTORY

        def make() -> Iterator[tuple[Any, list[Any]]]:
            gen = steps(paths, netflix) if is_history else steps(paths)
            try:
                for step in gen:
                    if getattr(step, "finished", True):
                        holder["results"].append(step)
                        holder["current"] = None
                    else:
                        holder["current"] = step  # the file being read: its counts so far
                    yield step, list(holder["results"])
            finally:
                gen.close()
            if extra is not None:
                holder["extra"] = extra()

        self.pages.setCurrentIndex(1)
        self.headline.setText("Importing…")
        self.tree.clear()
        self.footnote.setText("")
        self.again_button.hide()
        self.progress.setRange(0, 0)  # busy until the first step says how much there is
        self.progress.show()
        self.progress_label.setText(f"Reading {Path(paths[0]).name}…")
        self.job = self.runner.run_generator(make, self._progress, self._done, self._failed)
        self._update_buttons()
        if self.job.done and self.job.cancelled:
            self._check_stopped()

    def stop(self) -> None:
        if self.running():
            self.job.cancel()
            self.progress_label.setText("Stopping after the current step…")
            self.stop_button.setEnabled(False)
            self._finish_timer.start()

    def _check_stopped(self) -> None:
        if self.job is not None and self.job.done:
            self._finish_timer.stop()
            current = self._holder.get("current")
            self.results = self._holder.get("results", []) + ([current] if current is not None else [])
            self._show_results(self.results, None, stopped=True)
            self.imported.emit(
                self.results
            )  # what was imported before stopping counts (the home is asked again)

    def _progress(self, value: tuple[Any, list[Any]]) -> None:
        step, results = value
        self._show_results(results + ([] if getattr(step, "finished", True) else [step]), None, partial=True)
        total, done = int(getattr(step, "total", 0) or 0), int(getattr(step, "done", 0) or 0)
        name = short_name(getattr(step, "path", ""))
        if self.kind is HISTORY:
            service = service_name(getattr(step, "service", "unknown"))
            verb = "Read" if getattr(step, "finished", False) else "Importing"
            self.progress_label.setText(
                f"{verb} {name} ({service}): {done:,} of {total:,} entries" if total else f"Reading {name}…"
            )
        else:
            self.progress_label.setText(f"Imported {done:,} of {total:,} playlists: {name}")
        if total:
            self.progress.setRange(0, total)
            self.progress.setValue(min(done, total))

    def _done(self, _count: int) -> None:
        self.results = list(self._holder.get("results", []))
        self.extra_result = self._holder.get("extra")
        self._show_results(self.results, self.extra_result)
        self.imported.emit(self.results)

    def _failed(self, error: BaseException) -> None:
        """Something the core did not foresee: one plain line, never a traceback; the files stay listed."""
        self.results = list(self._holder.get("results", []))
        self._show_results(self.results, None)
        self.headline.setText(
            f"The import stopped: {error or error.__class__.__name__}. What was imported before is kept."
        )
        self.headline.setStyleSheet(f"font-weight: 650; font-size: 11pt; color: {_bad_color().name()};")
        self._update_buttons()

    def reject(self) -> None:
        """Closing while importing stops the import first (what was imported is kept)."""
        if self.running():
            self.job.cancel()
        super().reject()

    def _update_buttons(self) -> None:
        running = self.running()
        self.import_button.setVisible(self.pages.currentIndex() == 0)
        self.import_button.setEnabled(bool(self.files.count()) and not running)
        self.stop_button.setVisible(running)
        self.stop_button.setEnabled(running)
        self.close_button.setText("Close" if not running else "Close (stops)")
        self.choose_button.setEnabled(not running)
        self.again_button.setVisible(not running and self.pages.currentIndex() == 1)

    # --- the summary ----------------------------------------------------------------------------------------
    def _show_results(
        self, results: list[Any], extra: Any, partial: bool = False, stopped: bool = False
    ) -> None:
        self.tree.clear()
        detail_lines: list[str] = []
        for step in results:
            top, children = history_rows(step) if self.kind is HISTORY else playlist_rows(step)
            full = top[0]
            top[0] = short_name(full)
            item = QTreeWidgetItem(top)
            item.setToolTip(0, full)
            self.tree.addTopLevelItem(item)
            for col in range(len(top)):
                item.setTextAlignment(
                    col,
                    (Qt.AlignmentFlag.AlignLeft if col < 2 else Qt.AlignmentFlag.AlignRight)
                    | Qt.AlignmentFlag.AlignVCenter,
                )
            if top[2] == "":  # the file could not be imported at all
                item.setForeground(0, _bad_color())
                item.setForeground(1, _bad_color())
            for kind, text in children:  # in full below the table (wrapped, selectable, copyable)
                detail_lines.append(text if kind != "line" else f"{short_name(full)}: {text}")
        self.details.setPlainText("\n".join(detail_lines))
        self.details.setVisible(bool(detail_lines))
        self.details_label.setVisible(bool(detail_lines))
        if partial:
            return
        self.job = None if stopped else self.job
        self.progress.hide()
        self.progress_label.setText("")
        self.headline.setStyleSheet("font-weight: 650; font-size: 11pt;")
        self.headline.setText(headline(self.kind is HISTORY, results, stopped))
        self.footnote.setText(footnote(self.kind is HISTORY, results, extra))
        self._update_buttons()
        self.close_button.setFocus()


def _bad_color():

    return QColor(theme.mix(theme.current().text, "#ff5d5d", 0.75))
