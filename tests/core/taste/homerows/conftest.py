"""The taste engine's view of the listened library (tests/core/taste/conftest.py) at a moment, for calling one
row's builder directly."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from companion.core.taste.home import view_at
from companion.core.taste.view import View


@pytest.fixture
def view_of(db, profile, listened) -> Callable[[timedelta], View]:
    """``view_of(after)``: the view ``after`` the two listened weeks ended."""
    _, end = listened

    def make(after: timedelta = timedelta(days=1, hours=8)) -> View:
        return view_at(db, profile, end + after)

    return make
