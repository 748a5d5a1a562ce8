import math

import pytest

from benchmarks.eval.docs import replace_block
from benchmarks.eval.metrics import dcg_at_k, ndcg_at_k, recall_at_k, relative_gain, share


def test_ndcg_perfect_and_empty():
    assert ndcg_at_k([1, 2, 3], {1, 2}, 20) == pytest.approx(1.0)
    assert ndcg_at_k([1, 2, 3], set(), 20) == 0.0
    assert ndcg_at_k([7, 8], {1}, 20) == 0.0


def test_ndcg_known_value_and_cutoff():
    # one relevant item at rank 2: DCG = 1/log2(3), ideal = 1
    assert ndcg_at_k([9, 1], {1}, 20) == pytest.approx(1 / math.log2(3))
    # beyond k counts nothing
    assert ndcg_at_k([9, 8, 1], {1}, 2) == 0.0
    # two relevant, one found first: ideal has two hits
    assert ndcg_at_k([1, 9], {1, 2}, 20) == pytest.approx(1 / (1 + 1 / math.log2(3)))
    assert dcg_at_k([1, 2], {1, 2}, 1) == pytest.approx(1.0)


def test_duplicates_do_not_count_twice():
    assert ndcg_at_k([1, 1, 1], {1, 2}, 3) == pytest.approx(1 / (1 + 1 / math.log2(3)))
    assert recall_at_k([1, 1, 1], {1, 2}, 3) == 0.5


def test_recall_is_hits_over_relevant():
    assert recall_at_k([1, 2, 3, 4], {2, 4, 6, 8}, 3) == 0.25
    assert recall_at_k([1], set(), 20) == 0.0


def test_share_and_gain():
    assert share([]) is None
    assert share([True, False, False, True]) == 0.5
    assert relative_gain(0.12, 0.10) == pytest.approx(0.2)
    assert relative_gain(None, 0.1) is None and relative_gain(0.1, 0.0) is None


def test_docs_blocks_replace_only_their_part():
    text = "# T\n\nintro\n"
    text = replace_block(text, "sim", "first")
    text = replace_block(text, "movielens", "ml figures")
    text = replace_block(text, "sim", "second")
    assert "first" not in text and "second" in text and "ml figures" in text
    assert text.startswith("# T\n\nintro\n") and text.count("<!-- sim:start -->") == 1
