"""A snapshot of the loaded library and event log under ``profile.model_dir``.

Reading 20,000 items and 100,000 events out of SQLite into arrays is most of a cold
start; the snapshot (a pickle of those arrays, written by this program into the user's
own cache dir) makes a new process ready in tens of milliseconds. It is keyed by the
library fingerprint; events newer than the snapshot are read from the database on
top, and a snapshot that does not match, or cannot be read, is simply ignored.
"""

from __future__ import annotations

import logging
import pickle
from pathlib import Path
from typing import Any

from companion.core.taste.eventlog import EventLog
from companion.core.taste.library import Library

log = logging.getLogger(__name__)
# 4: one entry per recording (aliases, spoken, suspect); 5: events carry their moment kind; 6: and the
# keep-out rules they were read with
SNAPSHOT_VERSION = 6
FILE = "snapshot.pkl"


def load(model_dir: Path, fingerprint: tuple[Any, ...]) -> tuple[Library, EventLog] | None:
    try:
        with open(model_dir / FILE, "rb") as f:
            data = pickle.load(f)
        if data.get("version") != SNAPSHOT_VERSION or tuple(data["fingerprint"]) != tuple(fingerprint):
            return None
        return data["library"], data["events"]
    except FileNotFoundError:
        return None
    except Exception as e:  # a damaged cache is never fatal: it is rebuilt from the database
        log.warning("ignoring the taste snapshot in %s: %s", model_dir, e)
        return None


def save(model_dir: Path, lib: Library, events: EventLog) -> None:
    try:
        model_dir.mkdir(parents=True, exist_ok=True)
        tmp = model_dir / (FILE + ".tmp")
        with open(tmp, "wb") as f:
            pickle.dump(
                {
                    "version": SNAPSHOT_VERSION,
                    "fingerprint": tuple(lib.fingerprint),
                    "library": lib,
                    "events": events,
                },
                f,
                protocol=pickle.HIGHEST_PROTOCOL,
            )
        tmp.replace(model_dir / FILE)
    except OSError as e:
        log.warning("could not write the taste snapshot in %s: %s", model_dir, e)
