import pytest

from companion.commands import rate
from companion.core.db import open_profile_db
from companion.core.errors import CompanionError, UsageError
from companion.core.media.synth import tone, write_audio, write_tags
from tests.commands.direct import run_command
from tests.core.events.helpers import add_item


@pytest.fixture
def track(profile, tmp_path):
    path = write_audio(tmp_path / "song.mp3", tone(0.3))
    write_tags(path, {"title": "Song", "artist": "Band"})
    conn = open_profile_db(profile)
    item = add_item(conn, path, title="Song")
    conn.close()
    return path, item


def _state(profile, item):
    conn = open_profile_db(profile)
    try:
        row = conn.execute("SELECT stars, liked FROM ratings WHERE item_id = ?", (item,)).fetchone()
        types = [r[0] for r in conn.execute("SELECT type FROM events ORDER BY id")]
        return (tuple(row) if row else None), types
    finally:
        conn.close()


def test_rate_stars_like_dislike_and_clear(run_cli, profile, track):
    path, item = track
    assert run_cli("rate", str(path), "4")[:2] == (0, "Song: 4 stars\n")
    assert run_cli("rate", str(path), "--dislike")[1] == "Song: 4 stars, disliked (kept out of mixes)\n"
    assert _state(profile, item) == ((4.0, -1), ["rating", "dislike"])
    assert run_cli("rate", str(path), "--clear")[1] == "Song: no rating\n"
    assert _state(profile, item) == (None, ["rating", "dislike", "rating", "unlike"])


def test_rate_finds_relative_paths(run_cli, profile, track, monkeypatch):
    path, item = track
    monkeypatch.chdir(path.parent)
    assert run_cli("rate", "song.mp3", "--like")[0] == 0
    assert _state(profile, item)[0] == (None, 1)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["7"], "stars must be from 0 to 5"),
        (["lots"], "stars must be a number"),
        ([], "give STARS"),
        (["3", "--like"], "not both"),
    ],
)
def test_bad_ratings_are_one_line_usage_errors(run_cli, profile, track, args, message):
    path, item = track
    code, out, err = run_cli("rate", str(path), *args)
    assert code == 2 and out == "" and message in err and len(err.strip().splitlines()) == 1
    assert _state(profile, item) == (None, [])


def test_unknown_files_are_refused_clearly(run_cli, tmp_path):
    code, _, err = run_cli("rate", str(tmp_path / "nope.mp3"), "3")
    assert code == 1 and "no such file" in err
    other = write_audio(tmp_path / "other.flac", tone(0.2))
    code, _, err = run_cli("rate", str(other), "3")
    assert code == 1 and "not in the library" in err
    code, _, err = run_cli("rate", str(tmp_path), "3")
    assert code == 1 and f"{tmp_path} is a folder" in err and len(err.strip().splitlines()) == 1


def test_rating_is_written_into_the_file_when_enabled(run_cli, profile, track):
    from mutagen.id3 import ID3

    path, _ = track
    assert run_cli("rate", str(path), "5")[0] == 0
    assert not ID3(path).getall("POPM")  # off by default
    assert run_cli("settings", "set", "write_ratings_to_files", "true")[0] == 0
    code, _, err = run_cli("rate", str(path), "3")
    assert code == 0 and err == ""
    (popm,) = ID3(path).getall("POPM")
    assert popm.rating == 128
    assert run_cli("rate", str(path), "--clear")[0] == 0
    assert not ID3(path).getall("POPM")


# --- the command's module on its own (tests/commands/direct.py)


def test_the_rate_module_rates_and_refuses_two_answers_at_once(profile, scanned):
    song = scanned / "Band" / "Album" / "01 Song 0.flac"
    assert run_command(rate, profile, str(song), "4") == (0, "Song 0: 4 stars\n", "")
    assert run_command(rate, profile, str(song), "--like")[1] == "Song 0: 4 stars, liked\n"
    with pytest.raises(UsageError, match="not both"):
        run_command(rate, profile, str(song), "3", "--like")
    with pytest.raises(CompanionError, match="is a folder"):
        run_command(rate, profile, str(scanned), "3")
