"""History exports as the services hand them out: a ZIP (Spotify's my_spotify_data.zip, Netflix's
netflix-report.zip, ListenBrainz's export) is read member by member, in memory, never extracted.

Only members that are listening history are read (by name, as each importer of the registry declares
them: the rest of such archives is account data Companion has no use for). Each member has the same
size limit as a loose file.
"""

from __future__ import annotations

import hashlib
import zipfile
from collections.abc import Iterator
from pathlib import Path

from companion.core.importers import source
from companion.core.importers.model import HistoryFormatError
from companion.core.importers.registry import is_history_member, member_names
from companion.core.importers.source import SourceFile, decode_text, open_source
from companion.core.library.pathcodec import display

MAX_MEMBERS = 2000


def iter_sources(path: str | Path) -> Iterator[SourceFile | tuple[str, HistoryFormatError]]:
    """The history files in ``path``: the file itself, or each history member of a ZIP archive.

    A member that cannot be read is yielded as (its name, its error); the other members still come.
    """
    p = Path(path)
    if not (p.is_file() and zipfile.is_zipfile(p)):
        yield open_source(p)
        return
    shown = display(str(p))
    try:
        with zipfile.ZipFile(p) as zf:
            members = [m for m in zf.infolist() if not m.is_dir() and is_history_member(m.filename)]
            if not members:
                raise HistoryFormatError(
                    f"{shown}: no listening history inside (looked for {member_names()})"
                )
            for m in sorted(members, key=lambda m: m.filename)[:MAX_MEMBERS]:
                try:
                    yield _member(zf, m, f"{shown}:{m.filename}")
                except HistoryFormatError as e:
                    yield f"{shown}:{m.filename}", e
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise HistoryFormatError(f"{shown}: broken ZIP archive ({e})") from None


def _member(zf: zipfile.ZipFile, info: zipfile.ZipInfo, label: str) -> SourceFile:
    limit = source.MAX_BYTES
    too_large = HistoryFormatError(
        f"{label}: too large (over {max(1, limit // 2**20)} MB) to be a history export"
    )
    if info.file_size > limit:
        raise too_large
    try:
        with zf.open(info) as f:
            raw = f.read(limit + 1)  # a header may lie about the size: never read past the limit
    except RuntimeError as e:  # encrypted
        raise HistoryFormatError(f"{label}: cannot read ({e})") from None
    except (zipfile.BadZipFile, OSError, EOFError) as e:
        raise HistoryFormatError(f"{label}: broken ZIP member ({e})") from None
    if len(raw) > limit:
        raise too_large
    return SourceFile(Path(label), decode_text(raw, label), hashlib.sha256(raw).hexdigest(), label=label)
