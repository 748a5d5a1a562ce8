"""Starting the window. Qt is imported here, never by the headless commands."""

from __future__ import annotations

import argparse

from companion.core.paths import Profile


def run_app(args: argparse.Namespace, profile: Profile) -> int:
    """Open the window (a plain one until the full window lands)."""
    from PySide6.QtWidgets import QApplication, QLabel

    from companion.core.db import open_profile_db

    conn = open_profile_db(profile)
    counts = dict(conn.execute("SELECT kind, COUNT(*) FROM items WHERE status != 'missing' GROUP BY kind").fetchall())
    conn.close()
    app = QApplication.instance() or QApplication([])
    app.setApplicationName("Companion")
    label = QLabel(f"Your library: {counts.get('music', 0)} tracks, {counts.get('video', 0)} videos")
    label.setWindowTitle("Companion")
    label.resize(480, 160)
    if getattr(args, "self_test", False):
        label.grab()
        print("self-test: ok")
        return 0
    label.show()
    return app.exec()
