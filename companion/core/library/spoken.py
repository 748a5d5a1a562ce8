"""Spoken word (audiobooks, podcasts, talks) as its own kind: ``items.spoken`` holds why, NULL for music.

A four-hour audiobook is not a song: it never enters a music mix (the taste engine leaves ``spoken`` items
out of them; resuming and its own page are where it belongs). A file is spoken word when it is an ``.m4b``
(the audiobook container), an ``.m4a`` of at least :data:`CHAPTERS_MIN_S` with chapters, or tagged with a
spoken-word genre; and, once the sound analysis has run, when a long file sounds like speech
(:func:`from_analysis`).
"""

from __future__ import annotations

import json
import logging
import sqlite3
from collections.abc import Sequence

from companion.core.db import recordings as db
from companion.core.library.pathcodec import from_db

log = logging.getLogger(__name__)

CHAPTERS_MIN_S = 10 * 60.0  # a short .m4a with a chapter list is still a song (DJ tools write them)
SPEECH_MIN_S = 20 * 60.0  # analysis judges long files only: a spoken intro track stays music
SPEECH_MIN_SHARE = 0.6
SPOKEN_GENRES = frozenset(
    {
        "audiobook",
        "audiobooks",
        "audio book",
        "audio books",
        "hörbuch",
        "hörbücher",
        "hörspiel",
        "livre audio",
        "podcast",
        "podcasts",
        "speech",
        "spoken",
        "spoken word",
        "talk",
        "talk radio",
        "lecture",
        "lectures",
        "audio drama",
        "radio drama",
        "radio play",
    }
)


def spoken_genre(genres_json: str | None) -> str | None:
    """The spoken-word genre among an item's genres (JSON list), or None."""
    if not genres_json:
        return None
    try:
        values = json.loads(genres_json)
    except ValueError:
        values = [genres_json]
    for g in values if isinstance(values, list) else [values]:
        for part in str(g).replace(";", "/").split("/"):
            if part.strip().casefold() in SPOKEN_GENRES:
                return part.strip()
    return None


def has_chapters(path: str) -> bool:
    """Does this MP4 audio file carry a chapter list (Nero ``chpl``, which audiobook tools write)?"""
    # the scanner's tag library; loaded only for long .m4a files
    import mutagen.mp4

    try:
        return bool(mutagen.mp4.MP4(path).chapters)
    except (mutagen.MutagenError, OSError, ValueError, TypeError):
        return False


def judge(path: str, genres_json: str | None, duration: float | None) -> str | None:
    """Why the music file at ``path`` (database form) is spoken word, or None."""
    ext = path.rsplit(".", 1)[-1].lower() if "." in path else ""
    if ext == "m4b":
        return "an audiobook file (.m4b)"
    genre = spoken_genre(genres_json)
    if genre:
        return f"tagged {genre}"
    if ext in ("m4a", "mp4") and (duration or 0) >= CHAPTERS_MIN_S and has_chapters(from_db(path)):
        return "a long file with chapters"
    return None


def judge_changed(conn: sqlite3.Connection, changed: Sequence[db.Changed]) -> dict[int, str | None]:
    """Judge the given (new or changed) items; returns each one's judgement (why it is spoken word, or None).
    Analysis verdicts are kept."""
    updates, out = [], {}
    for r in changed:
        if r.kind != "music":
            reason = None
        elif r.spoken and r.spoken.startswith("sounds like speech"):
            reason = r.spoken  # the analysis heard it; tags do not overrule that
        else:
            reason = judge(r.path, r.genres, r.duration)
        out[r.id] = reason
        if reason != r.spoken:
            updates.append((reason, r.id))
    db.set_spoken(conn, updates)
    return out


def from_analysis(conn: sqlite3.Connection) -> int:
    """Long music files the analysis found to be mostly speech become spoken word; returns how many."""
    ids = db.long_speech(conn, SPEECH_MIN_S, SPEECH_MIN_SHARE)
    db.set_spoken(conn, [("sounds like speech (sound analysis)", i) for i in ids])
    if ids:
        log.info("%d long files sound like speech: spoken word, out of music mixes", len(ids))
    return len(ids)
