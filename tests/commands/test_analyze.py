"""``companion analyze``: JSON summary, plain text, bad arguments, the paused setting, library --json."""

from __future__ import annotations

import json

import pytest

from companion.commands import analyze, settings
from companion.core.errors import UsageError
from companion.core.media.synth import music_like, write_audio
from tests.commands.direct import run_command
from tests.core.analysis.helpers import add_items


@pytest.fixture
def small_library(db, tmp_path):
    good = [write_audio(tmp_path / f"t{b}.flac", music_like(6, bpm=b, seed=b)) for b in (100, 128)]
    bad = tmp_path / "bad.ogg"
    bad.write_bytes(b"OggS" + b"\x00" * 100)
    return add_items(db, [*good, bad]), bad


def test_analyze_json(run_cli, small_library):
    ids, bad = small_library
    code, out, err = run_cli("analyze", "--json")
    assert code == 0, err
    result = json.loads(out)
    assert result["analysed"] == 2 and result["remaining"] == 0
    assert [f["path"] for f in result["failed"]] == [str(bad)] and result["failed"][0]["error"]
    assert result["seconds"] > 0
    code, out, _ = run_cli("library", "--json")
    assert code == 0
    listing = json.loads(out)
    entries = {e["id"]: e for e in (listing["items"] if isinstance(listing, dict) else listing)}
    track = entries[ids[1]]
    for key in (
        "bpm",
        "bpm_confidence",
        "key",
        "mode",
        "loudness",
        "energy",
        "danceability",
        "acousticness",
        "valence",
        "mood",
    ):
        assert key in track, key
    assert track["bpm"] == pytest.approx(128, rel=0.02)
    assert track["mode"] in ("major", "minor") and -40 < track["loudness"] < 0


def test_analyze_text_and_limit(run_cli, small_library):
    code, out, _ = run_cli("analyze", "--limit", "1")
    assert code == 0 and "1 analysed" in out and "2 still to do" in out
    code, out, _ = run_cli("analyze")
    assert code == 0 and "1 analysed, 1 could not be analysed" in out and "bad.ogg" in out


@pytest.mark.parametrize("args", [("--limit", "0"), ("--workers", "0"), ("--limit", "-3")])
def test_bad_arguments_one_line(run_cli, args):
    code, out, err = run_cli("analyze", *args)
    assert code == 2 and out == "" and len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_paused_setting_is_respected(run_cli, small_library):
    assert run_cli("settings", "set", "analysis_paused", "true")[0] == 0
    code, out, err = run_cli("analyze", "--json")
    assert code == 0 and json.loads(out)["paused"] is True and json.loads(out)["analysed"] == 0
    assert "paused" in err


# --- the command's module on its own (tests/commands/direct.py)


def test_the_analyze_module_checks_its_numbers_and_says_when_paused(profile, scanned):
    with pytest.raises(UsageError, match="--limit must be a whole number of 1 or more"):
        run_command(analyze, profile, "--limit", "0")
    with pytest.raises(UsageError, match="--workers must be a number from 1 to 64"):
        run_command(analyze, profile, "--workers", "65")
    run_command(settings, profile, "set", "analysis_paused", "true")
    code, out, err = run_command(analyze, profile, "--json")
    assert code == 0 and err.startswith("companion: analysis is paused; resume with")
    assert json.loads(out)["analysed"] == 0
