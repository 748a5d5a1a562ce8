"""The privacy promise, end to end: the whole flow works with every network path blocked.

The session-wide guard in tests/conftest.py fails any test that tries a TCP connection, a name
lookup or a Qt network request. Here the demo library goes through scan, analysis, history
import, home, export, search and the window; any hidden fetch (metadata, fonts, an update
check, a crash reporter) would fail this test.
"""

from __future__ import annotations

import json

import tests.conftest as guard
from companion.core.db import open_profile_db
from companion.core.demo import ensure_demo


def test_everything_works_offline(run_cli, profile, tmp_path, qapp):
    attempts_before = len(guard._network_attempts)
    conn = open_profile_db(profile)
    demo = ensure_demo(conn, profile)
    assert demo.items > 20
    artist, title = conn.execute("SELECT artist, title FROM items WHERE kind='music' LIMIT 1").fetchone()
    conn.close()

    code, out, err = run_cli("scan", "--json")
    assert code == 0, err
    assert json.loads(out)["unchanged"] >= demo.items

    code, out, err = run_cli("analyze", "--limit", "6", "--json")
    assert code == 0, err

    history = tmp_path / "scrobbles.csv"
    history.write_text(
        "uts,utc_time,artist,artist_mbid,album,album_mbid,track,track_mbid\n"
        f'1700000000,,"{artist}",,,,"{title}",\n',
        encoding="utf-8",
    )
    code, out, err = run_cli("import-history", str(history), "--json")
    assert code == 0, err
    assert json.loads(out)["matched"] == 1

    code, out, err = run_cli("home", "--json")
    assert code == 0, err
    rows = json.loads(out)
    assert rows and all(item["reason"] for row in rows for item in row["items"])

    target = tmp_path / "now.m3u8"
    code, _, err = run_cli("export", rows[0]["id"], str(target))
    assert code == 0, err
    assert target.read_text(encoding="utf-8").count("\n") >= 2

    code, out, err = run_cli("search", "chill", "--json")
    assert code == 0, err

    from companion.app import build, wait_for

    parts = build(profile)
    try:
        ready: list[object] = []
        parts.controller.homeReady.connect(ready.append)
        parts.controller.refresh_home()
        assert wait_for(lambda: bool(ready), 60), "the home never arrived"
        parts.window.resize(1100, 700)
        assert not parts.window.grab().isNull()
    finally:
        parts.close()
    assert len(guard._network_attempts) == attempts_before
