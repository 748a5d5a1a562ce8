"""Accent- and typo-tolerant word matching for search.

Words are folded (NFKD, accents dropped, case-folded). A query word matches a library
word exactly, as a prefix (3+ letters), or within one edit (insert, delete, substitute,
swap) for words of 4+ letters, found through a delete-neighbourhood index (SymSpell):
every word's one-letter deletions point back to it, so a lookup costs a few dict hits.
"""

from __future__ import annotations

import bisect
import re
import unicodedata
from collections import defaultdict

import numpy as np

_WORD = re.compile(r"[a-z0-9]+")
EXACT, PREFIX, TYPO = 1.0, 0.8, 0.7


def fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(c for c in decomposed if not unicodedata.combining(c))
    return stripped.casefold().replace("ß", "ss").replace("ø", "o").replace("æ", "ae").replace("đ", "d")


def words(text: str | None) -> list[str]:
    return _WORD.findall(fold(text)) if text else []


def _deletes(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))}


def within_one_edit(a: str, b: str) -> bool:
    """Damerau-Levenshtein distance <= 1."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la == lb:
        diff = [i for i in range(la) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2
            and diff[1] == diff[0] + 1
            and a[diff[0]] == b[diff[1]]
            and a[diff[1]] == b[diff[0]]
        )
    if la > lb:
        a, b = b, a
    return any(b[:i] + b[i + 1 :] == a for i in range(len(b)))


class WordIndex:
    """Word -> item positions, with prefix and one-edit lookups; two fields: names and tags."""

    def __init__(self, docs: list[tuple[str, str]]) -> None:
        postings: dict[str, dict[int, float]] = defaultdict(dict)
        for i, (names, tags) in enumerate(docs):
            for w in words(tags):
                postings[w][i] = max(postings[w].get(i, 0.0), 0.7)
            for w in words(names):
                postings[w][i] = 1.0
        self.postings = {
            w: (np.fromiter(p.keys(), np.int64), np.fromiter(p.values(), float)) for w, p in postings.items()
        }
        self.sorted_words = sorted(self.postings)
        self.deletes: dict[str, list[str]] = defaultdict(list)
        for w in self.sorted_words:
            if len(w) >= 4:
                for d in _deletes(w):
                    self.deletes[d].append(w)

    def variants(self, q: str) -> dict[str, float]:
        """Library words that ``q`` may mean, with how well they match."""
        out: dict[str, float] = {}
        if q in self.postings:
            out[q] = EXACT
        if len(q) >= 3:
            start = bisect.bisect_left(self.sorted_words, q)
            for w in self.sorted_words[start : start + 200]:
                if not w.startswith(q):
                    break
                out.setdefault(w, PREFIX)
        if len(q) >= 4:
            candidates = set(self.deletes.get(q, ()))
            for d in _deletes(q):
                if d in self.postings:
                    candidates.add(d)
                candidates.update(self.deletes.get(d, ()))
            for w in candidates:
                if w not in out and within_one_edit(q, w):
                    out[w] = TYPO
        return out

    def match(self, q: str, size: int) -> np.ndarray:
        """(size,) best match strength of query word ``q`` per item, 0 where it does not match."""
        score = np.zeros(size)
        for w, strength in self.variants(q).items():
            idx, weight = self.postings[w]
            np.maximum.at(score, idx, weight * strength)
        return score
