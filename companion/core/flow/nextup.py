"""What comes next, learned from the person's own listening sequences (session-based kNN).

Past listening is cut into sessions (plays with gaps under ``moments.SESSION_GAP_S``). For the
current session, the past sessions that share the most tracks with it, recent tracks weighing
more, are its neighbours; a track scores by the similarity of the neighbours that hold it, and
more when it came *after* the shared tracks there (what followed sessions like this one).
This is V-SKNN (Ludewig & Jannach, "Evaluation of session-based recommendation algorithms",
2018) with a successor bonus.

Session kNN votes for everything in the neighbouring sessions, so on a history where a track is
rarely followed by the same one twice it mostly repeats taste. ``SequenceRules`` (the "SR" method of
the same paper) adds what directly followed the latest tracks: a track that came 1, 2 or 3 plays
after another scores 1, 1/2, 1/3 each time. ``NextUp`` mixes the two (``RULES_SHARE``); radio and the
auto-DJ blend its scores with sound similarity and taste (``blend``). On the real Last.fm exports
the rules lifted the two exports where kNN added least (docs/taste_eval.md, section 5).
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Collection, Mapping, Sequence

NEIGHBOURS = 100  # past sessions that vote
RECENT_SESSIONS = 2000  # only the latest this many are looked at (a person's habits move)
AFTER_BONUS = 2.0  # a track that followed the shared tracks counts this much more than one before them
RULES_WINDOW = 3  # a track counts as following another up to this many plays later
RULES_DEPTH = 3  # the latest this many tracks of the session suggest their followers (the last one most)
RULES_SHARE = 0.7  # share of the rules in ``NextUp`` (the rest is session kNN)
# in ``blend``, a sequence score of 1 is worth the whole range of sound (0..1) and taste (0..1) together
SEQ_WEIGHT = 2.0


class SessionKnn:
    def __init__(self, sessions: Sequence[Sequence[int]], neighbours: int = NEIGHBOURS) -> None:
        self.sessions = [list(s) for s in sessions if len(s) >= 2][-RECENT_SESSIONS:]
        self.neighbours = neighbours
        self._holding: dict[int, list[int]] = defaultdict(list)  # item -> sessions that hold it
        for sid, s in enumerate(self.sessions):
            for item in set(s):
                self._holding[item].append(sid)

    def __len__(self) -> int:
        return len(self.sessions)

    def scores(self, current: Sequence[int]) -> dict[int, float]:
        """Item -> score (0..1, the best is 1) for what should follow ``current`` (oldest first)."""
        if not current or not self.sessions:
            return {}
        weight = {item: (k + 1) / len(current) for k, item in enumerate(current)}  # recent items weigh more
        sims: dict[int, float] = defaultdict(float)
        for item, w in weight.items():
            for sid in self._holding.get(item, ()):
                sims[sid] += w
        if not sims:
            return {}
        top = sorted(sims.items(), key=lambda kv: (-kv[1], -kv[0]))[: self.neighbours]
        out: dict[int, float] = defaultdict(float)
        for sid, sim in top:
            s = self.sessions[sid]
            norm = sim / math.sqrt(len(s))
            last_shared = max(k for k, item in enumerate(s) if item in weight)
            for k, item in enumerate(s):
                if item in weight:
                    continue
                gap = k - last_shared
                out[item] += norm * (AFTER_BONUS / gap if gap > 0 else 1.0 / (1 - gap))
        return _normalised(out)


class SequenceRules:
    """What followed what: for each track, the tracks played 1..``RULES_WINDOW`` plays after it (1/gap each)."""

    def __init__(self, sessions: Sequence[Sequence[int]], window: int = RULES_WINDOW) -> None:
        self._after: dict[int, dict[int, float]] = defaultdict(lambda: defaultdict(float))
        for s in list(sessions)[-RECENT_SESSIONS:]:
            for k, item in enumerate(s):
                for gap in range(1, window + 1):
                    if k + gap < len(s) and s[k + gap] != item:
                        self._after[item][s[k + gap]] += 1.0 / gap

    def scores(self, current: Sequence[int]) -> dict[int, float]:
        """Item -> score (0..1, the best is 1): the followers of the latest tracks, the last one most."""
        out: dict[int, float] = defaultdict(float)
        for back, item in enumerate(reversed(current[-RULES_DEPTH:])):
            for nxt, w in self._after.get(item, {}).items():
                out[nxt] += w / (back + 1)
        return _normalised(out)


class NextUp:
    """Session kNN and sequence rules over the same past sessions, mixed (``RULES_SHARE``)."""

    def __init__(self, sessions: Sequence[Sequence[int]]) -> None:
        self.knn = SessionKnn(sessions)
        self.rules = SequenceRules(self.knn.sessions)

    def __len__(self) -> int:
        return len(self.knn)

    def scores(self, current: Sequence[int]) -> dict[int, float]:
        """Item -> score (0..1, the best is 1) for what should follow ``current`` (oldest first)."""
        knn, rules = self.knn.scores(current), self.rules.scores(current)
        mixed = {
            i: (1 - RULES_SHARE) * knn.get(i, 0.0) + RULES_SHARE * rules.get(i, 0.0) for i in {*knn, *rules}
        }
        return _normalised(mixed)


def _normalised(scores: Mapping[int, float]) -> dict[int, float]:
    best = max(scores.values(), default=0.0)
    return {i: v / best for i, v in scores.items()} if best > 0 else {}


def split_sessions(
    times: Sequence[float],
    items: Sequence[int],
    gap: float,
    ids: Sequence[int] = (),
    drop: Collection[int] = (),
) -> list[list[int]]:
    """Plays (ascending times) cut into sessions wherever the gap exceeds ``gap`` seconds.

    ``drop``: event ids (``ids``, one per play) of plays to leave out; each also cuts its session there,
    so what came before and after it never follows each other (the last session may then be empty)."""
    out: list[list[int]] = []
    last = None
    for k, (t, item) in enumerate(zip(times, items, strict=True)):
        if last is None or t - last > gap:
            out.append([])
        last = t
        if drop and ids[k] in drop:
            out.append([])
        else:
            out[-1].append(int(item))
    return out


def blend(
    base: Mapping[int, float], seq: Mapping[int, float], weight: float = SEQ_WEIGHT
) -> dict[int, float]:
    """``base`` (sound similarity and taste, any scale) plus ``weight`` x sequence score, over both sets."""
    floor = min(base.values(), default=0.0)  # a track only the sequences suggest starts from the lowest base
    return {i: base.get(i, floor) + weight * seq.get(i, 0.0) for i in {*base, *seq}}
