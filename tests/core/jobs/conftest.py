"""Jobs run the core's work: the taste engine's generated library and listener, the scanner's media makers."""

import pytest

from companion.core.jobs.operations import TasteService
from tests.core.analysis.conftest import audio_file  # noqa: F401 (fixtures)
from tests.core.library.conftest import make_audio, make_video, template_dir  # noqa: F401 (fixtures)
from tests.core.taste.conftest import library, listened  # noqa: F401 (fixtures)


@pytest.fixture
def worker(profile, db, listened):  # noqa: F811 (the imported fixture)
    w = TasteService(profile)
    yield w
    w.close()
