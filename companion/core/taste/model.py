"""The fitted part of the taste model (embeddings, listening modes, tuned parameters) and its cache.

Fitting is the slow part (SVD, KMeans, walk-forward tuning), so it is saved under
``profile.model_dir`` and reused until the library changes or enough new events have
arrived. Everything in it is derived and can be rebuilt at any time; a damaged or
foreign cache file is ignored. A model fitted on events up to time T is only used
for moments after T, so ``home --at`` never sees the future.
"""

from __future__ import annotations

import json
import logging
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from companion.core.taste import eventlog as ev
from companion.core.taste import signals as sg
from companion.core.taste.blas import one_blas_thread
from companion.core.taste.context import Moment
from companion.core.taste.embed import item_embeddings
from companion.core.taste.library import Library
from companion.core.taste.modes import Mode, fit_modes
from companion.core.taste.tuning import tune

log = logging.getLogger(__name__)
CACHE_VERSION = 1
STALE_MIN_EVENTS = 500  # refit after this many new events ...
STALE_SHARE = 0.25  # ... or this share of the history, whichever is larger


@dataclass
class Model:
    item_ids: np.ndarray
    emb: np.ndarray
    modes: list[Mode]
    params: sg.Params
    cutoff_ts: float
    n_events: int
    fingerprint: tuple[Any, ...]
    report: dict[Any, Any] = field(default_factory=dict)
    named: tuple[Any, ...] = ()  # the plays known only by name it was fitted with (named.NamedPlays.key)
    kept_key: str = ""  # the keep-out rules of the log it was fitted on (a change refits)

    def fits(self, lib: Library) -> bool:
        return (
            tuple(self.fingerprint) == tuple(lib.fingerprint)
            and len(self.item_ids) == len(lib.ids)
            and bool(np.array_equal(self.item_ids, lib.ids))
        )

    def usable_at(self, lib: Library, log: ev.EventLog, at_ts: float) -> bool:
        """Fitted on this library, on no event at or after ``at_ts``, and not too stale."""
        if not self.fits(lib) or self.cutoff_ts > at_ts or self.named != _named_key(log):
            return False
        if self.kept_key != getattr(log, "kept_key", ""):
            return False
        if self.cutoff_ts == at_ts:
            return True
        # events may arrive late (a play is stamped with its start); fewer than fitted means some were erased
        n_now = log.before(at_ts)
        return (
            n_now - self.n_events <= max(STALE_MIN_EVENTS, STALE_SHARE * self.n_events)
            and log.before(self.cutoff_ts) >= self.n_events
        )


def fit(
    lib: Library, log: ev.EventLog, cutoff: Moment, stars: np.ndarray, liked: np.ndarray, exploration: float
) -> Model:
    """Tune, embed and cluster using the events before ``cutoff``."""
    n = log.before(cutoff.ts)
    with one_blas_thread():  # the fit runs beside the window: more threads mostly wait (blas.py)
        params, report = tune(lib, log, n, stars, liked, exploration)
        emb = item_embeddings(lib, log, n, before_ts=cutoff.ts)
        s = sg.compute(lib, log, cutoff, params, stars, liked, exploration, n=n)
        modes = fit_modes(lib, emb, s.pos, s.satisfaction)
    return Model(
        item_ids=lib.ids.copy(),
        emb=emb,
        modes=modes,
        params=params,
        cutoff_ts=cutoff.ts,
        n_events=n,
        fingerprint=tuple(lib.fingerprint),
        report=report,
        named=_named_key(log),
        kept_key=log.kept_key,
    )


def _named_key(log: ev.EventLog) -> tuple[Any, ...]:
    return log.named.key if log.named is not None else ()


def save(model: Model, model_dir: Path) -> None:
    model_dir.mkdir(parents=True, exist_ok=True)
    centroids = (
        np.array([m.centroid for m in model.modes]) if model.modes else np.zeros((0, model.emb.shape[1]))
    )
    tmp = model_dir / "model.tmp.npz"
    np.savez(tmp, item_ids=model.item_ids, emb=model.emb, centroids=centroids)
    meta = {
        "version": CACHE_VERSION,
        "params": asdict(model.params),
        "cutoff_ts": model.cutoff_ts,
        "n_events": model.n_events,
        "fingerprint": list(model.fingerprint),
        "report": model.report,
        "named": list(model.named),
        "kept_key": model.kept_key,
        "modes": [{"name": m.name, "artists": list(m.artists)} for m in model.modes],
    }
    (model_dir / "model.tmp.json").write_text(json.dumps(meta), encoding="utf-8")
    tmp.replace(model_dir / "model.npz")
    (model_dir / "model.tmp.json").replace(model_dir / "model.json")


def load(model_dir: Path) -> Model | None:
    """The cached model, or None when missing, from another version, or damaged."""
    try:
        meta = json.loads((model_dir / "model.json").read_text(encoding="utf-8"))
        if meta.get("version") != CACHE_VERSION:
            return None
        with np.load(model_dir / "model.npz") as z:
            item_ids, emb, centroids = z["item_ids"], z["emb"], z["centroids"]
        modes = [
            Mode(centroid=c, name=m["name"], artists=tuple(m["artists"]))
            for c, m in zip(centroids, meta["modes"], strict=True)
        ]
        return Model(
            item_ids=item_ids,
            emb=emb,
            modes=modes,
            params=sg.Params(**meta["params"]),
            cutoff_ts=float(meta["cutoff_ts"]),
            n_events=int(meta["n_events"]),
            fingerprint=tuple(meta["fingerprint"]),
            report=meta.get("report", {}),
            named=tuple(meta.get("named", ())),
            kept_key=str(meta.get("kept_key", "")),
        )
    except (OSError, ValueError, KeyError, TypeError) as e:
        if not isinstance(e, FileNotFoundError):
            log.warning("ignoring the taste model cache in %s: %s", model_dir, e)
        return None
