"""Does a home asked ``at`` a past moment depend on events after it? (It must not.)

Every replay here (and ``companion home --at``) relies on that contract. The check builds the
home at ``at`` twice, in fresh copies of one profile: once with the whole history, once with
every event from ``at`` on deleted (and the derived ``ratings`` rebuilt from what is left). Any
row that differs is a leak of the future, or state that is not derived from events.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from benchmarks.common.product import Profile, open_profile_db, rebuild_ratings
from benchmarks.eval.history_replay import scratch_copy
from benchmarks.eval.mixsource import MixSource


def future_leak(source: MixSource, profile: Profile, at: datetime, workdir: Path) -> list[str]:
    """Ids of the rows whose items differ between the full and the truncated history (empty: no leak)."""
    homes = []
    for name, truncate in (("full", False), ("past-only", True)):
        copy = scratch_copy(profile, workdir / name)
        conn = open_profile_db(copy)
        try:
            if truncate:
                with conn:
                    conn.execute("DELETE FROM events WHERE ts >= ?", (at.timestamp(),))
                rebuild_ratings(conn)
            homes.append(source.home(conn, copy, at))
        finally:
            conn.close()
    full, past = homes
    return sorted(r for r in set(full) | set(past) if full.get(r) != past.get(r))
