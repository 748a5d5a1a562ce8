"""The window and the command line share one data dir: concurrent writers lose nothing."""

from __future__ import annotations

import subprocess
import sys
import textwrap

from companion.core.db import open_profile_db

WRITER = textwrap.dedent("""
    import sys
    from companion.core.db import open_profile_db
    from companion.core.events.record import record_event
    from companion.core.paths import resolve_profile
    conn = open_profile_db(resolve_profile(sys.argv[1]))
    for i in range(int(sys.argv[2])):
        record_event(conn, 1, "play", ts=1_700_000_000 + i, context=sys.argv[3])
        if i % 50 == 0:
            with conn:  # a longer write transaction now and then, like a scan batch
                conn.execute("UPDATE items SET updated_at = updated_at + 1 WHERE id = 1")
    print("done")
""")


def test_two_processes_writing_events_at_once_lose_nothing(profile):
    conn = open_profile_db(profile)
    with conn:
        conn.execute("INSERT INTO items(path, kind, added_at, updated_at) VALUES ('/m/a.mp3', 'music', 1, 1)")
    n = 300
    procs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, str(profile.data_dir), str(n), name],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for name in ("window", "cli")
    ]
    for p in procs:
        out, err = p.communicate(timeout=120)
        assert p.returncode == 0, err
        assert out.strip() == "done"
    counts = dict(conn.execute("SELECT context, COUNT(*) FROM events GROUP BY context").fetchall())
    assert counts == {"window": n, "cli": n}
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
