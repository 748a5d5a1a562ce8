"""Everything the row builders need for one moment, computed once per home."""

from __future__ import annotations

import math
import sqlite3
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

import numpy as np

from companion.core.taste import names
from companion.core.taste import signals as sg
from companion.core.taste.context import Moment, context_phrase
from companion.core.taste.eventlog import EventLog
from companion.core.taste.library import Library
from companion.core.taste.model import Model
from companion.core.taste.moods import mood_scores
from companion.core.taste.notnow import NotNow, not_now
from companion.core.taste.rows import RowItem

MIN_SATISFACTION = 0.4  # below this (early skips, low ratings, a skipped genre) an item leaves the mixes


@dataclass
class View:
    conn: sqlite3.Connection
    lib: Library
    log: EventLog
    model: Model
    sig: sg.Signals
    moment: Moment
    exploration: float
    last_event_id: int
    playlist_boost: np.ndarray | None = None
    _cache: dict[Any, Any] = field(default_factory=dict)  # shared across looks while the library is unchanged
    memo: dict[Any, Any] = field(default_factory=dict)  # this look only

    @property
    def params(self) -> sg.Params:
        return self.model.params

    @property
    def emb(self) -> np.ndarray:
        return self.model.emb

    @cached_property
    def discovery_share(self) -> float:
        """The tuned share of discovery, moved toward the person's exploration setting."""
        return float(np.clip(0.5 * self.params.discovery_share + 0.6 * self.exploration, 0.0, 0.8))

    @cached_property
    def base_score(self) -> np.ndarray:
        """Taste without context, for rows that are not about this moment."""
        s = self.sig.score(0.0)
        return s if self.playlist_boost is None else s + self.playlist_boost

    @cached_property
    def now_score(self) -> np.ndarray:
        s = self.sig.score(self.params.context_weight)
        return s if self.playlist_boost is None else s + self.playlist_boost

    @cached_property
    def playable(self) -> np.ndarray:
        """Playable and not disliked: only these may appear anywhere (search, Continue)."""
        return self.lib.ok & self.sig.allowed

    @cached_property
    def usable(self) -> np.ndarray:
        """What a mix may hold: playable, and no suspect file (an implausible length, audio the analysis could
        not decode) unless it has been played through once."""
        return self.playable & (~self.lib.suspect | (self.sig.completions > 0))

    @cached_property
    def nameable(self) -> frozenset[str]:
        """Genres that may name a mix (words people use, on enough recordings; see names.py)."""
        key = ("nameable", self.lib.fingerprint)
        if key not in self._cache:
            self._cache[key] = names.nameable_genres(self.lib, ~self.lib.is_video & ~self.lib.spoken)
        return self._cache[key]

    def led_by(self, genres: tuple[str, ...] | list[str]) -> np.ndarray:
        """Entries whose primary genre is one of ``genres`` (they hold it, so a mix of them may be named so)."""
        codes = [c for c in (self.lib.genre_names.index.get(g) for g in genres) if c is not None]
        return np.isin(self.lib.genre_code, codes)

    def neighbourhood(
        self, sims: np.ndarray, key: object, video: bool = False, closeness: float = 0.3
    ) -> np.ndarray:
        """Items whose similarity is at least ``closeness`` of the way from the typical item's to the closest
        ones' (the 99th percentile), among the library's playable music (or video): a neighbourhood whatever
        the size of the library. The threshold depends on the library and the model only: cached by ``key``."""
        cache_key = ("near", key, video, closeness, self.model.cutoff_ts, self.model.n_events)
        threshold = self._cache.get(cache_key)
        if threshold is None:
            among = self.lib.ok & (self.lib.is_video if video else ~self.lib.is_video & ~self.lib.spoken)
            values = sims[among]
            if not len(values):
                return np.zeros(len(sims), bool)
            k50, k99 = (len(values) - 1) // 2, int(0.99 * (len(values) - 1))
            part = np.partition(values, [k50, k99])
            threshold = self._cache[cache_key] = float(part[k50] + closeness * (part[k99] - part[k50]))
        return sims >= threshold

    @cached_property
    def not_now(self) -> NotNow:
        """Items and genres skipped early at this day-part and kind of day (kept out of the moment's row)."""
        return not_now(self.lib, self.log, self.sig.n_events, self.sig.moment, self.params.half_life_days)

    @property
    def moods(self) -> dict[str, np.ndarray]:
        """Mood fit per item (cached with the library, shared across looks)."""
        key = ("moods", self.lib.fingerprint)
        if key not in self._cache:
            self._cache[key] = mood_scores(self.lib)
        return self._cache[key]

    @cached_property
    def welcome(self) -> np.ndarray:
        """Usable and not something the person keeps skipping (or rated low), overall or at this moment
        (folk skipped every afternoon is still welcome on the weekend mornings it is played): what mixes
        may hold."""
        return self.usable & (
            np.maximum(self.sig.satisfaction, self.sig.satisfaction_ctx) >= MIN_SATISFACTION
        )

    @cached_property
    def music(self) -> np.ndarray:
        """What music mixes may hold: welcome music, never spoken word."""
        return self.welcome & ~self.lib.is_video & ~self.lib.spoken

    @cached_property
    def video(self) -> np.ndarray:
        return self.welcome & self.lib.is_video

    @cached_property
    def taste_vector(self) -> np.ndarray:
        """The person's centre in embedding space: liked items weighted by evidence."""
        return self.taste_vector_of(self.sig)

    def taste_vector_of(self, sig: sg.Signals) -> np.ndarray:
        w = np.clip(sig.pos * (sig.satisfaction - 0.45), 0, None)
        if w.sum() <= 0:
            return np.zeros(self.emb.shape[1], np.float32)
        v = np.einsum("i,ij->j", w.astype(np.float32), self.emb)
        return v / max(1e-9, float(np.linalg.norm(v)))

    def similarity(self, vector: np.ndarray) -> np.ndarray:
        """Cosine similarity of every item to ``vector`` (einsum: no BLAS thread start-up on a busy machine)."""
        return np.einsum("ij,j->i", self.emb, vector.astype(np.float32))

    def base_rank(self, video: bool) -> np.ndarray:
        """``rank_norm(base_score)`` over music or over video, computed once per look."""
        key = ("base-rank", video)
        if key not in self.memo:
            self.memo[key] = self.rank_norm(self.base_score, self.video if video else self.music)
        return self.memo[key]

    def rank_norm(self, score: np.ndarray, mask: np.ndarray) -> np.ndarray:
        """Scores mapped to 0..1 by rank within ``mask`` (so different scales can be blended)."""
        out = np.zeros(len(score))
        idx = np.flatnonzero(mask)
        if len(idx):
            vals = score[idx]
            out[idx] = np.searchsorted(np.sort(vals), vals, side="right") / len(idx)  # ties share a rank
        return out

    # --- reasons ---------------------------------------------------------------------------------------

    def reasons(self, i: int, lead: str | None = None) -> list[str]:
        """Plain-words reasons for item ``i``, most important first."""
        s, lib = self.sig, self.lib
        out: list[str] = [lead] if lead else []
        if s.liked[i] > 0:
            out.append("you liked this")
        if s.stars[i] >= 4:
            out.append(f"you rated it {s.stars[i]:g} stars")
        if s.plays[i] >= 2 and s.pos_ctx[i] / max(1e-9, s.pos[i]) > 0.5:
            out.append(f"you {'watch' if lib.is_video[i] else 'play'} this on {context_phrase(self.moment)}")
        elif s.sound_weight > 0 and s.sound_lift[i] > 0.7:
            out.append(f"has the tempo and feel of your {context_phrase(self.moment)}")
        if s.plays_30d[i] >= 3:
            out.append(f"played {int(s.plays_30d[i])} times in the last 30 days")
        elif s.plays[i] >= 1:
            verb = "watched" if lib.is_video[i] else "played"
            out.append(f"you {verb} this {int(s.plays[i])} time{'s' if s.plays[i] != 1 else ''}")
        elif s.skips[i] == 0:
            who = lib.artist[i]
            a = lib.artist_code[i]
            if who and a >= 0 and self.artist_plays[a] >= 3:
                out.append(
                    f"new to you, by {who}, whom you play often"
                    if not lib.is_video[i]
                    else f"new to you, from {who}, which you watch"
                )
            elif lib.genres[i] and self.genre_liked(lib.genres[i][0]):
                out.append(f"new to you: you like {lib.genres[i][0]}")
            else:
                out.append("new to you")
        if math.isnan(s.stars[i]) and lib.tag_rating[i] >= 4:
            out.append(f"rated {lib.tag_rating[i]:g} stars in your files")
        if lib.tag_play_count[i] >= 5 and s.plays[i] == 0:
            out.append(f"played {int(lib.tag_play_count[i])} times before (from your files)")
        if 0 <= self.moment.ts - lib.added_at[i] < 14 * 86400:
            out.append("added recently")
        return list(dict.fromkeys(out)) or ["from your library"]  # each reason once, in order

    @cached_property
    def artist_plays(self) -> np.ndarray:
        codes = self.lib.artist_code
        valid = codes >= 0
        return np.bincount(codes[valid], self.sig.plays[valid], max(1, len(self.lib.artists.names)))

    def genre_liked(self, genre: str) -> bool:
        code = self.lib.genre_names.index.get(genre)
        if code is None:
            return False
        key = ("genre_plays",)
        if key not in self._cache:
            valid = self.lib.genre_code >= 0
            self._cache[key] = np.bincount(
                self.lib.genre_code[valid], self.sig.plays[valid], max(1, len(self.lib.genre_names.names))
            )
        plays = self._cache[key]
        return bool(plays[code] >= 3)

    def item(
        self, i: int, score: float, lead: str | None = None, resume_position: float | None = None
    ) -> RowItem:
        lib = self.lib
        reasons = tuple(self.reasons(i, lead))
        dur = float(lib.duration[i])
        return RowItem(
            item_id=int(lib.ids[i]),
            path=lib.path[i],
            kind="video" if lib.is_video[i] else ("spoken" if lib.spoken[i] else "music"),
            title=lib.title[i],
            artist=lib.artist[i],
            reason=reasons[0],
            score=float(score),
            duration=None if math.isnan(dur) else dur,
            album=lib.album[i],
            cover_key=lib.cover_key[i],
            resume_position=resume_position,
            reasons=reasons,
            recording_id=int(lib.recording[i]),
            files=int(lib.files[i]),
        )
