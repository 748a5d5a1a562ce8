"""Wires the keep-out parts of the window to the backend: Settings > Privacy's box (load, add, remove,
dismiss) and the home's suggestion card (keep it out, dismiss). After any change ``changed`` runs: the
controller makes the home again (a rule refits the taste, in the taste service) and brings the other part
up to date."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:  # the box is Settings' (made after the first paint); this module is on the start path
    from companion.ui.keep_out_box import KeepOutBox
    from companion.ui.suggestion_card import SuggestionCard

log = logging.getLogger(__name__)
Run = Callable[..., Any]  # the window's ``TaskRunner.run`` (fn, on_done, on_error): off the UI thread


def connect_keep_out(
    box: KeepOutBox, backend: Any, run: Run, changed: Callable[[], None]
) -> Callable[[], None]:
    """Wire Settings' box and load it; returns its reload (for a change made elsewhere)."""

    def failed(error: BaseException) -> None:
        box.status.setText(str(error) or error.__class__.__name__)

    def load() -> None:
        run(backend.keep_out, box.set_state, failed)

    def done(label: str | None = None) -> None:
        if label:
            box.added(label)
        load()
        changed()

    box.add.connect(
        lambda kind, value, artist: run(
            lambda: backend.add_keep_out(kind, value, artist), lambda rule: done(rule.label), failed
        )
    )
    box.remove.connect(lambda rid: run(lambda: backend.remove_keep_out(rid), lambda _r: done(), failed))
    box.dismiss.connect(lambda key: run(lambda: backend.dismiss_suggestion(key), lambda _r: done(), failed))
    load()
    return load


def connect_home_card(
    card: SuggestionCard, backend: Any, run: Run, changed: Callable[[], None], told: Callable[[str], None]
) -> None:
    """Wire the home's card: "Keep it out" adds the rule it names, "Dismiss" forgets it for good."""

    def failed(error: BaseException) -> None:
        told(str(error) or error.__class__.__name__)

    def kept(rule: Any) -> None:
        card.show_suggestion(None)
        told(f"Kept out of your taste: {rule.label}. Your mixes are being made again without it")
        changed()

    def dismissed(_result: Any) -> None:
        card.show_suggestion(None)
        changed()

    card.accepted.connect(
        lambda s: run(lambda: backend.add_keep_out(s.kind, s.value, s.artist), kept, failed)
    )
    card.dismissed.connect(lambda key: run(lambda: backend.dismiss_suggestion(key), dismissed, failed))


def ask_suggestion(card: SuggestionCard, backend: Any, run: Run) -> None:
    """Show the suggestion the taste service finds now, or hide the card (a failure is only logged: the
    card is an offer, not something the person asked for)."""
    run(
        backend.keep_out_suggestion, card.show_suggestion, lambda e: log.info("no keep-out suggestion: %s", e)
    )
