"""Listening context: hour of day and weekday in the person's local time.

Events carry their own local offset, so a history recorded across time zones and
DST changes still says "morning" for what was played in the morning.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta

import numpy as np

from companion.core.errors import UsageError

DAY = 86400.0
WEEKDAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
HOUR_WIDTH = 2.5  # hours: how far a context reaches around its hour
OTHER_DAY_TYPE = 0.25  # a weekday play counts this much toward a weekend context (and back)
SAME_TYPE_OTHER_DAY = 0.7
OTHER_DAY_PART = 0.35  # an event in another day-part (morning/afternoon/evening/night) counts this much


@dataclass(frozen=True)
class Moment:
    """The moment a home is asked for: UTC seconds plus local hour/weekday."""

    ts: float
    local: float  # local clock seconds (ts + offset)
    offset_min: int

    @property
    def hour(self) -> float:
        return (self.local % DAY) / 3600.0

    @property
    def weekday(self) -> int:  # Monday = 0
        return int((self.local // DAY + 3) % 7)

    @property
    def day_number(self) -> int:
        """Local calendar day (for stability within a day)."""
        return int(self.local // DAY)

    @property
    def week_number(self) -> int:
        """Local week, Monday-based (for stability within a week)."""
        return int((self.local // DAY + 3) // 7)

    def week_start_ts(self) -> float:
        """UTC seconds of the local Monday 00:00 of this week."""
        days_since_monday = self.weekday
        local_midnight = (self.local // DAY) * DAY
        return local_midnight - days_since_monday * DAY - self.offset_min * 60.0


def moment(at: datetime | None) -> Moment:
    """The local moment for ``at`` (timezone-aware; naive means local time; None means now)."""
    if at is None:
        at = datetime.now().astimezone()
    elif at.tzinfo is None:
        at = at.astimezone()
    off = at.utcoffset() or timedelta(0)
    ts = at.timestamp()
    return Moment(ts=ts, local=ts + off.total_seconds(), offset_min=int(off.total_seconds() // 60))


def parse_moment(text: str | None) -> datetime | None:
    """An ISO-8601 moment from the command line; no zone means local time. Bad text -> UsageError."""

    if text is None:
        return None
    try:
        value = datetime.fromisoformat(text.strip().replace("Z", "+00:00"))
    except ValueError:
        raise UsageError(
            f"--at must be an ISO-8601 date and time like 2026-03-01T08:30+01:00, not {text!r}"
        ) from None
    return value if value.tzinfo is not None else value.astimezone()


def day_part(hour: float) -> str:
    if 5 <= hour < 12:
        return "morning"
    if 12 <= hour < 17:
        return "afternoon"
    if 17 <= hour < 22:
        return "evening"
    return "night"


def moment_title(m: Moment) -> str:
    """Like Spotify's daylist: "Sunday morning"."""
    return f"{WEEKDAYS[m.weekday]} {day_part(m.hour)}"


def context_phrase(m: Moment) -> str:
    """For reasons: "weekday mornings", "Saturday nights"."""
    part = day_part(m.hour)
    days = "weekend" if m.weekday >= 5 else "weekday"
    return f"{days} {part}s"


def _day_parts() -> np.ndarray:
    names = ["night", "morning", "afternoon", "evening"]
    return np.array([names.index(day_part(h)) for h in range(24)])


def kernel_parts(local: np.ndarray, m: Moment, width: float = HOUR_WIDTH) -> tuple[np.ndarray, np.ndarray]:
    """(same day type, other day type) weights of each event for the moment ``m``: 0..1 each.

    Both are near-in-hour kernels; the first holds events on the same kind of day (weekday or
    weekend; the same weekday counts fully, another one of the same kind a bit less), the second the
    others. Signals back off from the first to the second only while the first has little evidence,
    so a few weekend mornings are enough to tell weekend mornings from weekday ones.
    """
    hours = (local % DAY) / 3600.0
    d = np.abs(hours - m.hour)
    d = np.minimum(d, 24 - d)
    # the day-part is a boundary people feel: 11:00 and 13:00 are closer in hours than in habit
    part_now = _PART_OF_HOUR[int(m.hour) % 24]
    k_hour = np.exp(-(d**2) / (2 * width**2)) * np.where(
        _PART_OF_HOUR[hours.astype(np.int64) % 24] == part_now, 1.0, OTHER_DAY_PART
    )
    wd = ((local // DAY + 3) % 7).astype(np.int64)
    same_type = (wd >= 5) == (m.weekday >= 5)
    same = k_hour * np.where(wd == m.weekday, 1.0, np.where(same_type, SAME_TYPE_OTHER_DAY, 0.0))
    other = k_hour * np.where(same_type, 0.0, 1.0)
    return same, other


_PART_OF_HOUR = _day_parts()
_PARTS = ("night", "morning", "afternoon", "evening")


def moment_kind(local: np.ndarray) -> np.ndarray:
    """Per local time (clock seconds): its day-part (0 night .. 3 evening) plus 4 on weekends (int8)."""
    days = local // DAY
    hours = ((local - days * DAY) // 3600).astype(np.int64) % 24
    return (_PART_OF_HOUR[hours] + 4 * (((days + 3) % 7) >= 5)).astype(np.int8)


def moment_kind_of(m: Moment) -> int:
    """The moment's own day-part and kind of day, as :func:`moment_kind` numbers them."""
    return _PARTS.index(day_part(m.hour)) + 4 * (m.weekday >= 5)


def kernel(local: np.ndarray, m: Moment) -> np.ndarray:
    """How much each event (by local clock seconds) speaks for the moment ``m``: 0..1."""
    same, other = kernel_parts(local, m)
    return same + OTHER_DAY_TYPE * other
