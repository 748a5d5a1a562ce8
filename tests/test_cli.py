from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys

from companion.cli import main
from companion.core.media import synth


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
    result = subprocess.run(
        [sys.executable, "-m", "companion", "settings", "--json"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "p" / "library.sqlite3").exists()


def test_headless_commands_do_not_import_qt_or_sklearn(tmp_path):
    code = (
        "import sys; from companion.cli import main; main(['--data-dir', sys.argv[1], 'settings']); "
        "bad = [m for m in ('PySide6', 'sklearn', 'av') if m in sys.modules]; print(bad)"
    )
    result = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)], capture_output=True, text=True, timeout=60
    )
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


def test_without_a_display_the_window_says_so_in_one_line(tmp_path):
    """QA B4: Qt aborted (SIGABRT) with advice to reinstall libraries when no display was there."""
    env = {k: v for k, v in os.environ.items() if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")}
    data = tmp_path / "p"
    result = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(data)],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and "no graphical display" in lines[0], result.stderr
    assert not data.exists(), "nothing was made for a window that could not open"
    headless = subprocess.run(
        [sys.executable, "-m", "companion", "--data-dir", str(data), "settings"],
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert headless.returncode == 0, headless.stderr


def test_the_display_check_only_applies_to_linux_windows(monkeypatch):
    from companion.cli import no_display_problem

    for name in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"):
        monkeypatch.delenv(name, raising=False)
    assert no_display_problem(False, "linux")
    assert no_display_problem(True, "linux") is None, "--self-test renders offscreen"
    assert no_display_problem(False, "win32") is None and no_display_problem(False, "darwin") is None
    monkeypatch.setenv("WAYLAND_DISPLAY", "wayland-0")
    assert no_display_problem(False, "linux") is None


def test_an_empty_data_dir_is_refused(capsys):
    assert main(["--data-dir", "", "settings"]) == 2
    err = capsys.readouterr().err
    assert "--data-dir is empty" in err and len(err.strip().splitlines()) == 1


def test_demo_refuses_a_profile_with_the_persons_history(run_cli, profile, capsys):
    from companion.core.db import open_profile_db
    from companion.core.events.record import record_event

    conn = open_profile_db(profile)
    with conn:
        item = conn.execute(
            "INSERT INTO items(path, kind, added_at, updated_at) VALUES ('/m/a.mp3','music',0,0)"
        ).lastrowid
    record_event(conn, item, "play", ts=1_800_000_000)
    conn.close()
    code, out, err = run_cli("--demo")
    assert code == 1 and "holds your own library or listening history" in err
    assert len(err.strip().splitlines()) == 1


# --- ``companion --demo COMMAND`` (issue 16, part 10): any command runs on the demo's own profile, made if
# needed, and the person's profile is never created nor touched.


def test_a_command_runs_on_the_demos_profile(monkeypatch, tmp_path, capsys, demo_media):
    from companion.cli import main
    from companion.core.demo import demo_root
    from companion.core.paths import resolve_profile

    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "data"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    person = resolve_profile()
    demo = resolve_profile(demo=True)
    assert demo.data_dir != person.data_dir
    shutil.copytree(demo_media, demo_root(demo))  # its files, as a first run would make them
    assert main(["--demo", "home", "--json"]) == 0
    out, err = capsys.readouterr()
    assert "making the demo library" in err
    rows = json.loads(out)
    assert rows, "the demo's home, with its week of listening"
    assert not person.db_path.exists(), "the person's profile was not touched"
    assert main(["--demo", "library", "--json"]) == 0  # a second command: the demo is there already
    out, err = capsys.readouterr()
    items = json.loads(out)
    assert "making" not in err and len(items if isinstance(items, list) else items["items"]) == 52
    assert not person.db_path.exists()


# --- Very long paths and names at the file system's limits scan, list and export like any other.


def test_very_long_paths_scan_and_export(run_cli, tmp_path):
    root = tmp_path / "lib"
    deep = root
    while len(os.fsencode(str(deep))) < 3300:  # PATH_MAX is 4096 bytes on Linux: get close
        deep = deep / ("ü" * 60 + "-folder")  # 2 bytes a 'ü': each part is about 127 bytes
    name = "ß" * 120 + ".flac"  # 245 bytes: just under NAME_MAX (255)
    song = deep / name
    os.makedirs(deep)
    synth.write_audio(song, synth.tone(1.0))
    assert len(os.fsencode(str(song))) > 3500

    code, out, err = run_cli("scan", str(root), "--json")
    assert code == 0, err
    assert json.loads(out)["added"] == 1
    code, out, _ = run_cli("library", "--json")
    (item,) = json.loads(out)
    assert item["path"] == str(song) and item["status"] == "ok"
    code, _, err = run_cli("rate", str(song), "5")
    assert code == 0, err


def test_the_windows_start_reads_no_command_module(tmp_path):
    code = (
        "import sys, companion.app as app\n"
        "app.run_app = lambda args, profile: print(args.command, args.files, [m for m in sys.modules"
        " if m.startswith('companion.commands.') and m != 'companion.commands.context']) or 0\n"
        "from companion.cli import main\n"
        "sys.exit(main(sys.argv[1:]))\n"
    )
    env = dict(os.environ, QT_QPA_PLATFORM="offscreen")

    def start(*args):
        return subprocess.run(
            [sys.executable, "-c", code, "--data-dir", str(tmp_path / "p"), *args],
            capture_output=True,
            text=True,
            timeout=60,
            env=env,
        )

    result = start("--open", "a.mp3", "b.mp3")
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "None ['a.mp3', 'b.mp3'] []"
    # a command, a bad option: the full parser, as before
    assert start("settings", "--json").returncode == 0
    bad = start("--no-such-option")
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1 and "--no-such-option" in bad.stderr
