"""The importers: one registry of the services whose listening history Companion reads.

Each service is one module in ``companion/core/importers/services/`` that declares
``IMPORTER = Importer(...)``: its id, its name as people know it, the files it reads (in words),
how to recognise one of its files, how to parse it, and the names its history has inside the ZIP
archive the service hands out. Everything else reads the registry: recognising a file
(``detect.parse_history``), picking history out of an archive (``archive``), the command's help, and
the import dialog's intro, file filter and service names. A module is found by being there (as the
commands are): adding a service is adding its module, and its test. ``register`` adds one from
elsewhere (a test, a plug-in).
"""

from __future__ import annotations

import importlib
import pkgutil
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from fnmatch import fnmatchcase
from typing import Any

from companion.core.importers.model import ImportSummary, Parsed
from companion.core.importers.source import SourceFile


@dataclass(frozen=True)
class Sample:
    """What a detector looks at, and a parser reads: the file, its first line and, when the file is JSON
    (or JSON lines), its records, parsed once."""

    src: SourceFile
    first_line: str
    records: list[tuple[str, Any]] | None = None

    @property
    def first_record(self) -> dict[str, Any]:
        """The first record that is an object ({} for a text file)."""
        return next((v for _, v in self.records or () if isinstance(v, dict)), {})


@dataclass(frozen=True)
class Importer:
    service: str  # the id kept with every file and event it imports: "lastfm"
    name: str  # the service as people know it: "Last.fm"
    files: str  # the files it reads, in a few words: "scrobbles CSV"
    json: bool  # its files are JSON or JSON lines (``detect`` looks at the first record), else text
    detect: Callable[[Sample], bool]  # is this file one of its exports?
    parse: Callable[[Sample], Iterable[Parsed]]  # every record: HistoryEntry, RecordError or Ignored
    # its history's names inside a ZIP export: globs ("*" matches across folders too), matched against the
    # member's whole name or its end after any "/"; the other members of such archives are never read
    members: tuple[str, ...] = ()
    order: int = 50  # detectors are asked in this order: a loose one (a CSV without a header) goes last
    # shared accounts: keep one profile's entries when the person names one (else say who is in the file)
    one_profile: Callable[[list[Parsed], str | None, ImportSummary], list[Parsed]] | None = None


_registry: dict[str, Importer] = {}
_lock = threading.Lock()
_found = False


def importers() -> list[Importer]:
    """Every importer, in the order their detectors are asked."""
    _discover()
    return sorted(_registry.values(), key=lambda i: (i.order, i.service))


def register(importer: Importer) -> Importer:
    """Add an importer; ValueError when its service already has one."""
    _discover()
    with _lock:
        if importer.service in _registry:
            raise ValueError(f"an importer for {importer.service!r} is registered already")
        _registry[importer.service] = importer
    return importer


def unregister(service: str) -> None:
    with _lock:
        _registry.pop(service, None)


def display_name(service: str) -> str:
    """The service as people know it ("Last.fm"); the id itself when no importer has it."""
    found = next((i for i in importers() if i.service == service), None)
    return found.name if found is not None else service


def described() -> str:
    """Every importer with its files, for help texts: "Last.fm (scrobbles CSV), ListenBrainz (...), ..."."""
    return ", ".join(f"{i.name} ({i.files})" for i in _by_name())


def member_names() -> str:
    """The history names looked for inside a ZIP export, for the message when there are none."""
    return ", ".join(glob for i in _by_name() for glob in i.members)


def _by_name() -> list[Importer]:
    """The importers as a person reads a list of them: by name."""
    return sorted(importers(), key=lambda i: i.name.casefold())


def is_history_member(name: str) -> bool:
    """Whether an archive member is listening history of some importer (by its name, case aside)."""
    folded = name.casefold()
    return any(
        fnmatchcase(folded, glob.casefold()) or fnmatchcase(folded, "*/" + glob.casefold())
        for i in importers()
        for glob in i.members
    )


def file_patterns() -> list[str]:
    """File-name patterns for a file dialog: the extensions of every importer's files, and ZIP exports."""
    extensions = {
        glob.rsplit(".", 1)[-1].casefold() for i in importers() for glob in i.members if "." in glob
    }
    return [f"*.{ext}" for ext in sorted(extensions | {"zip"})]


def _discover() -> None:
    """Import every module of ``companion.core.importers.services`` once and register its ``IMPORTER``."""
    global _found
    with _lock:
        if _found:
            return
        # the services are found on first use (their modules import this one)
        from companion.core.importers import services

        for info in sorted(pkgutil.iter_modules(services.__path__), key=lambda m: m.name):
            module = importlib.import_module(f"{services.__name__}.{info.name}")
            importer = getattr(module, "IMPORTER", None)
            if isinstance(importer, Importer):
                _registry.setdefault(importer.service, importer)
        _found = True
