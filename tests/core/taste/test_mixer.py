"""Turning scores into a mix: artist caps (on the first page too), albums apart, overlaps with other rows."""

from __future__ import annotations

import numpy as np

from companion.core.taste import mixer


class Lib:
    def __init__(self, artists, albums):
        self.artist_code = np.asarray(artists, np.int32)
        self.album_code = np.asarray(albums, np.int32)


def test_overlap_holds_in_every_prefix():
    lib = Lib(range(40), range(40))
    other = frozenset(range(0, 20))  # the other row holds the 20 best candidates
    picks = mixer.diversify(np.arange(40), lib, 20, overlaps=[mixer.Overlap(other, 0.4, 20)])
    shared = 0
    for n, i in enumerate(picks, 1):
        shared += i in other
        assert shared <= 0.4 * n + 1e-9
    assert len(picks) == 20 and shared == 8


def test_overlap_never_exceeds_the_share_of_the_other_row():
    lib = Lib(range(40), range(40))
    picks = mixer.diversify(np.arange(40), lib, 30, overlaps=[mixer.Overlap(frozenset(range(5)), 0.2, 5)])
    assert len(set(picks) & set(range(5))) <= 1


def test_artist_cap_on_the_first_page_and_in_the_whole_mix():
    lib = Lib([0] * 20 + list(range(1, 41)), range(60))
    picks = mixer.diversify(np.arange(60), lib, 50, shown=25)
    assert sum(lib.artist_code[i] == 0 for i in picks[:25]) <= 5
    assert sum(lib.artist_code[i] == 0 for i in picks) <= 10


def test_albums_apart_unless_the_mix_would_stay_too_short():
    lib = Lib([0, 1, 2, 3, 4, 5, 6, 7], [0, 0, 0, 0, 0, 1, 1, 1])
    apart = mixer.diversify(np.arange(8), lib, 8, max_share=1.0)
    assert all(lib.album_code[a] != lib.album_code[b] for a, b in zip(apart, apart[1:], strict=False))
    assert len(apart) < 8
    filled = mixer.diversify(np.arange(8), lib, 8, max_share=1.0, fill_to=8)
    assert sorted(filled) == list(range(8))
