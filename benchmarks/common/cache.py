"""Where the benchmarks keep what they make: libraries of real files and generated profiles.

Everything goes under one folder outside the checkout: appdirs' user cache dir
(``~/.cache/Companion-benchmarks`` on Linux) or ``--work DIR``. What takes long to make (a
20,000-track library of tagged files, a profile with 100,000 events) is made once per set of
parameters and reused: the folder's name carries a key of the parameters and its ``manifest.json``
the parameters themselves, so a run with other sizes makes (and keeps) its own. A benchmark that
changes what it was given (a scan into a profile, a refit that writes the model cache) works on a
copy in a scratch folder, removed when it is done, so the cached original stays as it was made.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import tempfile
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from pathlib import Path

from benchmarks.common.machine import ROOT

CACHE_NAME = "Companion-benchmarks"
MANIFEST = "manifest.json"


class BenchError(Exception):
    """A benchmark cannot run as asked: the message says why (shown as one line, exit status 2)."""


def default_root() -> Path:
    import appdirs

    return Path(appdirs.user_cache_dir(CACHE_NAME, False))


def work_root(work: Path | None) -> Path:
    """The folder for generated data: ``work`` or the default, made if missing, never in the checkout."""
    root = (work or default_root()).expanduser().resolve()
    if root == ROOT or ROOT in root.parents:
        raise BenchError(
            f"--work {root} is inside the checkout ({ROOT}): generated libraries and profiles go "
            "outside the repository tree (default: the user cache dir)"
        )
    try:
        root.mkdir(parents=True, exist_ok=True)
    except OSError as e:
        raise BenchError(f"cannot keep benchmark data in {root}: {e.strerror or e}") from None
    return root


def cache_key(kind: str, params: Mapping[str, object], version: int) -> dict[str, object]:
    """What identifies one made folder: the maker's kind and version and its parameters."""
    return {"kind": kind, "version": version, "params": dict(sorted(params.items()))}


def folder_name(key: Mapping[str, object]) -> str:
    digest = hashlib.sha256(json.dumps(key, sort_keys=True).encode()).hexdigest()[:12]
    return f"{key['kind']}-{digest}"


def cached(
    root: Path,
    kind: str,
    params: Mapping[str, object],
    make: Callable[[Path], None],
    *,
    version: int = 1,
) -> tuple[Path, bool]:
    """(folder, reused): the folder ``make(folder)`` filled for these parameters, made now if no run made it
    before. Bump ``version`` when the maker changes what it makes, so older folders are not reused.

    ``make`` fills a private folder that is renamed into place with its manifest only when it is complete:
    a run stopped half way leaves nothing that a later run would take for ready."""
    key = cache_key(kind, params, version)
    final = root / folder_name(key)
    if _manifest(final) == key:
        return final, True
    shutil.rmtree(final, ignore_errors=True)  # a folder from an interrupted maker, or foreign content
    partial = Path(tempfile.mkdtemp(prefix=f".{final.name}.partial-", dir=root))
    try:
        make(partial)
        (partial / MANIFEST).write_text(json.dumps(key, indent=1, sort_keys=True), encoding="utf-8")
        try:
            os.rename(partial, final)
        except OSError:  # another run made it meanwhile: keep theirs
            if _manifest(final) != key:
                raise
    finally:
        shutil.rmtree(partial, ignore_errors=True)
    return final, False


def _manifest(folder: Path) -> object:
    try:
        return json.loads((folder / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


@contextmanager
def scratch(root: Path, prefix: str = "run") -> Iterator[Path]:
    """A folder under ``root/scratch`` for what one run changes (profiles scanned into, copies), removed
    afterwards."""
    base = root / "scratch"
    base.mkdir(parents=True, exist_ok=True)
    folder = Path(tempfile.mkdtemp(prefix=f"{prefix}-", dir=base))
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def copy_of(original: Path, where: Path) -> Path:
    """A copy of a cached folder (without its manifest) to change freely."""
    shutil.copytree(original, where, ignore=shutil.ignore_patterns(MANIFEST))
    return where
