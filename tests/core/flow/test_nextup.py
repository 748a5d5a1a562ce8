"""nextup: session-based kNN learns what follows what; blending keeps sound and taste."""

from __future__ import annotations

from companion.core.flow.nextup import NextUp, SequenceRules, SessionKnn, blend, split_sessions


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
    # a dropped play is left out and cuts its session: 1 never came right before 3
    assert split_sessions([0, 60, 120], [1, 2, 3], 1800, ids=[10, 11, 12], drop={11}) == [[1], [3]]
    out = blend({1: 0.9, 2: 0.5}, {2: 1.0, 3: 1.0}, weight=1.0)
    assert out == {1: 0.9, 2: 1.5, 3: 1.5}


def test_sequence_rules_score_what_directly_followed_the_latest_tracks():
    rules = SequenceRules([[1, 2, 3, 4], [7, 2, 5], [2, 5, 6]])
    scores = rules.scores([9, 2])
    assert max(scores, key=scores.get) == 5  # right after 2 twice, against 3 once
    assert scores[5] == 1.0 and scores[3] > scores[4] > 0  # one play later counts more than two
    assert 7 not in scores and 1 not in scores  # only what came after
    assert rules.scores([42]) == {} and SequenceRules([]).scores([1]) == {}


def test_next_up_mixes_knn_and_rules_and_a_direct_follower_leads():
    # 10 always came straight after 3; 20 shares sessions with 1, 2, 3 but never followed 3
    sessions = [[1, 2, 3, 10], [1, 2, 20, 3, 10], [1, 2, 20, 21], [3, 10, 22]]
    nextup = NextUp(sessions)
    assert len(nextup) == 4
    scores = nextup.scores([1, 2, 3])
    assert max(scores, key=scores.get) == 10 and max(scores.values()) == 1.0
    assert all(0 < v <= 1 for v in scores.values()) and 3 not in nextup.knn.scores([1, 2, 3])
    assert NextUp([]).scores([1]) == {}
