"""The home, mix and search commands: a stable contract for other tools."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import timedelta

import pytest

from companion.commands import home
from companion.core.taste.home import forget_state
from tests.commands.direct import run_command
from tests.core.taste.conftest import add_items, listen


@pytest.fixture(autouse=True)
def _fresh_state():
    forget_state()
    yield
    forget_state()


@pytest.fixture
def history(db):
    lib = add_items(db, videos=2)
    return lib, listen(db, lib)


def test_home_json_contract(run_cli, history):
    lib, end = history
    at = (end + timedelta(days=1, hours=8)).isoformat()
    code, out, err = run_cli("home", "--at", at, "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows[0]["id"] == "now" and rows[0]["title"] == "Tuesday morning: jazz"  # daylist style
    for row in rows:
        assert set(row) >= {"id", "title", "kind", "reason", "items"}
        assert row["kind"] in ("music", "video", "mixed")
        for item in row["items"]:
            assert set(item) >= {"path", "title", "artist", "reason", "recording_id"} and item["reason"]
            assert isinstance(item["recording_id"], int) and item["kind"] in ("music", "video", "spoken")
    code, text, _ = run_cli("home", "--at", at)
    assert code == 0 and "Tuesday morning" in text and "[now]" in text


def test_mix_command(run_cli, history):
    lib, end = history
    at = (end + timedelta(days=1, hours=19)).isoformat()
    code, out, err = run_cli("mix", "now", "--at", at, "--limit", "12", "--json")
    assert code == 0, err
    row = json.loads(out)
    assert row["id"] == "now" and len(row["items"]) == 12
    assert all(isinstance(i["recording_id"], int) for i in row["items"])
    code, out, _ = run_cli("mix", "now", "--at", at, "--json")
    assert len(json.loads(out)["items"]) == 50


@pytest.mark.parametrize(
    "args",
    [
        ("home", "--at", "last tuesday"),
        ("mix", "now", "--at", "2026-13-45"),
        ("mix", "no-such-row"),
        ("mix", "now", "--limit", "0"),
        ("search", "x", "--limit", "-3"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(run_cli, history, args):
    code, out, err = run_cli(*args)
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_search_command(run_cli, history):
    code, out, err = run_cli("search", "jaz", "artist", "2", "--json")
    assert code == 0, err
    res = json.loads(out)
    assert len(res["items"]) > 10 and all(i["artist"] == "Jazz Artist 2" for i in res["items"][:10])
    assert res["artists"] == ["Jazz Artist 2"]
    code, out, _ = run_cli("search", "chill", "vibes")
    assert code == 0 and "[mood-chill]" in out


def test_home_on_an_empty_profile(run_cli):
    code, out, _ = run_cli("home", "--json")
    assert code == 0 and json.loads(out) == []


def test_home_never_imports_scikit_learn_fitting_or_cached(profile, history, tmp_path):
    """scikit-learn's import costs 0.7 s: neither the first fit nor a cached home pays it."""
    env = dict(os.environ, COMPANION_DATA_DIR=str(profile.data_dir))
    probe = (
        "import sys, runpy; sys.argv = ['companion', 'home', '--json'];"
        "from companion.cli import main; code = main(sys.argv[1:]);"
        "print('SKLEARN' if 'sklearn' in sys.modules else 'NO-SKLEARN', code, file=sys.stderr)"
    )
    first = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert first.returncode == 0 and "NO-SKLEARN 0" in first.stderr, first.stderr
    assert any(profile.model_dir.iterdir())  # the first run fitted (and saved) a model
    second = subprocess.run(
        [sys.executable, "-c", probe], env=env, capture_output=True, text=True, timeout=120
    )
    assert "NO-SKLEARN 0" in second.stderr, second.stderr


# --- the command's module on its own (tests/commands/direct.py)


def test_the_home_module_shows_what_was_added(profile, scanned):
    code, out, _ = run_command(home, profile)
    assert code == 0 and out.startswith("Recently added  [new]  New in your library, best fits first\n")
    assert "Band - Song" in out and "(added recently)" in out
