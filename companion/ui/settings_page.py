"""Settings: folders, exploration, privacy (what is kept out of your taste: keep_out_box.py), ratings in files, ReplayGain, theme, and your data."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt, QTimer, Signal
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QFormLayout,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QPlainTextEdit,
    QPushButton,
    QSlider,
    QVBoxLayout,
    QWidget,
)

from companion.core.settings import REPLAYGAIN_MODES, THEMES
from companion.ui.dialogs import confirm
from companion.ui.keep_out_box import KeepOutBox
from companion.ui.pagekit import guard_wheel, scrolling_body

CLOSE_CHOICES = (
    ("Ask me the first time", None),
    ("Keep playing in the tray", True),
    ("Quit Companion", False),
)


# Crossfade: shown text -> stored value (companion.core.flow.transition)
CROSSFADE_CHOICES = (("Off", "off"), ("Smart", "smart"), *((f"{n} s", str(n)) for n in range(1, 13)))

CHECK_BOXES = {  # each yes/no setting the page shows, and the check box that shows it
    "private_session": "private",
    "write_ratings_to_files": "write_ratings",
    "watch_folders": "watch",
    "notify_track_change": "notify",
}
SHOWN = (
    "exploration",
    "replaygain",
    "crossfade",
    "theme",
    "close_to_tray",
    *CHECK_BOXES,
)  # the settings this page shows


class SettingsPage(QWidget):
    changed = Signal(str, object)  # setting name, new value
    addFolder = Signal(str)
    removeFolder = Signal(int)
    rescan = Signal()
    exportData = Signal(str)
    openLog = Signal()  # the log file: what Qt, FFmpeg and Companion noted but did not tell the person
    eraseHistory = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loading = False
        scroll, layout = scrolling_body(self, "Settings", spacing=14)
        layout.addWidget(self._folders_box())
        layout.addWidget(self._taste_box())
        self.keep_out = KeepOutBox()
        layout.addWidget(self.keep_out)
        layout.addWidget(self._playback_box())
        layout.addWidget(self._data_box())
        layout.addStretch(1)
        guard_wheel(scroll)  # rolling the wheel over the page scrolls it; it never changes a setting

    # --- sections ------------------------------------------------------------------------------
    def _folders_box(self) -> QGroupBox:
        box = QGroupBox("Library folders")
        v = QVBoxLayout(box)
        self.folders = QListWidget()
        self.folders.setObjectName("list")
        self.folders.setAccessibleName("Library folders")
        self.folders.setMaximumHeight(120)
        v.addWidget(self.folders)
        row = QHBoxLayout()
        add = QPushButton("Add folder…")
        add.clicked.connect(self._pick_folder)
        remove = QPushButton("Remove")
        remove.clicked.connect(self._remove_folder)
        scan = QPushButton("Rescan now")
        scan.clicked.connect(self.rescan)
        for b in (add, remove, scan):
            row.addWidget(b)
        row.addStretch(1)
        self.watch = QCheckBox("Watch folders for changes")
        self.watch.toggled.connect(lambda on: self._emit("watch_folders", on))
        row.addWidget(self.watch)
        v.addLayout(row)
        self.scan_status = QLabel("")
        self.scan_status.setObjectName("muted")
        v.addWidget(self.scan_status)
        problems = QHBoxLayout()
        self.failures_label = QLabel("")
        self.failures_label.setObjectName("muted")
        self.failures_button = QPushButton("Show why…")
        self.failures_button.setAccessibleName("Show the files that could not be read, and why")
        self.failures_button.clicked.connect(self.show_failures)
        problems.addWidget(self.failures_label)
        problems.addWidget(self.failures_button)
        problems.addStretch(1)
        v.addLayout(problems)
        self.failures: list[dict[str, Any]] = []
        self.failures_dialog: QDialog | None = None
        self.set_failures([])
        return box

    def _taste_box(self) -> QGroupBox:
        box = QGroupBox("Your mixes")
        form = QFormLayout(box)
        slider_row = QHBoxLayout()
        slider_row.addWidget(QLabel("Familiar"))
        self.exploration = QSlider(Qt.Orientation.Horizontal)
        self.exploration.setRange(0, 100)
        self.exploration.setAccessibleName("Exploration: familiar to discover")
        self.exploration.setToolTip("How much of each mix is new to you")
        self._explore_timer = QTimer(self, singleShot=True, interval=250)
        self._explore_timer.timeout.connect(lambda: self._emit("exploration", self.exploration.value() / 100))
        self.exploration.valueChanged.connect(lambda _v: self._loading or self._explore_timer.start())
        slider_row.addWidget(self.exploration, 1)
        slider_row.addWidget(QLabel("Discover"))
        form.addRow("Exploration", slider_row)
        self.private = QCheckBox("Private session: record nothing I play")
        self.private.toggled.connect(lambda on: self._emit("private_session", on))
        form.addRow("", self.private)
        return box

    def _playback_box(self) -> QGroupBox:
        box = QGroupBox("Playback and files")
        form = QFormLayout(box)
        self.write_ratings = QCheckBox("Write my ratings into the music files")
        self.write_ratings.setToolTip(
            "MP3, WAV, AIFF, FLAC, Ogg and Opus files. A track of a CUE sheet keeps its rating in "
            "Companion only: its file holds the whole album."
        )
        self.write_ratings.toggled.connect(lambda on: self._emit("write_ratings_to_files", on))
        form.addRow("", self.write_ratings)
        self.replaygain = QComboBox()
        self.replaygain.addItems(REPLAYGAIN_MODES)
        self.replaygain.setAccessibleName("ReplayGain")
        self.replaygain.currentTextChanged.connect(lambda t: self._emit("replaygain", t))
        form.addRow("ReplayGain", self.replaygain)
        self.crossfade = QComboBox()
        for text, value in CROSSFADE_CHOICES:
            self.crossfade.addItem(text, value)
        self.crossfade.setAccessibleName("Crossfade")
        self.crossfade.setToolTip(
            "Smart fades from where a track's ending begins, for a length that suits the two tracks; "
            "albums played in order stay gapless"
        )
        self.crossfade.currentIndexChanged.connect(
            lambda _i: self._emit("crossfade", self.crossfade.currentData())
        )
        form.addRow("Crossfade", self.crossfade)
        self.theme = QComboBox()
        self.theme.addItems(THEMES)
        self.theme.setAccessibleName("Theme")
        self.theme.currentTextChanged.connect(lambda t: self._emit("theme", t))
        form.addRow("Theme", self.theme)
        self.close_to_tray = QComboBox()
        for said, choice in CLOSE_CHOICES:
            self.close_to_tray.addItem(said, choice)
        self.close_to_tray.setAccessibleName("When I close the window")
        self.close_to_tray.currentIndexChanged.connect(
            lambda i: self._emit("close_to_tray", self.close_to_tray.itemData(i))
        )
        form.addRow("Closing the window", self.close_to_tray)
        self.notify = QCheckBox("Show a notification when the track changes")
        self.notify.toggled.connect(lambda on: self._emit("notify_track_change", on))
        form.addRow("", self.notify)
        return box

    def _data_box(self) -> QGroupBox:
        box = QGroupBox("Your data")
        v = QVBoxLayout(box)
        self.statement = QLabel("")
        self.statement.setWordWrap(True)
        self.statement.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        v.addWidget(self.statement)
        row = QHBoxLayout()
        export = QPushButton("Export all my data…")
        export.clicked.connect(self._export)
        erase = QPushButton("Erase my listening history…")
        erase.setToolTip("Plays, skips, star ratings, likes and dislikes, resume points and imported history")
        erase.setObjectName("eraseHistory")
        erase.clicked.connect(self._erase)
        log = QPushButton("Open the log")
        log.setObjectName("openLog")
        log.setToolTip(
            "Details Companion noted while it ran (not shown in the window): for reporting a problem"
        )
        log.clicked.connect(self.openLog.emit)
        row.addWidget(export)
        row.addWidget(erase)
        row.addWidget(log)
        row.addStretch(1)
        v.addLayout(row)
        self.data_status = QLabel("")
        self.data_status.setObjectName("muted")
        v.addWidget(self.data_status)
        return box

    # --- state ---------------------------------------------------------------------------------
    def set_settings(self, s: Any) -> None:
        """Show every setting of ``s`` (a ``Settings``)."""
        for name in SHOWN:
            self.show_setting(name, getattr(s, name))

    def show_setting(self, name: str, value: Any) -> None:
        """Show one setting's value (changed elsewhere, or put back) without sending it as an edit."""
        if name == "exploration" and (self._explore_timer.isActive() or self.exploration.isSliderDown()):
            return  # the person is moving the slider: their value is on its way
        self._loading = True
        try:
            if name == "exploration":
                self.exploration.setValue(int(round(value * 100)))
            elif name in ("replaygain", "theme"):
                getattr(self, name).setCurrentText(value)
            elif name == "crossfade":
                values = [v for _t, v in CROSSFADE_CHOICES]
                self.crossfade.setCurrentIndex(values.index(str(value)) if str(value) in values else 1)
            elif name == "close_to_tray":
                self.close_to_tray.setCurrentIndex([v for _t, v in CLOSE_CHOICES].index(value))
            elif name in CHECK_BOXES:
                getattr(self, CHECK_BOXES[name]).setChecked(bool(value))
        finally:
            self._loading = False

    def set_folders(self, folders: list[tuple[int, str, str]]) -> None:
        """The library's folders; the one selected stays selected (a reload after a scan is no reason to lose it)."""
        current = self.folders.currentItem()
        chosen = current.data(Qt.ItemDataRole.UserRole) if current is not None else None
        self.folders.clear()
        for folder_id, path, status in folders:
            item = QListWidgetItem(path if status == "ok" else f"{path}  ({status})")
            item.setData(Qt.ItemDataRole.UserRole, folder_id)
            self.folders.addItem(item)
            if folder_id == chosen:
                self.folders.setCurrentItem(item)

    def set_failures(self, failures: list[dict[str, Any]]) -> None:
        """Files the last scans could not read (each with ``path`` and ``error``)."""
        self.failures = list(failures)
        n = len(self.failures)
        self.failures_label.setText(f"{n:,} {'file' if n == 1 else 'files'} could not be read" if n else "")
        self.failures_label.setVisible(bool(n))
        self.failures_button.setVisible(bool(n))

    def show_failures(self) -> QDialog:
        """A list of the files that could not be read, each with its reason."""
        dialog = QDialog(self)
        dialog.setWindowTitle("Files that could not be read")
        dialog.resize(640, 360)
        v = QVBoxLayout(dialog)
        v.addWidget(
            QLabel(
                "These files are in your library folders but could not be read, so they are not in "
                "the library.\nFix or replace them, then Rescan now."
            )
        )
        text = QPlainTextEdit(
            "\n".join(f"{f['path']}\n    {f.get('error') or 'unknown reason'}" for f in self.failures)
        )
        text.setReadOnly(True)
        text.setAccessibleName("Files that could not be read, and why")
        v.addWidget(text)
        close = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        close.rejected.connect(dialog.reject)
        v.addWidget(close)
        self.failures_dialog = dialog
        dialog.open()
        return dialog

    def set_statement(self, text: str) -> None:
        self.statement.setText(text)

    def _emit(self, name: str, value: object) -> None:
        if not self._loading:
            self.changed.emit(name, value)

    def _pick_folder(self) -> None:
        path = QFileDialog.getExistingDirectory(self, "Add a music or video folder")
        if path:
            self.addFolder.emit(path)

    def _remove_folder(self) -> None:
        item = self.folders.currentItem()
        if item is None:
            return
        if confirm(
            self,
            "Remove folder",
            f"Remove {item.text()} from your library?",
            "Remove folder",
            detail="Its music and videos leave your mixes. Your files stay where they are, and their "
            "plays and ratings are kept: they come back if you add the folder again.",
        ):
            self.removeFolder.emit(int(item.data(Qt.ItemDataRole.UserRole)))

    def _export(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, "Export all my data", "companion-export.zip", "Zip (*.zip)"
        )
        if path:
            self.exportData.emit(path)

    def _erase(self) -> None:
        if confirm(
            self,
            "Erase listening history",
            "Erase every play and skip, your star ratings, likes and dislikes, resume points and "
            "imported history?",
            "Erase history",
            detail="Your library and your music and video files stay. The backups that "
            "hold this history are deleted too, so this cannot be undone.",
        ):
            self.eraseHistory.emit()
