"""The import dialog's headline: what an import read, and what of it counts."""

from __future__ import annotations

from types import SimpleNamespace

from companion.core.importers.model import ImportSummary
from companion.ui.import_summary import headline


def _step(service, **counts):
    return SimpleNamespace(service=service, summary=ImportSummary(**counts), path="f", finished=True)


def test_headline_says_what_counted_not_that_the_home_knows_it():
    s = _step(
        "lastfm",
        read=11622,
        matched=1,
        unmatched=11621,
        plays_counted=9845,
        learned={str(n) for n in range(212)},
    )
    text = headline(True, [s], stopped=False)
    assert text.startswith("1 file imported: 11,622 read, 1 matched, 11,621 unmatched, 0 already known.")
    assert (
        "1 of 11,622 plays matched a file; 9,845 plays by 212 artists in your library now shape your home;"
        " 1,776 plays are by artists you don't have." in text
    )
    assert "knows this history" not in text


def test_viewing_history_has_no_artist_sentence():
    text = headline(True, [_step("netflix", read=3, matched=3)], stopped=False)
    assert "plays" not in text and text.endswith("0 already known")
