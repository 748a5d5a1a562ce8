"""A real player on a fresh profile, with short media files made on the spot."""

from __future__ import annotations

import pytest

from companion.core.media.synth import tone, write_audio, write_video
from tests.core.events.helpers import add_item


@pytest.fixture
def make_track(store, tmp_path):
    """make_track(name, seconds) -> item id of a real audio file in the library."""

    def make(name: str, seconds: float = 2.0, **columns: object) -> int:
        path = write_audio(tmp_path / name, tone(seconds, freq=330 + 10 * len(name)))
        return add_item(store.conn(), path, duration=seconds, **columns)

    return make


@pytest.fixture
def make_video(store, tmp_path):
    def make(name: str, seconds: float = 2.0, fps: int = 12, **columns: object) -> int:
        path = write_video(tmp_path / name, seconds=seconds, fps=fps, size=(64, 36))
        return add_item(store.conn(), path, kind="video", duration=seconds, **columns)

    return make


@pytest.fixture
def player(qtbot, store):
    from companion.playback.player import Player

    p = Player(store)
    yield p
    p.close()


def wait_position(qtbot, player, seconds: float, timeout: int = 10_000) -> None:
    qtbot.waitUntil(lambda: player.position() >= seconds, timeout=timeout)


def stored(player, store, type: str | None = None):
    assert player.flush()
    from tests.core.events.helpers import events

    return events(store.conn(), type)
