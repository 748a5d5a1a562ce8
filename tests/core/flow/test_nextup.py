"""nextup: session-based kNN learns what follows what; blending keeps sound and taste."""

from __future__ import annotations

from companion.core.flow.nextup import SessionKnn, blend, split_sessions


def test_what_followed_similar_sessions_comes_first():
    sessions = [[1, 2, 3, 4], [1, 2, 3, 4], [5, 2, 6, 7], [8, 9], [1, 2, 3, 4, 10]]
    knn = SessionKnn(sessions)
    scores = knn.scores([1, 2])
    assert max(scores, key=scores.get) == 3  # what came right after 1, 2 before
    assert scores[3] > scores[4] > 0 and 1 not in scores and 2 not in scores
    assert 9 not in scores  # sessions sharing nothing do not vote
    assert knn.scores([]) == {} and SessionKnn([]).scores([1]) == {}


def test_recent_tracks_of_the_session_weigh_more():
    knn = SessionKnn([[1, 20], [2, 30]])
    scores = knn.scores([1, 2])  # 2 is the latest: what followed it leads
    assert scores[30] > scores[20]


def test_split_sessions_and_blend():
    assert split_sessions([0, 60, 5000, 5060], [1, 2, 3, 4], gap=1800) == [[1, 2], [3, 4]]
    out = blend({1: 0.9, 2: 0.5}, {2: 1.0, 3: 1.0}, weight=1.0)
    assert out == {1: 0.9, 2: 1.5, 3: 1.5}
