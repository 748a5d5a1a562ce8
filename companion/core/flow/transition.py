"""Crossfades: when and how long to fade from one track into the next, and the equal-power gain curves.

The setting ``crossfade`` is ``off``, ``smart`` or a length of 1-12 seconds. A planned transition
starts at the outgoing track's ``outro_start`` (its fade-out, or the start of its trailing silence)
and starts the incoming track at its ``intro_end`` (its leading silence skipped). There is no
crossfade between consecutive tracks of one album in album order (gapless stays gapless), within one
file (CUE tracks), or for video and spoken word. Skips and stops fade for ``SKIP_FADE_S``.

Smart picks the length from the two ends' energy and tempo: calm ends blend long, energetic ones
with clashing tempos short.
"""

from __future__ import annotations

import math
import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass

from companion.core.db import flow as flow_db
from companion.core.errors import UsageError

SMART = "smart"
OFF = "off"
MIN_S, MAX_S = 1.0, 12.0
SKIP_FADE_S = 1.0  # fade on skip and on stop
SMART_MIN_S, SMART_MAX_S = 2.0, 10.0


@dataclass(frozen=True)
class TrackEnds:
    """What a transition needs to know about one queued track (``track_ends``)."""

    item_id: int
    path: str  # as stored: only compared (one file, CUE tracks)
    kind: str = "music"
    spoken: bool = False
    album: str | None = None
    album_artist: str | None = None
    disc_no: int | None = None
    track_no: int | None = None
    duration: float | None = None
    intro_end: float | None = None
    outro_start: float | None = None
    energy_in: float | None = None
    energy_out: float | None = None
    bpm: float | None = None


def track_ends(conn: sqlite3.Connection, item_ids: Iterable[int]) -> dict[int, TrackEnds]:
    """``TrackEnds`` of the given items (unknown ids are left out; unanalysed tracks have None ends)."""
    return {i: TrackEnds(**row._asdict()) for i, row in flow_db.track_ends(conn, item_ids).items()}


@dataclass(frozen=True)
class Transition:
    fade_at: float  # seconds into the outgoing track where the fade starts
    length: float  # seconds the two overlap
    incoming_start: float  # where the incoming track starts (its leading silence skipped)

    def gains(self, elapsed: float) -> tuple[float, float]:
        """Equal-power (outgoing, incoming) gains ``elapsed`` seconds into the fade."""
        return equal_power(elapsed / self.length if self.length > 0 else 1.0)


def equal_power(progress: float) -> tuple[float, float]:
    """cos/sin gains: the summed power of two uncorrelated signals stays constant across the fade."""
    p = min(1.0, max(0.0, progress))
    return math.cos(p * math.pi / 2), math.sin(p * math.pi / 2)


def schedule(length: float, step: float = 0.02) -> list[tuple[float, float, float]]:
    """(seconds, outgoing gain, incoming gain) every ``step`` s across a fade of ``length`` s, ends included."""
    n = max(1, math.ceil(length / step))
    return [(min(i * step, length), *equal_power(i * step / length)) for i in range(n + 1)]


def parse_setting(value: str) -> str | float:
    """``off``, ``smart`` or seconds (1-12); UsageError otherwise."""
    text = str(value).strip().lower()
    if text in (OFF, SMART):
        return text
    try:
        seconds = float(text.removesuffix("s").strip())
    except ValueError:
        seconds = float("nan")
    if not MIN_S <= seconds <= MAX_S:
        raise UsageError(f"crossfade must be off, smart, or 1 to 12 seconds, not {value!r}")
    return seconds


def gapless_pair(a: TrackEnds, b: TrackEnds) -> bool:
    """True when ``b`` follows ``a`` on the same record in album order, or in the same file."""
    if a.path == b.path:
        return True
    if not a.album or a.album != b.album or (a.album_artist or "") != (b.album_artist or ""):
        return False
    if a.track_no is None or b.track_no is None:
        return False
    same_disc = (a.disc_no or 1) == (b.disc_no or 1)
    return (same_disc and b.track_no == a.track_no + 1) or (
        (b.disc_no or 1) == (a.disc_no or 1) + 1 and b.track_no == 1
    )


def fades_at_all(track: TrackEnds) -> bool:
    """Video and spoken word never crossfade."""
    return track.kind == "music" and not track.spoken


def smart_length(a: TrackEnds, b: TrackEnds) -> float:
    """From 10 s (two calm ends) to 2 s (two energetic ends whose tempos clash)."""
    energy = max(
        a.energy_out if a.energy_out is not None else 0.5, b.energy_in if b.energy_in is not None else 0.5
    )
    length = SMART_MAX_S - (SMART_MAX_S - 4.0) * energy  # calm 10 s ... energetic 4 s
    if a.bpm and b.bpm and tempo_distance(a.bpm, b.bpm) > 0.08:
        length *= 0.6  # beats that would clash: overlap them briefly
    return round(min(SMART_MAX_S, max(SMART_MIN_S, length)), 2)


def tempo_distance(bpm_a: float, bpm_b: float) -> float:
    """|log2 ratio| of two tempos with half and double time counted as the same (0 = same pulse)."""
    d = abs(math.log2(bpm_a / bpm_b)) % 1.0
    return min(d, 1.0 - d)


def plan(setting: str | float, a: TrackEnds, b: TrackEnds) -> Transition | None:
    """The crossfade from ``a`` into ``b``, or None when they should simply follow (gapless)."""
    if setting == OFF or not fades_at_all(a) or not fades_at_all(b) or gapless_pair(a, b):
        return None
    length = smart_length(a, b) if setting == SMART else float(setting)
    duration = a.duration or 0.0
    if a.outro_start is not None:
        fade_at = a.outro_start
    elif duration > 0:
        fade_at = duration - length  # not analysed yet: fade over the last seconds
    else:
        return None
    if duration > 0:
        length = min(length, max(0.0, duration - fade_at)) if a.outro_start is None else length
        fade_at = min(fade_at, duration)
    if fade_at <= 0 or length < 0.5:
        return None
    incoming = b.intro_end if b.intro_end is not None and b.intro_end < 30.0 else 0.0
    return Transition(fade_at=round(fade_at, 3), length=round(length, 3), incoming_start=round(incoming, 3))
