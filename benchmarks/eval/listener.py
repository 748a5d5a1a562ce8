"""A simulated listener: hidden preferences by time of day, and how they react to each track.

The preferences are what the evaluation checks the engine against; the engine never sees
them, only the events the reactions produce.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta

import numpy as np

from benchmarks.eval.simlib import Track

NEVER_SKIP_BEFORE = 10.0  # genre C is always skipped within this many seconds
START = datetime(2026, 3, 2, tzinfo=UTC)  # day 0 of every simulation, a Monday


@dataclass(frozen=True)
class Reaction:
    """What the listener did with one track: how far they got and how it ended."""

    position: float
    end_reason: str  # ended | next
    rate_stars: float | None = None


@dataclass
class HiddenTaste:
    weekday_morning: frozenset[str] = frozenset({"Jazz"})
    weekend_morning: frozenset[str] = frozenset({"Folk"})
    afternoon: frozenset[str] = frozenset({"Rock", "Pop"})
    evening: frozenset[str] = frozenset({"Electronic"})
    never: str = "Metal"
    drift_at: datetime | None = None  # from then on the evening genres become evening_after
    tempo: dict[str, tuple[float, float]] = field(default_factory=dict)  # slot -> BPM range; replaces genres
    evening_after: frozenset[str] = frozenset()
    five_star_artists: tuple[str, ...] = ()
    disliked_item: int | None = None
    p_finish_fitting: float = 0.85  # the rest leave a fitting track past the play threshold
    p_tolerate_other: float = 0.10  # play through a track of another (non-C) genre
    rated: set[int] = field(default_factory=set)

    def wanted(self, at: datetime) -> frozenset[str]:
        """The genres this listener wants at the local time ``at``."""
        if 5 <= at.hour < 12:
            return self.weekday_morning if at.weekday() < 5 else self.weekend_morning
        if 12 <= at.hour < 17:
            return self.afternoon
        if self.drift_at is not None and at >= self.drift_at:
            return self.evening_after
        return self.evening

    @staticmethod
    def part(at: datetime) -> str:
        """The name of the hidden taste's time slot for ``at`` (for per-slot figures)."""
        if 5 <= at.hour < 12:
            return "weekday morning" if at.weekday() < 5 else "weekend morning"
        return "afternoon" if 12 <= at.hour < 17 else "evening"

    def fits(self, track: Track, at: datetime) -> bool:
        """Whether the listener wants ``track`` at ``at`` (never genre C, never the disliked track)."""
        if track.id == self.disliked_item or track.genre == self.never:
            return False
        if self.tempo:
            lo, hi = self.tempo[self.part(at)]
            return lo <= track.bpm < hi
        return track.genre in self.wanted(at)

    def react(self, track: Track, at: datetime, rng: np.random.Generator) -> Reaction:
        """The listener's response to ``track`` started at ``at`` (rng drives the noise)."""
        if track.genre == self.never or track.id == self.disliked_item:
            return Reaction(float(rng.uniform(2.0, NEVER_SKIP_BEFORE - 1.0)), "next")
        if self.fits(track, at):
            stars = None
            if track.artist in self.five_star_artists and track.id not in self.rated:
                self.rated.add(track.id)
                stars = 5.0
            if rng.random() < self.p_finish_fitting:
                return Reaction(track.duration, "ended", stars)
            return Reaction(track.duration * float(rng.uniform(0.55, 0.8)), "next", stars)
        if rng.random() < self.p_tolerate_other:
            return Reaction(track.duration, "ended")
        return Reaction(float(rng.uniform(12.0, 25.0)), "next")


# Listener families. A is the example; B was written later as a held-out check that the
# engine learns a person rather than fitting A (other genres per slot, Pop never, noisier reactions);
# "drift" checks that recency wins when a habit changes.
VARIANTS: dict[str, dict] = {
    "A": {},
    "B": {
        "weekday_morning": frozenset({"Classical"}),
        "weekend_morning": frozenset({"Jazz", "Folk"}),
        "afternoon": frozenset({"Electronic", "Hip-Hop"}),
        "evening": frozenset({"Rock", "Metal"}),
        "never": "Pop",
        "p_finish_fitting": 0.75,
        "p_tolerate_other": 0.2,
    },
    # tastes drift: A, but from day 7 the evenings are Hip-Hop instead of Electronic
    "drift": {"drift_at": START + timedelta(days=7), "evening_after": frozenset({"Hip-Hop"})},
    # tempo, not genre: slow mornings, mid-tempo afternoons, fast evenings (any genre but Metal)
    "tempo": {
        "tempo": {
            "weekday morning": (60, 100),
            "weekend morning": (60, 100),
            "afternoon": (100, 125),
            "evening": (125, 200),
        }
    },
}


def make_taste(tracks: list[Track], seed: int, variant: str = "A") -> HiddenTaste:
    """A listener of family ``variant`` whose 5-star artists and disliked track come from the wanted genres."""
    rng = np.random.default_rng(seed)
    taste = HiddenTaste(**VARIANTS[variant])
    liked_genres = (
        sorted(taste.weekday_morning | taste.evening | taste.afternoon)
        if not taste.tempo
        else sorted({t.genre for t in tracks} - {taste.never})
    )
    artists = sorted({t.artist for t in tracks if t.genre in liked_genres})
    taste.five_star_artists = tuple(str(a) for a in rng.choice(artists, size=3, replace=False))
    at_evening = START.replace(hour=20)
    evening = [t for t in tracks if taste.fits(t, at_evening) and t.artist not in taste.five_star_artists]
    taste.disliked_item = int(evening[int(rng.integers(len(evening)))].id)
    return taste
