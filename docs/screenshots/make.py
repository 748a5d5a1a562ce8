"""Render the README screenshots from the real window with the demo library (offscreen).

    python docs/screenshots/make.py [--data-dir DIR] [--out docs/screenshots]

Makes (or reuses) the demo in DIR, opens the window offscreen at 1280x900, and saves
home.png, library.png, insights.png and ask.png once each page has its data and artwork.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
from pathlib import Path


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--data-dir", default=os.path.join(tempfile.gettempdir(), "companion-screens"))
    ap.add_argument("--out", default=str(Path(__file__).resolve().parent))
    ap.add_argument("--theme", default="dark")
    args = ap.parse_args()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from companion.app import build, wait_for
    from companion.core.demo import ensure_demo
    from companion.core.paths import resolve_profile

    profile = resolve_profile(args.data_dir).ensure()
    parts = build(profile, start=False)
    ensure_demo(parts.store.conn(), profile)
    stored: list[str] = []
    parts.settings.changed.connect(stored.append)
    parts.settings.set("theme", args.theme)  # stored and applied, as when chosen in Settings
    wait_for(lambda: bool(stored), 10)
    w, c = parts.window, parts.controller
    w.resize(1280, 900)
    w.show()
    w.show_page("home")
    got: list[object] = []
    c.homeReady.connect(got.append)
    c.refresh_home()
    wait_for(lambda: bool(got), 120)
    wait_for(lambda: w.home.art._pending == set(), 30)
    # something in the now-playing bar, as a person would see it
    first = c.home_data.rows[0].items[1]
    parts.player.play_items([first.item_id], start_reason="user")
    parts.player.pause()
    wait_for(lambda: w.now_playing.item_id == first.item_id and w.now_playing.cover.pixmap() is not None, 10)
    wait_for(lambda: False, 1.0)
    wait_for(lambda: False, 0.5)
    out = Path(args.out)
    w.grab().save(str(out / "home.png"))
    w.show_page("library")
    wait_for(lambda: w.library.model.rowCount() > 0, 30)
    wait_for(lambda: False, 0.3)
    w.grab().save(str(out / "library.png"))
    w.show_page("insights")
    wait_for(lambda: w.insights.heatmap.grid and any(any(r) for r in w.insights.heatmap.grid), 60)
    wait_for(lambda: False, 0.3)
    w.grab().save(str(out / "insights.png"))
    w.show_page("search")  # Ask: a question about the demo's week, read as chips
    question = "something calm I played in the morning, no latin pop"
    w.search.field.setText(question)
    wait_for(lambda: w.search.last_text == question and w.search.ask_bar.isVisible(), 60)
    wait_for(lambda: w.search.art._pending == set(), 30)
    wait_for(lambda: False, 0.3)
    w.grab().save(str(out / "ask.png"))
    parts.close()
    print(f"screenshots written to {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
