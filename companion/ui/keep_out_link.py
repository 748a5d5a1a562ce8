"""Wires Settings > Privacy's keep-out box to the backend: load, add, remove, dismiss; the home is made again
after a rule changes (a change refits the taste, in the taste service)."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from companion.ui.keep_out_box import KeepOutBox


def connect_keep_out(
    box: KeepOutBox, backend: Any, run: Callable[..., Any], refresh_home: Callable[[], None]
) -> None:
    """``run`` is the window's ``TaskRunner.run`` (fn, on_done, on_error): every call is off the UI thread."""

    def failed(error: BaseException) -> None:
        box.status.setText(str(error) or error.__class__.__name__)

    def load() -> None:
        run(backend.keep_out, box.set_state, failed)

    def changed(label: str | None = None) -> None:
        if label:
            box.added(label)
        load()
        refresh_home()

    box.add.connect(
        lambda kind, value, artist: run(
            lambda: backend.add_keep_out(kind, value, artist), lambda rule: changed(rule.label), failed
        )
    )
    box.remove.connect(lambda rid: run(lambda: backend.remove_keep_out(rid), lambda _r: changed(), failed))
    box.dismiss.connect(lambda key: run(lambda: backend.dismiss_suggestion(key), lambda _r: load(), failed))
    load()
