"""The taste service's tests use the taste engine's generated library and simulated listener."""

import pytest

from companion.core.jobs.operations import TasteService
from tests.core.taste.conftest import library, listened  # noqa: F401 (fixtures)


@pytest.fixture
def worker(profile, db, listened):  # noqa: F811 (the imported fixture)
    w = TasteService(profile)
    yield w
    w.close()
