"""``companion radio``: seeds by path, by artist, outside the library; JSON shape; clear errors."""

from __future__ import annotations

import json

import pytest

from companion.commands import radio
from companion.core.analysis.features import VERSION
from companion.core.analysis.table import write_results
from companion.core.errors import CompanionError, UsageError
from tests.commands.direct import run_command
from tests.core.analysis.helpers import add_character_library, analysed_character_library


@pytest.fixture
def files_and_features(tmp_path_factory):
    return analysed_character_library(tmp_path_factory)


@pytest.fixture
def library(db, files_and_features):
    files, features = files_and_features
    groups = add_character_library(db, files)
    # one calm track stays unanalysed: radio analyses a seed on the spot
    rows = [
        (i, features[p], None)
        for name, ids in groups.items()
        for i, p in zip(ids, files[name], strict=True)
        if p != files["calm"][0]
    ]
    write_results(db, VERSION, rows)
    return files, groups


def test_radio_json_from_calm_path(run_cli, library):
    files, groups = library
    code, out, err = run_cli("radio", str(files["calm"][0]), "--limit", "4", "--json")
    assert code == 0, err
    picks = json.loads(out)
    assert len(picks) == 4
    for p in picks:
        assert set(p) >= {"path", "title", "artist", "reason", "features"}
        assert p["path"] in map(str, files["calm"]) and p["features"]["mood"] == "calm"
        assert p["reason"].startswith("sounds like calm0")


def test_radio_text_from_dance_artist(run_cli, library):
    code, out, _ = run_cli("radio", "--artist", "Dance Artist 0", "--limit", "2")
    assert code == 0
    lines = out.strip().splitlines()
    assert len(lines) == 2 and all("dance artist 1" in line and "BPM" in line for line in lines)


def test_radio_from_file_outside_the_library(run_cli, library, tmp_path):
    from companion.core.media.synth import write_audio
    from tests.core.analysis.signals import dance_like

    outside = write_audio(tmp_path / "new-dance.flac", dance_like(12, bpm=127, seed=9))
    code, out, err = run_cli("radio", str(outside), "--json", "--limit", "3")
    assert code == 0, err
    assert all("dance" in p["path"].rsplit("/", 1)[-1] for p in json.loads(out))


@pytest.mark.parametrize(
    ("args", "code", "words"),
    [
        ((), 2, "seed"),
        (("/nowhere/at/all.flac",), 1, "no such file"),
        (("--artist", "Nobody"), 1, "no analysed tracks"),
        (("x.flac", "--limit", "0"), 2, "--limit"),
    ],
)
def test_radio_errors_are_one_line(run_cli, library, args, code, words):
    got, out, err = run_cli("radio", *args)
    assert got == code and out == "" and words in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_radio_on_an_unanalysed_library(run_cli, tmp_path):
    from companion.core.media.synth import click_track, write_audio

    seed = write_audio(tmp_path / "seed.flac", click_track(6, 120))
    code, _, err = run_cli("radio", str(seed))
    assert code == 1 and "companion analyze" in err


def test_radio_from_several_seed_tracks(run_cli, library):
    files, groups = library
    code, out, err = run_cli(
        "radio", str(files["dance"][0]), str(files["dance"][1]), "--limit", "3", "--json"
    )
    assert code == 0, err
    picks = json.loads(out)
    assert {p["item_id"] for p in picks} <= set(groups["dance"][2:])
    assert all(p["reason"].startswith("sounds like dance0 by dance artist 0 and more") for p in picks)


# --- the command's module on its own (tests/commands/direct.py)


def test_the_radio_module_needs_a_seed_and_an_analysed_artist(profile, scanned):
    with pytest.raises(UsageError):
        run_command(radio, profile)
    with pytest.raises(
        CompanionError, match="no analysed tracks by 'Band'; check the name or run 'companion analyze'"
    ):
        run_command(radio, profile, "--artist", "Band")
