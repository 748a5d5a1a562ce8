"""Two simulated weeks of one listener, in a closed loop with one mix source.

Each session the listener opens the home, starts the ``now`` row and reacts to its first
tracks as the hidden taste dictates; they also pick a few tracks themselves (the same picks
whatever the source, drawn from their own random stream), shuffle the library in the first
days (trying a few genre-C tracks each time, so 20+ early skips of C happen whatever the
source), rate tracks by 5-star artists and dislike one track. Everything goes through the
player's event API, into a fresh profile database per source.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

import numpy as np

from benchmarks.common.product import open_profile_db, record_event, resolve_profile
from benchmarks.eval.feedback import dislike, listen, rate
from benchmarks.eval.listener import NEVER_SKIP_BEFORE, START, HiddenTaste, make_taste
from benchmarks.eval.mixsource import MixSource
from benchmarks.eval.simlib import Track, generate_library

WEEKDAY_SESSIONS = (8, 13, 20)
WEEKEND_SESSIONS = (10, 13, 20)
LISTEN_PER_SESSION = 10  # tracks of the now mix the listener plays through or skips
OWN_PICKS = 3  # tracks they start themselves each session
SHUFFLE_DAYS = 3  # first days: a library shuffle of SHUFFLE_TRACKS before the mix ...
SHUFFLE_TRACKS = 8
C_TRIES = 3  # ... and C_TRIES genre-C tracks tried (and skipped early) each of those sessions
C_SKIPS_BEFORE_MEASURE = 20


@dataclass
class SimResult:
    source: str
    fit_week2: list[bool] = field(default_factory=list)  # each now-mix item of week 2: fits the hour?
    fit_week1: list[bool] = field(default_factory=list)
    c_after: list[bool] = field(default_factory=list)  # now-mix items after 20 early C skips: genre C?
    c_after_all_rows: list[bool] = field(default_factory=list)  # same over every music row of the home
    c_skips: int = 0
    c_measure_from: str | None = None  # session when 20 C skips were reached
    dislike_hits: int = 0  # appearances of the disliked track after dislike
    now_skips_week2: list[bool] = field(default_factory=list)  # each listened now track of week 2: skipped?
    empty_now: int = 0  # sessions where the home had no now row
    sessions: int = 0
    seconds: float = 0.0
    fit_by_part: dict[str, list[bool]] = field(default_factory=dict)  # week 2, per time slot
    errors: list[str] = field(default_factory=list)  # source crashes (the session then had no home)


def merge(results: list[SimResult]) -> SimResult:
    """Several listeners' results for one source pooled into one (lists joined, counts summed)."""
    out = SimResult(results[0].source)
    for r in results:
        for name in ("fit_week2", "fit_week1", "c_after", "c_after_all_rows", "now_skips_week2", "errors"):
            getattr(out, name).extend(getattr(r, name))
        for name in ("c_skips", "dislike_hits", "empty_now", "sessions"):
            setattr(out, name, getattr(out, name) + getattr(r, name))
        for part, fits in r.fit_by_part.items():
            out.fit_by_part.setdefault(part, []).extend(fits)
        out.seconds += r.seconds
    return out


def session_times(days: int) -> list[tuple[int, datetime]]:
    out = []
    for d in range(days):
        day = START + timedelta(days=d)
        hours = WEEKDAY_SESSIONS if day.weekday() < 5 else WEEKEND_SESSIONS
        out.extend((d, day.replace(hour=h)) for h in hours)
    return out


def run_simulation(
    source: MixSource,
    workdir: Path,
    *,
    days: int = 14,
    seed: int = 1,
    n_tracks: int = 1500,
    variant: str = "A",
) -> SimResult:
    """Run one listener against ``source`` for ``days`` days and collect the measurements."""
    import time

    t0 = time.perf_counter()
    profile = resolve_profile(workdir / f"{source.name.replace(' ', '-')}-{variant}{seed}").ensure()
    conn = open_profile_db(profile)
    try:
        tracks = generate_library(
            conn, n_tracks=n_tracks, seed=seed, added_at=(START - timedelta(days=30)).timestamp()
        )
        res = _Run(conn, profile, source, tracks, make_taste(tracks, seed, variant), seed).go(days)
    finally:
        conn.close()
    res.seconds = time.perf_counter() - t0
    return res


class _Run:
    def __init__(
        self, conn, profile, source: MixSource, tracks: list[Track], taste: HiddenTaste, seed: int
    ) -> None:
        self.conn, self.profile, self.source, self.taste, self.seed = conn, profile, source, taste, seed
        self.by_id = {t.id: t for t in tracks}
        self.tracks = tracks
        self.c_tracks = [t for t in tracks if t.genre == taste.never]
        self.res = SimResult(source.name)
        self.disliked_at: float | None = None

    def go(self, days: int) -> SimResult:
        for s, (day, at) in enumerate(session_times(days)):
            self.session(s, day, at)
        return self.res

    def session(self, s: int, day: int, at: datetime) -> None:
        react_rng = np.random.default_rng([self.seed, s, 0])
        pick_rng = np.random.default_rng([self.seed, s, 1])  # same picks for every source
        sid = uuid.uuid4().hex
        clock = at.timestamp()
        self.res.sessions += 1
        try:
            home = self.source.home(self.conn, self.profile, at)
        except Exception as exc:  # a crash is a finding; the listener then only plays their own picks
            self.res.errors.append(f"{at:%a %Y-%m-%d %H:00}: {type(exc).__name__}: {exc}")
            home = {}
        now = home.get("now", [])
        self.measure(day, at, now, home)
        if day < SHUFFLE_DAYS:
            shuffle = [
                self.tracks[int(i)] for i in pick_rng.choice(len(self.tracks), SHUFFLE_TRACKS, replace=False)
            ]
            shuffle += [
                self.c_tracks[int(i)] for i in pick_rng.choice(len(self.c_tracks), C_TRIES, replace=False)
            ]
            for t in shuffle:
                clock = self.play(t, clock, react_rng, "user", "library", sid)
        if now:
            record_event(
                self.conn, now[0], "row_start", ts=clock, tz_offset_min=0, context="now", session_id=sid
            )
        for item_id in now[:LISTEN_PER_SESSION]:
            clock, kind = self.play_kind(self.by_id[item_id], clock, react_rng, "mix", "now", sid)
            if day >= 7:
                self.res.now_skips_week2.append(kind == "skip")
        wanted = [t for t in self.tracks if self.taste.fits(t, at)]
        picks = [wanted[int(i)] for i in pick_rng.choice(len(wanted), OWN_PICKS, replace=False)]
        evening = at.hour >= 17
        if day == 0 and evening:  # they played this one happily at first ...
            picks.insert(0, self.by_id[self.taste.disliked_item])
        for t in picks:
            if t.id == self.taste.disliked_item and self.disliked_at is None:
                listen(
                    self.conn,
                    t.id,
                    ts=clock,
                    position=t.duration,
                    duration=t.duration,
                    end_reason="ended",
                    start_reason="user",
                    context=None,
                    session_id=sid,
                )
                clock += t.duration
            else:
                clock = self.play(t, clock, react_rng, "user", None, sid)
        if day == 1 and evening:  # ... and disliked it the next evening
            dislike(self.conn, self.taste.disliked_item, ts=clock)
            self.disliked_at = clock

    def measure(self, day: int, at: datetime, now: list[int], home: dict[str, list[int]]) -> None:
        if not now:
            self.res.empty_now += 1
        fits = [self.taste.fits(self.by_id[i], at) for i in now if i in self.by_id]
        (self.res.fit_week2 if day >= 7 else self.res.fit_week1).extend(fits)
        if day >= 7:
            self.res.fit_by_part.setdefault(self.taste.part(at), []).extend(fits)
        if self.disliked_at is not None:
            self.res.dislike_hits += sum(ids.count(self.taste.disliked_item) for ids in home.values())
        if self.res.c_skips >= C_SKIPS_BEFORE_MEASURE:
            if self.res.c_measure_from is None:
                self.res.c_measure_from = at.strftime("%a %Y-%m-%d %H:00")
            never = self.taste.never
            self.res.c_after.extend(self.by_id[i].genre == never for i in now if i in self.by_id)
            self.res.c_after_all_rows.extend(
                self.by_id[i].genre == never for ids in home.values() for i in ids if i in self.by_id
            )

    def play_kind(
        self, t: Track, clock: float, rng, start_reason: str, context: str | None, sid: str
    ) -> tuple[float, str | None]:
        r = self.taste.react(t, datetime.fromtimestamp(clock, UTC), rng)
        kind = listen(
            self.conn,
            t.id,
            ts=clock,
            position=r.position,
            duration=t.duration,
            end_reason=r.end_reason,
            start_reason=start_reason,
            context=context,
            session_id=sid,
        )
        if kind == "skip" and t.genre == self.taste.never and r.position < NEVER_SKIP_BEFORE:
            self.res.c_skips += 1
        clock += r.position + 1.0
        if r.rate_stars is not None:
            rate(self.conn, t.id, r.rate_stars, ts=clock)
        return clock, kind

    def play(self, t: Track, clock: float, rng, start_reason: str, context: str | None, sid: str) -> float:
        return self.play_kind(t, clock, rng, start_reason, context, sid)[0]
