"""Cover art and thumbnails, loaded and scaled in the background, kept in a small LRU cache.

Views ask ``pixmap(key)``: a hit returns at once; a miss returns None (the delegate
paints a placeholder) and queues a load; ``ready(key)`` tells views to repaint.
"""

from __future__ import annotations

import os
from collections import OrderedDict
from pathlib import Path

from PySide6.QtCore import QObject, QSize, Qt, Signal
from PySide6.QtGui import QImage, QPixmap

from companion.core.paths import Profile
from companion.ui.tasks import TaskRunner


def cover_file(profile: Profile, key: str) -> Path | None:
    """Where the cover for ``key`` lives (the library's ``cover_path``); a key may also be a file path."""
    if os.sep in key:
        return Path(key) if Path(key).is_file() else None
    try:
        # loaded on first use, not at the window's start
        from companion.core.library.covers import cover_path
    except ImportError:
        cover_path = None
    if cover_path is not None:
        found = cover_path(profile, key)
        if found is not None and Path(found).exists():
            return Path(found)
    for ext in (".jpg", ".png", ".webp", ".jpeg"):
        p = profile.covers_dir / f"{key}{ext}"
        if p.exists():
            return p
    return None


def load_scaled(profile: Profile, key: str, size: QSize) -> QImage | None:
    """Runs in a worker: read and scale one image (QImage is safe off the UI thread)."""
    path = cover_file(profile, key)
    if path is None:
        return None
    img = QImage(str(path))
    if img.isNull():
        return None
    return img.scaled(
        size, Qt.AspectRatioMode.KeepAspectRatioByExpanding, Qt.TransformationMode.SmoothTransformation
    )


class ArtCache(QObject):
    ready = Signal(str)

    def __init__(
        self, profile: Profile, runner: TaskRunner, size: QSize | None = None, capacity: int = 600
    ) -> None:
        super().__init__()
        self.profile = profile
        self.runner = runner
        self.size = size or QSize(320, 320)
        self.capacity = capacity
        self._cache: OrderedDict[str, QPixmap | None] = OrderedDict()
        self._pending: set[str] = set()

    def pixmap(self, key: str | None) -> QPixmap | None:
        if not key:
            return None
        if key in self._cache:
            self._cache.move_to_end(key)
            return self._cache[key]
        if key not in self._pending:
            self._pending.add(key)
            self.runner.run(
                lambda k=key: (k, load_scaled(self.profile, k, self.size)),
                self._loaded,
                lambda _e, k=key: self._loaded((k, None)),
            )
        return None

    def _loaded(self, result: tuple[str, QImage | None]) -> None:
        key, image = result
        self._pending.discard(key)
        self._cache[key] = QPixmap.fromImage(image) if image is not None else None
        while len(self._cache) > self.capacity:
            self._cache.popitem(last=False)
        self.ready.emit(key)

    def loaded_count(self) -> int:
        return sum(1 for v in self._cache.values() if v is not None)
