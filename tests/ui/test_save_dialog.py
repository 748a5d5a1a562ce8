"""Save dialogs start in the last folder used."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QFileDialog

# --- C15: export dialogs start where the last export went ------------------------------------------------


def test_export_dialogs_start_in_the_last_folder_used(qtbot, built, tmp_path):
    w, c = built.window, built.controller
    target = tmp_path / "exports"
    target.mkdir()
    items = [i for r in w.home.rows for i in r.items if i.kind == "music"][:3]
    c.play_items(items, 0, "test")
    qtbot.waitUntil(lambda: len(built.player.queue.entries) >= 3, timeout=5000)
    seen: list[str] = []

    def answer(path: str | None) -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QFileDialog):
            QTimer.singleShot(50, lambda: answer(path))
            return
        seen.append(dialog.directory().absolutePath())
        if path:
            dialog.selectFile(path)
            dialog.accept()
        else:
            dialog.reject()

    QTimer.singleShot(100, lambda: answer(str(target / "Queue.m3u8")))
    c.lists.ask_export_queue()
    qtbot.waitUntil(lambda: (target / "Queue.m3u8").exists(), timeout=5000)
    # the row menu's Export…, the mix page's and a saved playlist's all open there next
    row = w.home.rows[0]
    QTimer.singleShot(100, lambda: answer(None))
    c.lists.row_action("export", row.id)
    QTimer.singleShot(100, lambda: answer(None))
    w.library.playlists.ask_export(backend_pid := c.backend.save_items_as_playlist("X", [items[0].item_id]))
    assert backend_pid
    assert seen[1:] == [str(target), str(target)], seen
