"""A history format of the tests' own (a listening diary kept by hand), as one module: what adding an importer
takes. Tests that need it register ``IMPORTER`` (and take it away again): no other file knows of it.

    # listening diary
    2024-01-05 10:00; Artist; Title
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from companion.core.importers import registry
from companion.core.importers.model import HistoryEntry, RecordError
from companion.core.importers.registry import Importer, Sample
from companion.core.importers.source import parse_time

SERVICE = "diary"
HEADER = "# listening diary"
TEXT = f"{HEADER}\n2024-01-05 10:00; Night Bus; Late Lights\n2024-01-05 10:04; Night Bus; Unknown Song\n"


def parse(sample: Sample) -> Iterator[HistoryEntry | RecordError]:
    for n, line in enumerate(sample.src.text.splitlines()[1:], start=2):
        if not line.strip():
            continue
        cells = [c.strip() for c in line.split(";")]
        try:
            if len(cells) != 3 or not all(cells):
                raise ValueError("expected: time; artist; title")
            when, artist, title = cells
            yield HistoryEntry(SERVICE, parse_time(when, ("%Y-%m-%d %H:%M",)), artist=artist, title=title)
        except ValueError as e:
            yield RecordError(f"line {n}", str(e))


IMPORTER = Importer(
    SERVICE,
    "Listening Diary",
    "diary .txt",
    json=False,
    detect=lambda sample: sample.first_line.strip().lower() == HEADER,
    parse=parse,
    members=("*diary*.txt",),
)


@contextmanager
def registered() -> Iterator[Importer]:
    """The diary importer, registered for the duration (as a plug-in or a new module would be)."""
    registry.register(IMPORTER)
    try:
        yield IMPORTER
    finally:
        registry.unregister(SERVICE)
