"""The analyser's worker on hostile media: truncated, bit-flipped and spliced real files give features or a
reason, never a crash, a hang or unbounded memory."""

from __future__ import annotations

import resource

from hypothesis import given
from hypothesis import strategies as st

from companion.core.analysis.worker import analyse_job
from tests.core.media.hostile import FUZZ, fuzzed, mutation, seeds  # noqa: F401 (the fixture)


@FUZZ
@given(pick=st.integers(0, 100), other=st.integers(0, 100), how=mutation)
def test_the_analyser_survives_mutated_files(seeds, tmp_path, pick, other, how):  # noqa: F811 (the imported fixture)
    path, _ = fuzzed(seeds, tmp_path, pick, other, how)
    item_id, features, error = analyse_job(1, str(path), None)
    assert item_id == 1
    assert (features is not None) != bool(error), "either features or a reason"
    # memory stays bounded: far below what an unbounded read of a corrupt length field would take
    assert resource.getrusage(resource.RUSAGE_SELF).ru_maxrss < 2_000_000  # KiB
