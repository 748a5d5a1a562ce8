"""A library of inserted items that every service's export is matched against."""

from __future__ import annotations

import pytest

from tests.core.importers.library import MBID, add_item


@pytest.fixture
def lib(db):
    return {
        "halo": add_item(
            db, "/m/halo.mp3", artist="Beyoncé", title="Halo", album="I Am... Sasha Fierce", duration=261.0
        ),
        "yesterday": add_item(
            db, "/m/yesterday.flac", artist="The Beatles", title="Yesterday", album="Help!", duration=125.0
        ),
        "yesterday_live": add_item(
            db,
            "/m/yesterday-live.flac",
            artist="The Beatles",
            title="Yesterday",
            album="Live at the BBC",
            duration=130.0,
        ),
        "by_id": add_item(
            db, "/m/x.ogg", artist="Somebody Else", title="Other Name", mb_track_id=MBID, duration=200.0
        ),
        "crown": add_item(
            db,
            "/v/crown-s01e01.mkv",
            kind="video",
            video_type="episode",
            show="The Crown",
            season=1,
            episode=1,
            title="Wolferton Splash",
            duration=3400.0,
        ),
        "st": add_item(
            db,
            "/v/st-s02e01.mkv",
            kind="video",
            video_type="episode",
            show="Stranger Things",
            season=2,
            episode=1,
            title="MADMAX",
            duration=2900.0,
        ),
        "movie": add_item(
            db, "/v/inception.mkv", kind="video", video_type="movie", title="Inception", duration=8880.0
        ),
    }
