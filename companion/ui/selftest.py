"""``companion --self-test``: open the window offscreen, render the home, check the player and database.

``companion.app`` hands it its ``build`` and ``wait_for`` (this module does not import the app: no cycle)."""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from typing import TYPE_CHECKING

from companion.core.paths import Profile

if TYPE_CHECKING:
    from companion.app import Parts


def self_test(
    profile: Profile,
    build: Callable[..., Parts],
    wait_for: Callable[..., bool],
    demo: bool = False,
) -> int:
    started = time.monotonic()
    if "QT_QPA_PLATFORM" not in os.environ:
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    parts = None
    try:
        parts = build(profile, demo=False, background=False)
        backend = parts.controller.backend
        if demo:
            backend.ensure_demo()
        ready: list[object] = []
        parts.controller.homeReady.connect(ready.append)
        parts.controller.refresh_home()
        if not wait_for(lambda: bool(ready), 60):
            print("self-test: FAILED: the home did not arrive within 60 s")
            return 1
        window = parts.window
        window.resize(1280, 820)
        window.show_page("home")
        image = window.grab()
        if image.isNull() or image.width() < 100:
            print("self-test: FAILED: the window did not render")
            return 1
        state = parts.player.state()
        check = backend.database_check()
        if check != "ok":
            print(f"self-test: FAILED: database check says {check}")
            return 1
        # loaded on first use, not at the window's start
        from companion.ui.resource_check import resource_problems

        problems, icons = resource_problems()
        if problems:
            print(f"self-test: FAILED: resources: {'; '.join(problems)}")
            return 1
        counts = backend.counts()
        rows = len(window.home.rows)
        print(
            f"self-test: ok: window rendered {image.width()}x{image.height()} with {rows} home rows; "
            f"player {state}; resources ok ({icons} icons, style sheet, desktop entry, demo catalogue); database ok ({counts['music']} tracks, {counts['video']} videos); "
            f"{time.monotonic() - started:.1f} s"
        )
        return 0
    except Exception as e:  # the one line is the point of a self-test
        print(f"self-test: FAILED: {e.__class__.__name__}: {e}")
        return 1
    finally:
        if parts is not None:
            parts.close()
