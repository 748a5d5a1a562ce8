import pytest

from companion.core.library import ratings as r


@pytest.mark.parametrize(
    ("email", "byte", "stars"),
    [
        (r.WMP_EMAIL, 1, 1.0),
        (r.WMP_EMAIL, 64, 2.0),
        (r.WMP_EMAIL, 128, 3.0),
        (r.WMP_EMAIL, 196, 4.0),
        (r.WMP_EMAIL, 255, 5.0),
        (r.WMP_EMAIL, 0, None),
        (r.WINAMP_EMAIL, 196, 4.0),
        ("someone@else", 100, 3.0),
        (r.MEDIAMONKEY_EMAIL, 13, 0.5),
        (r.MEDIAMONKEY_EMAIL, 54, 1.5),
        (r.MEDIAMONKEY_EMAIL, 118, 2.5),
        (r.MEDIAMONKEY_EMAIL, 186, 3.5),
        (r.MEDIAMONKEY_EMAIL, 242, 4.5),
        (r.MUSICBEE_EMAIL, 186, 3.5),
        (r.MUSICBEE_EMAIL, 255, 5.0),
        (r.MEDIAMONKEY_EMAIL, 51, 1.0),
        (r.MEDIAMONKEY_EMAIL, 178, 3.5),
        (r.MEDIAMONKEY_EMAIL, 128, 3.0),
        (r.MUSICBEE_EMAIL, 51, 2.0),
        (r.QUODLIBET_EMAIL, 204, 4.0),
        (r.QUODLIBET_EMAIL, 0, 0.0),
        (r.BANSHEE_EMAIL, 0x01, 1.0),
        (r.BANSHEE_EMAIL, 0x40, 2.0),
        (r.BANSHEE_EMAIL, 0x80, 3.0),
        (r.BANSHEE_EMAIL, 0xC0, 4.0),
        (r.BANSHEE_EMAIL, 0xFF, 5.0),
        (r.BANSHEE_EMAIL, 0xFE, 4.0),
    ],
)
def test_popm_follows_the_writer(email, byte, stars):
    assert r.popm_to_stars(byte, email) == stars


@pytest.mark.parametrize(
    "email",
    [r.WMP_EMAIL, r.MEDIAMONKEY_EMAIL, r.MUSICBEE_EMAIL, r.QUODLIBET_EMAIL, r.BANSHEE_EMAIL, r.WINAMP_EMAIL],
)
def test_popm_inverse_reads_back(email):
    whole = [1.0, 2.0, 3.0, 4.0, 5.0]
    halves = (
        [0.5, 1.5, 2.5, 3.5, 4.5]
        if email in (r.MEDIAMONKEY_EMAIL, r.MUSICBEE_EMAIL, r.QUODLIBET_EMAIL)
        else []
    )
    for stars in whole + halves:
        assert r.popm_to_stars(r.stars_to_popm(stars, email), email) == stars


def test_other_scales_and_their_inverses():
    assert r.fmps_to_stars("0.8") == 4.0 and r.fmps_to_stars("1.5") is None and r.fmps_to_stars("x") is None
    assert r.fmps_to_stars(r.stars_to_fmps(3.5)) == 3.5
    assert r.percent_to_stars(60) == 3.0 and r.percent_to_stars(0) is None and r.percent_to_stars(101) is None
    assert r.percent_to_stars(r.stars_to_percent(4.5)) == 4.5
    assert [r.wmp_shared_to_stars(v) for v in (1, 25, 50, 75, 99)] == [1.0, 2.0, 3.0, 4.0, 5.0]
    assert r.wmp_shared_to_stars(0) is None
    assert all(r.wmp_shared_to_stars(r.stars_to_wmp_shared(s)) == s for s in (1, 2, 3, 4, 5))


@pytest.mark.parametrize(
    ("text", "stars"),
    [
        ("0.6", 3.0),
        ("1.0", 5.0),
        ("4", 4.0),
        ("80", 4.0),
        ("100", 5.0),
        ("0", None),
        ("nope", None),
        ("250", None),
    ],
)
def test_free_text_rating_scale_is_told_by_the_value(text, stars):
    assert r.text_rating_to_stars(text) == stars


def test_play_counts():
    assert r.parse_count("12") == 12 and r.parse_count("3.0") == 3 and r.parse_count("-1") is None
    assert r.parse_count("lots") is None
