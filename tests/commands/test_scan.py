"""``companion scan`` as other tools call it: the JSON contract, clear errors, remembered folders."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

from companion.commands import scan
from companion.core.media import synth
from tests.commands.direct import run_command


def _music(root, n=2):
    src = root.parent / "src.ogg"
    if not src.exists():
        synth.write_audio(src, synth.tone(0.3))
    for i in range(n):
        p = root / "Band" / "Disc (2020)" / f"{i + 1:02d} Song {i}.ogg"
        p.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(src, p)
    (root / "broken.mp3").write_bytes(b"\x00" * 64)


def test_scan_json_contract(tmp_path, run_cli):
    root = tmp_path / "music"
    _music(root)
    code, out, err = run_cli("scan", str(root), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert {"added", "updated", "removed", "unchanged", "failed", "seconds"} <= set(result)
    assert (result["added"], result["updated"], result["removed"], result["unchanged"]) == (2, 0, 0, 0)
    assert [os.path.basename(f["path"]) for f in result["failed"]] == ["broken.mp3"]
    assert result["failed"][0]["error"] and isinstance(result["seconds"], float)
    code, out, _ = run_cli("scan", "--json")  # folders are remembered
    again = json.loads(out)
    assert (again["added"], again["unchanged"]) == (0, 2) and len(again["failed"]) == 1


def test_scan_human_output(tmp_path, run_cli):
    root = tmp_path / "music"
    _music(root)
    code, out, err = run_cli("scan", str(root))
    assert code == 0 and "2 added" in out and "broken.mp3" in out and err == ""


def test_unusable_folder_gives_one_line_and_remembers_nothing(tmp_path, run_cli):
    good = tmp_path / "music"
    _music(good)
    file_arg = good / "broken.mp3"
    for bad in (tmp_path / "nowhere", file_arg):
        code, out, err = run_cli("scan", str(good), str(bad))
        assert code != 0 and out == ""
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and str(bad) in err
    code, out, _ = run_cli("folders", "--json")
    assert json.loads(out) == []


def test_no_folders_uses_the_platform_folders(tmp_path, run_cli, monkeypatch):
    home = tmp_path / "home"
    _music(home / "Music", 1)
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    code, out, err = run_cli("scan", "--json")
    assert code == 0, err
    assert json.loads(out)["added"] == 1
    empty = tmp_path / "empty-home"
    empty.mkdir()
    monkeypatch.setenv("HOME", str(empty))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(empty / ".config"))
    code, _, err = run_cli("--data-dir", str(tmp_path / "other"), "scan")
    assert code == 1 and "companion scan ~/Music" in err


def test_folders_command(tmp_path, run_cli):
    root = tmp_path / "music"
    _music(root, 1)
    assert run_cli("folders", "add", str(root))[0] == 0
    code, out, _ = run_cli("folders", "--json")
    assert [f["path"] for f in json.loads(out)] == [str(root)]
    run_cli("scan")
    code, out, _ = run_cli("folders", "remove", str(root))
    assert code == 0 and "1 items marked missing" in out
    code, _, err = run_cli("folders", "remove")
    assert code == 2 and "usage" in err


def test_unchanged_scan_is_fast_and_imports_nothing_heavy(tmp_path):
    root = tmp_path / "music"
    _music(root, 30)
    env = dict(os.environ, COMPANION_DATA_DIR=str(tmp_path / "p"))
    first = subprocess.run(
        [sys.executable, "-m", "companion", "scan", str(root), "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert first.returncode == 0, first.stderr
    code = (
        "import sys, runpy; sys.argv = ['companion', 'scan', '--json']\n"
        "try:\n    runpy.run_module('companion', run_name='__main__')\nexcept SystemExit:\n    pass\n"
        "print([m for m in ('PySide6', 'sklearn', 'av', 'mutagen', 'guessit', 'numpy') if m in sys.modules],"
        " file=sys.stderr)"
    )
    started = time.monotonic()
    second = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=60)
    elapsed = time.monotonic() - started
    assert json.loads(second.stdout)["unchanged"] == 30
    assert second.stderr.strip().splitlines()[-1] == "[]"
    assert elapsed < 5  # the real figure (well under 1 s for 20,000 files) is measured by benchmarks/scan.py


def test_scan_json_reports_the_thumbnail_pass(tmp_path, run_cli):
    root = tmp_path / "videos"
    synth.write_video(root / "Clip (2020).mp4", seconds=1.0, size=(64, 48), with_audio=False)
    code, out, err = run_cli("scan", str(root), "--json")
    assert code == 0, err
    result = json.loads(out)
    assert (result["added"], result["thumbnails"]) == (1, 1)
    assert 0 <= result["thumbnail_seconds"] <= result["seconds"]
    code, out, _ = run_cli("scan", "--json")
    assert json.loads(out)["thumbnails"] == 0  # made once


# --- the command's module on its own (tests/commands/direct.py)


def test_the_scan_module_adds_then_finds_nothing_new(profile, album):
    assert run_command(scan, profile, str(album))[1].startswith("3 added, 0 updated, 0 moved, 0 missing")
    code, out, _ = run_command(scan, profile)
    assert code == 0 and out.startswith("0 added, 0 updated, 0 moved, 0 missing, 3 unchanged")
