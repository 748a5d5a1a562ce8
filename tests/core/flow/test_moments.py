"""moments: sessions, and which ones rise (warm-up) or fall (wind-down) in energy."""

from __future__ import annotations

import numpy as np

from companion.core.flow.moments import LATE_EVENING, MORNING, find_moments, in_hours, sessions

H = 3600.0


def test_sessions_split_on_gaps():
    ts = np.array([0, 100, 200, 5000, 5100, 20000.0])
    assert [list(s) for s in sessions(ts)] == [[0, 1, 2], [3, 4], [5]]
    assert sessions(np.zeros(0)) == []


def test_hours_windows_wrap_past_midnight():
    assert in_hours(8.5, MORNING) and not in_hours(12.0, MORNING)
    assert in_hours(23.0, LATE_EVENING) and in_hours(1.5, LATE_EVENING) and not in_hours(15.0, LATE_EVENING)


def days_of(energies_per_day: list[list[float]], hour: float) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    ts, energy = [], []
    for d, es in enumerate(energies_per_day):
        for k, e in enumerate(es):
            ts.append(d * 86400 + hour * H + k * 240)
            energy.append(e)
    t = np.array(ts)
    return t, t.copy(), np.array(energy)


def test_rising_mornings_are_found_only_when_there_are_enough():
    up = [0.1, 0.2, 0.35, 0.5, 0.7, 0.8]
    ts, local, e = days_of([up, up[::-1], up, [0.5] * 6], hour=8)  # 2 of 4: a habit
    found = find_moments(ts, local, e, MORNING, rising=True)
    assert found is not None and found.count == 2
    assert found.start_energy < 0.2 and found.end_energy > 0.7
    assert find_moments(ts, local, e, LATE_EVENING, rising=True) is None  # none of them is in the evening
    ts, local, e = days_of([up, up[::-1]], hour=8)
    assert find_moments(ts, local, e, MORNING, rising=True) is None  # one such morning is not a habit


def test_falling_late_evenings_with_unknown_energies():
    down = [0.8, np.nan, 0.6, 0.45, 0.3, 0.15]
    ts, local, e = days_of([down, down, down], hour=22)
    found = find_moments(ts, local, e, LATE_EVENING, rising=False)
    assert found is not None and found.count == 3 and found.end_energy < found.start_energy


def test_a_few_rising_sessions_among_many_are_chance():
    up, flat = [0.1, 0.2, 0.35, 0.5, 0.7, 0.8], [0.5, 0.3, 0.6, 0.4, 0.5, 0.3]
    ts, local, e = days_of([up, up, *[flat] * 8], hour=8)
    assert find_moments(ts, local, e, MORNING, rising=True) is None
