from __future__ import annotations

import json
import os
import subprocess
import sys

from companion.cli import main


def test_help_lists_commands(capsys):
    try:
        main(["--help"])
    except SystemExit as e:
        assert e.code == 0
    out = capsys.readouterr().out
    assert "settings" in out and "--data-dir" in out


def test_bad_arguments_give_one_line_and_non_zero(capsys):
    try:
        code = main(["no-such-command"])
    except SystemExit as e:
        code = e.code
    err = capsys.readouterr().err
    assert code == 2
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_settings_roundtrip(run_cli):
    code, out, _ = run_cli("settings", "set", "exploration", "0.6", "--json")
    assert code == 0 and json.loads(out)["exploration"] == 0.6
    code, _, err = run_cli("settings", "set", "exploration", "7")
    assert code == 2 and "exploration" in err
    code, out, _ = run_cli("settings", "--json")
    assert json.loads(out)["exploration"] == 0.6


def test_data_dir_from_environment(tmp_path):
    env = dict(os.environ, COMPANION_DATA_DIR=str(tmp_path / "p"))
    result = subprocess.run([sys.executable, "-m", "companion", "settings", "--json"], env=env,
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "p" / "library.sqlite3").exists()


def test_headless_commands_do_not_import_qt_or_sklearn(tmp_path):
    code = ("import sys; from companion.cli import main; main(['--data-dir', sys.argv[1], 'settings']); "
            "bad = [m for m in ('PySide6', 'sklearn', 'av') if m in sys.modules]; print(bad)")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip().splitlines()[-1] == "[]"


def test_an_unusable_data_dir_gives_one_line(tmp_path, capsys):
    a_file = tmp_path / "not-a-folder"
    a_file.write_text("x")
    for bad in (a_file, a_file / "below"):
        code = main(["--data-dir", str(bad), "settings"])
        err = capsys.readouterr().err
        assert code == 1
        assert len(err.strip().splitlines()) == 1 and "Traceback" not in err and str(bad) in err
