"""Where Companion keeps the user's data and caches.

By default: appdirs' user data dir for the database and backups, its user cache dir
for rebuildable files (covers, thumbnails, model state). ``--data-dir DIR`` or
``COMPANION_DATA_DIR`` moves the whole profile (data and cache) under DIR.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from companion.core.errors import CompanionError

APP_DIR_NAME = "Companion"
ENV_DATA_DIR = "COMPANION_DATA_DIR"


@dataclass(frozen=True)
class Profile:
    """The folders of one person's profile."""

    data_dir: Path
    cache_dir: Path

    @property
    def db_path(self) -> Path:
        return self.data_dir / "library.sqlite3"

    @property
    def backup_dir(self) -> Path:
        return self.data_dir / "backups"

    @property
    def covers_dir(self) -> Path:
        return self.cache_dir / "covers"

    @property
    def model_dir(self) -> Path:
        return self.cache_dir / "taste"

    def ensure(self) -> Profile:
        """Create the folders, readable by the owner only (0700 on POSIX), and from here on keep every file
        and folder this process makes private (umask 077: files 0600, folders 0700, ``window.ini`` and
        ``instance/`` included, and the base folders ``mkdir`` makes on the way).

        The process-wide umask is the one place that covers every writer (SQLite, Qt's QSettings and lock
        files, the taste worker it spawns, covers and caches); files meant for other programs, such as an
        exported playlist, set their own mode."""
        keep_private()
        for d in (self.data_dir, self.cache_dir):
            try:
                made = not d.exists()
                d.mkdir(parents=True, exist_ok=True)
                if os.name == "posix" and made:
                    os.chmod(d, 0o700)  # only folders Companion made: never re-permission one of yours (/tmp)
            except OSError as e:
                why = (
                    "it is a file, not a folder" if d.exists() and not d.is_dir() else (e.strerror or str(e))
                )
                raise CompanionError(f"cannot keep Companion's data in {d}: {why}") from None
        return self


PRIVATE_UMASK = 0o077


def keep_private() -> None:
    """Files and folders this process creates from now on are the owner's only (POSIX)."""
    if os.name == "posix":
        os.umask(PRIVATE_UMASK)


DEMO_PROFILE_NAME = "demo-profile"


def resolve_profile(data_dir: str | os.PathLike[str] | None = None, *, demo: bool = False) -> Profile:
    """The profile for an explicit dir, else ``COMPANION_DATA_DIR``, else the platform default.

    With ``demo`` and no explicit dir, the demo's own profile beside the default one: the demo's
    made-up week of listening never mixes with the person's own history."""
    chosen = data_dir or os.environ.get(ENV_DATA_DIR)
    if demo and not chosen:
        # appdirs: only when no data folder is given
        import appdirs

        return Profile(
            data_dir=Path(appdirs.user_data_dir(APP_DIR_NAME, False)) / DEMO_PROFILE_NAME,
            cache_dir=Path(appdirs.user_cache_dir(APP_DIR_NAME, False)) / DEMO_PROFILE_NAME,
        )
    if chosen:
        base = Path(chosen).expanduser().absolute()
        return Profile(data_dir=base, cache_dir=base / "cache")
    # appdirs: only when no data folder is given
    import appdirs

    return Profile(
        data_dir=Path(appdirs.user_data_dir(APP_DIR_NAME, False)),
        cache_dir=Path(appdirs.user_cache_dir(APP_DIR_NAME, False)),
    )


def default_media_folders() -> list[Path]:
    """The platform's Music and Videos folders that exist (XDG user dirs on Linux)."""
    home = Path.home()
    names = {"MUSIC": "Music", "VIDEOS": "Videos"}
    found: list[Path] = []
    xdg = _xdg_user_dirs(home)
    for key, fallback in names.items():
        p = xdg.get(key) or home / fallback
        if p.is_dir():
            found.append(p)
    if os.name == "nt" or (home / "Movies").is_dir():
        movies = home / "Movies"
        if movies.is_dir() and movies not in found:
            found.append(movies)
    return found


def _xdg_user_dirs(home: Path) -> dict[str, Path]:
    cfg = Path(os.environ.get("XDG_CONFIG_HOME", home / ".config")) / "user-dirs.dirs"
    out: dict[str, Path] = {}
    try:
        text = cfg.read_text(encoding="utf-8")
    except OSError:
        return out
    for line in text.splitlines():
        if line.startswith("XDG_") and "_DIR=" in line:
            key, _, value = line.partition("=")
            value = value.strip().strip('"').replace("$HOME", str(home))
            out[key[4:-4]] = Path(value)
    return out
