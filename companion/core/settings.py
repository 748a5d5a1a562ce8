"""The user's settings: one typed object, validated, stored as JSON in the ``settings`` table.

Bad values are refused with a clear message and the previous value is kept.
"""

from __future__ import annotations

import json
import sqlite3
from dataclasses import asdict, dataclass, fields, replace
from typing import Any

from companion.core.db import settings as settings_db
from companion.core.errors import UsageError
from companion.core.flow.transition import parse_setting as parse_crossfade

REPLAYGAIN_MODES = ("off", "track", "album")
THEMES = ("system", "dark", "light")


@dataclass(frozen=True)
class Settings:
    exploration: float = 0.3  # 0 = only familiar, 1 = mostly discovery
    private_session: bool = False  # record nothing while on
    write_ratings_to_files: bool = False
    replaygain: str = "off"
    theme: str = "system"
    watch_folders: bool = False
    auto_dj: bool = False  # continue with radio when the queue ends
    close_to_tray: bool | None = None  # None: ask once
    notify_track_change: bool = False
    analysis_paused: bool = False
    crossfade: str = "smart"  # off | smart | 1-12 (seconds): companion.core.flow.transition

    def validated(self) -> Settings:
        """Return self, or raise UsageError naming the bad value."""
        if not isinstance(self.exploration, (int, float)) or not 0.0 <= float(self.exploration) <= 1.0:
            raise UsageError(f"exploration must be a number from 0 to 1, not {self.exploration!r}")
        if self.replaygain not in REPLAYGAIN_MODES:
            raise UsageError(
                f"replaygain must be one of {', '.join(REPLAYGAIN_MODES)}, not {self.replaygain!r}"
            )
        if not isinstance(self.crossfade, str):
            raise UsageError(f"crossfade must be off, smart, or 1 to 12 seconds, not {self.crossfade!r}")
        parse_crossfade(self.crossfade)
        if self.theme not in THEMES:
            raise UsageError(f"theme must be one of {', '.join(THEMES)}, not {self.theme!r}")
        for f in fields(self):
            value = getattr(self, f.name)
            if f.type in ("bool", bool) and not isinstance(value, bool):
                raise UsageError(f"{f.name} must be true or false, not {value!r}")
        return self


def parse_value(name: str, text: str) -> Any:
    """Turn a command-line string into the typed value of setting ``name``."""
    known = {f.name: f for f in fields(Settings)}
    if name not in known:
        raise UsageError(f"unknown setting {name!r}; known: {', '.join(sorted(known))}")
    kind = str(known[name].type)
    lowered = text.strip().lower()
    if "bool" in kind:
        if lowered in ("1", "true", "yes", "on"):
            return True
        if lowered in ("0", "false", "no", "off"):
            return False
        if "None" in kind and lowered in ("", "none", "ask"):
            return None
        raise UsageError(f"{name} must be true or false, not {text!r}")
    if kind == "float":
        try:
            return float(text)
        except ValueError:
            raise UsageError(f"{name} must be a number, not {text!r}") from None
    return text


def load_settings(conn: sqlite3.Connection) -> Settings:
    """Read settings; unknown or invalid stored values fall back to their defaults."""
    stored = settings_db.stored(conn)
    current = Settings()
    for f in fields(Settings):
        if f.name not in stored:
            continue
        try:
            candidate = replace(current, **{f.name: json.loads(stored[f.name])}).validated()
        except (ValueError, TypeError, UsageError):
            continue
        current = candidate
    return current


def save_settings(conn: sqlite3.Connection, settings: Settings) -> Settings:
    settings.validated()
    settings_db.store(conn, {k: json.dumps(v) for k, v in asdict(settings).items()})
    return settings


def with_value(current: Settings, name: str, value: Any) -> Settings:
    """``current`` with setting ``name`` changed; UsageError naming the setting when the name or value is bad."""
    if name not in {f.name for f in fields(Settings)}:
        raise UsageError(f"unknown setting {name!r}")
    return replace(current, **{name: value}).validated()


def update_setting(conn: sqlite3.Connection, name: str, value: Any) -> Settings:
    """Change one setting; raise UsageError (keeping the old value) when it is bad."""
    return save_settings(conn, with_value(load_settings(conn), name, value))
