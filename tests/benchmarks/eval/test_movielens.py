import json

import numpy as np

from benchmarks.eval import ml_baselines as mb
from benchmarks.eval.ml_replay import cut_indices, evaluate_user
from benchmarks.eval.movielens import choose_library, insert_movies, load_movielens, parse_title


def test_parse_title():
    assert parse_title("Toy Story (1995)") == ("Toy Story", 1995)
    assert parse_title("Misérables, Les (1995) ") == ("Misérables, Les", 1995)
    assert parse_title("Babylon 5") == ("Babylon 5", None)


def test_load_and_user_order(tiny):
    assert len(tiny.movies) == 8 and len(tiny.stars) == 11
    assert tiny.movies[7].genres == () and tiny.movies[2].title == "Misérables, Les"
    items, stars, ts = tiny.user_ratings(1)
    assert items.tolist() == [1, 3, 4, 5, 6] and ts.tolist() == [100, 100, 200, 300, 400]
    assert tiny.users_with_at_least(4) == [1]


def test_library_holds_everything_rated_and_tags_of_others(tiny, db):
    lib = choose_library(tiny, 1, np.random.default_rng(0), size=7)
    assert set(lib) >= {1, 3, 4, 5, 6} and len(lib) == 7
    mapping = insert_movies(db, tiny, lib, user=1, added_at=0.0)
    row = db.execute(
        "SELECT kind, video_type, title, year, genres, extra FROM items WHERE id=?", (mapping[3],)
    ).fetchone()
    assert (row["kind"], row["video_type"], row["title"], row["year"]) == ("video", "movie", "Alien", 1979)
    assert json.loads(row["genres"]) == ["Horror", "Sci-Fi"]
    assert json.loads(row["extra"])["tags"] == ["scary"]  # the user's own "space" tag is left out


def test_cut_points_move_back_to_the_first_equal_timestamp():
    ts = np.array([10, 20, 30, 30, 30, 30, 40, 50, 60, 70])
    assert cut_indices(ts) == [2, 6, 7, 8, 9]


def _cut(tiny, user, at, library):
    items, stars, ts = tiny.user_ratings(user)
    before = ts < at
    return mb.Cut(tiny, user, at, library, items[before], stars[before])


def test_genre_profile_prefers_liked_genres(tiny):
    cut = _cut(tiny, 1, 350, [1, 2, 3, 4, 5, 6, 7, 8])  # liked Sci-Fi/Horror, disliked Children's
    ranked = mb.genre_profile_rank(cut, np.random.default_rng(0), 3)
    assert 1 not in ranked and 3 not in ranked  # already seen
    assert ranked[0] == 6  # the only one sharing a liked genre (Action)


def test_item_knn_and_popular_see_only_the_past(tiny):
    cut = _cut(tiny, 1, 150, [1, 2, 3, 4, 5, 6, 7, 8])  # user 1 has seen 1 and 3
    # before t=150 only user 2 co-rated 3 with 4 (and 8); user 3's ratings come later
    knn = mb.item_knn_rank(cut, 3)
    assert knn[0] == 4 and 5 not in knn[:2]
    pop = mb.popular_rank(cut, 2)
    assert pop[0] in (4, 8)


def test_evaluate_user_baselines_only(tiny, tmp_path):
    points = evaluate_user(tiny, 1, tmp_path, seed=0, engine=False, errors=[])
    assert points and all(
        set(p.ndcg) == {"random", "genre profile", "popular (all users)", "item-kNN (all users)"}
        for p in points
    )
    assert all(0.0 <= v <= 1.0 for p in points for v in p.ndcg.values())
    assert not any(tmp_path.glob("ml-user-*"))  # per-user profiles are removed


def test_real_movielens_shape(shared_data):
    ml = load_movielens(shared_data / "ratings" / "ml-latest-small")
    assert len(ml.stars) == 100_836 and len(set(ml.users.tolist())) == 610 and len(ml.movies) == 9_742
    assert ml.stars.min() == 0.5 and ml.stars.max() == 5.0
    assert len(ml.users_with_at_least(50)) > 300


def test_popular_fill_prefers_rated_movies(tiny):
    # movies 3, 4, 5 are rated by several users, 2 and 7 by nobody
    picks = [
        m
        for seed in range(40)
        for m in choose_library(tiny, 3, np.random.default_rng(seed), size=4, fill="popular")
        if m not in (3, 4, 5)
    ]
    assert picks.count(1) + picks.count(8) > picks.count(2) + picks.count(7)
