import pytest

from companion.core.library.normalize import fold, norm_artist, norm_mbid, norm_title, primary_artist


@pytest.mark.parametrize(
    "a, b",
    [
        ("Yellow - Remastered 2011", "Yellow"),
        ("Yellow (2011 Remaster)", "yellow"),
        ("Halo (feat. Jay-Z)", "Halo"),
        ("Halo feat. Jay-Z", "HALO"),
        ("Bohemian Rhapsody [Live]", "Bohemian Rhapsody"),
        ("Wonderwall - Live at Knebworth", "Wonderwall"),
        ("Déjà Vu", "deja vu"),
        ("Don't Stop Me Now!", "dont stop me now"),
        ("Rock & Roll", "rock and roll"),
    ],
)
def test_titles_that_mean_the_same_song_normalise_equal(a, b):
    assert norm_title(a) == norm_title(b)


def test_different_songs_stay_different():
    assert norm_title("Live Forever") != norm_title("Forever")  # "live" as a word in the title stays
    assert norm_title("Live Forever") == "live forever"
    assert norm_title("Yellow Submarine") != norm_title("Yellow")


def test_artists():
    assert norm_artist("The Beatles") == norm_artist("beatles")
    assert norm_artist("Beyoncé feat. JAY-Z") == norm_artist("Beyonce")
    assert primary_artist("Simon & Garfunkel") == "simon"
    assert primary_artist("Daft Punk, Pharrell Williams") == "daft punk"
    assert fold("Sigur Rós") == "sigur ros"
    assert fold("Mötley Crüe") == "motley crue"


def test_mbid():
    assert norm_mbid(" 0383DADF-2A4E-4D10-A46A-E9E041DA8EB3 ") == "0383dadf-2a4e-4d10-a46a-e9e041da8eb3"
    assert norm_mbid("not-an-id") == ""
