"""Time in a prompt: "last summer", "in March", "this year", "in 2025", "lately" (a span of the calendar) and
"on Sunday mornings", "at night", "on weekends" (a time of the week that recurs).

Spans are in *local clock seconds* (UTC seconds plus the offset the event was recorded with, the taste
engine's ``EventLog.local``), so "in the morning" means the person's morning wherever they were. Seasons are
the northern hemisphere's (summer is June to August). A span is never in the future: "in March" is the latest
March that has begun, "last summer" the latest summer that has ended.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from companion.core.taste.context import WEEKDAYS, Moment

MONTHS = (
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
)
_MONTH_RE = "|".join([*MONTHS, *(m[:3] for m in MONTHS if m != "may"), "sept"])
SEASONS = {"spring": 3, "summer": 6, "autumn": 9, "fall": 9, "winter": 12}  # first month of each
DAY_PARTS = {"morning": (5, 12), "afternoon": (12, 17), "evening": (17, 22), "night": (22, 5)}
LATELY_DAYS = 30


@dataclass(frozen=True)
class Span:
    """[start, end) in local clock seconds, and the chip's words ("last summer: Jun-Aug 2026")."""

    start: float
    end: float
    label: str


@dataclass(frozen=True)
class Weekly:
    """A time of the week: weekdays (Monday = 0) and hours [start, end) (end < start wraps midnight)."""

    days: tuple[int, ...]
    hours: tuple[int, int]
    label: str


def _local(seconds: float) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _sec(d: datetime) -> float:
    return d.replace(tzinfo=UTC).timestamp()


def _month_start(year: int, month: int) -> datetime:
    while month > 12:
        year, month = year + 1, month - 12
    while month < 1:
        year, month = year - 1, month + 12
    return datetime(year, month, 1)


def _mon(d: datetime) -> str:
    return d.strftime("%b %Y")


def month_of(word: str) -> int | None:
    w = word[:3]
    return next((k + 1 for k, m in enumerate(MONTHS) if m.startswith(w)), None)


def season(name: str, which: str, year: int | None, now: datetime) -> Span:
    """``which`` is last | this | in (the latest that has begun), or a given ``year``."""
    first = SEASONS[name]
    if year is not None:
        start = _month_start(year - (1 if first == 12 else 0), first)
    else:
        start = _month_start(now.year, first)
        if first == 12 and now.month < 12:
            start = _month_start(now.year - 1, 12)
        end = _month_start(start.year, start.month + 3)
        if which == "last":
            while end > now:
                start = _month_start(start.year - 1, start.month)
                end = _month_start(start.year, start.month + 3)
        elif start > now:
            start = _month_start(start.year - 1, start.month)
    end = _month_start(start.year, start.month + 3)
    last = _month_start(end.year, end.month - 1)
    words = f"{which} {name}" if year is None else f"{name} {year}"
    return Span(_sec(start), _sec(end), f"{words}: {start:%b}-{last:%b} {last.year}")


def month(number: int, year: int | None, strictly_before: bool, now: datetime) -> Span:
    y = now.year if year is None else year
    start = datetime(y, number, 1)
    if year is None and (start > now or (strictly_before and start.month == now.month)):
        start = datetime(y - 1, number, 1)
    end = _month_start(start.year, start.month + 1)
    return Span(_sec(start), _sec(end), f"in {MONTHS[number - 1].title()}: {_mon(start)}")


def relative(phrase: str, now: datetime) -> Span | None:
    """this/last year|month|week, yesterday, today, lately, the last N days/weeks/months."""
    midnight = datetime(now.year, now.month, now.day)
    got = re.fullmatch(r"(?:in |over |during )?(?:the )?(?:last|past) (\d+) (day|week|month)s?", phrase)
    if got:
        n, unit = int(got.group(1)), got.group(2)
        days = n * {"day": 1, "week": 7, "month": 30}[unit]
        return Span(_sec(now - timedelta(days=days)), _sec(now) + 1, f"the last {n} {unit}s")
    table: dict[str, tuple[datetime, datetime, str]] = {
        "this year": (datetime(now.year, 1, 1), now, f"this year: {now.year}"),
        "last year": (datetime(now.year - 1, 1, 1), datetime(now.year, 1, 1), f"last year: {now.year - 1}"),
        "this month": (_month_start(now.year, now.month), now, f"this month: {_mon(now)}"),
        "last month": (
            _month_start(now.year, now.month - 1),
            _month_start(now.year, now.month),
            f"last month: {_mon(_month_start(now.year, now.month - 1))}",
        ),
        "this week": (midnight - timedelta(days=now.weekday()), now, "this week"),
        "last week": (
            midnight - timedelta(days=now.weekday() + 7),
            midnight - timedelta(days=now.weekday()),
            "last week",
        ),
        "yesterday": (midnight - timedelta(days=1), midnight, "yesterday"),
        "today": (midnight, now, "today"),
    }
    if phrase in table:
        start, end, label = table[phrase]
        return Span(_sec(start), _sec(end) + (1 if end is now else 0), label)
    if phrase in ("lately", "recently", "these days", "of late"):
        return Span(
            _sec(now - timedelta(days=LATELY_DAYS)), _sec(now) + 1, f"lately: the last {LATELY_DAYS} days"
        )
    return None


def year(number: int, now: datetime) -> Span:
    end = datetime(number + 1, 1, 1)
    return Span(_sec(datetime(number, 1, 1)), _sec(min(end, now + timedelta(seconds=1))), f"in {number}")


# --- times of the week ---------------------------------------------------------------------------------

_DAY_RE = "|".join(d.lower() for d in WEEKDAYS)
WEEKLY_RE = re.compile(
    rf"\b(?P<prep>on |at |in the |during the |late at |late |early )?"
    rf"(?:(?P<day>{_DAY_RE}|weekday|weekend)s?\s*)?"
    rf"(?P<part>(?:early |late )?(?:morning|afternoon|evening|night))?(?P<plural>s)?\b"
)


def weekly_match(m: re.Match[str]) -> Weekly | None:
    """A match of ``WEEKLY_RE`` as a time of the week; a bare "night" or "morning" (no preposition, no day,
    not plural) is a word of a name ("Night Bus"), not a time."""
    if not m.group("day") and not m.group("prep") and not m.group("plural"):
        return None
    return weekly(m.group("day"), m.group("part"))


def weekly(day: str | None, part: str | None) -> Weekly | None:
    """'sunday' + 'morning' -> Sundays 05-12; 'weekend' -> Saturdays and Sundays all day; None + 'night'."""
    if not day and not part:
        return None
    if day == "weekend":
        days: tuple[int, ...] = (5, 6)
    elif day == "weekday":
        days = (0, 1, 2, 3, 4)
    elif day:
        days = (next(k for k, d in enumerate(WEEKDAYS) if d.lower() == day),)
    else:
        days = tuple(range(7))
    hours = (0, 24)
    if part:
        base = part.split()[-1]
        hours = DAY_PARTS[base]
        if part.startswith("early "):
            hours = (hours[0], hours[0] + 3) if base != "night" else (0, 3)
        elif part.startswith("late "):
            hours = (hours[1] - 3, hours[1]) if base != "night" else (0, 5)
    day_words = {(5, 6): "weekends", (0, 1, 2, 3, 4): "weekdays"}.get(days)
    if day_words is None:
        day_words = "" if len(days) == 7 else WEEKDAYS[days[0]] + ("" if part else "s")
    label = " ".join(filter(None, ("on " + day_words if day_words else "", (part + "s") if part else "")))
    if not day_words and part:
        label = "at night" if part == "night" else f"in the {part}"
    return Weekly(days, hours, f"{label}: {hours[0]:02d}:00-{hours[1] % 24:02d}:00" if part else label)


def now_local(m: Moment) -> datetime:
    """The moment's local calendar time (naive)."""
    return _local(m.local).replace(tzinfo=None)


__all__ = [
    "MONTHS",
    "Span",
    "Weekly",
    "month",
    "month_of",
    "now_local",
    "relative",
    "season",
    "weekly",
    "year",
]
