"""The privacy export: every table as CSV, the settings, the learned files and a README, private on disk."""

from __future__ import annotations

import csv
import io
import json
import os
import stat
import zipfile

from companion.core.events.record import record_event
from companion.core.privacy.export import export_all
from tests.core.events.helpers import add_item


def test_every_table_the_learned_files_and_a_readme(db, profile, tmp_path):
    song = add_item(db, tmp_path / "Aurora.flac", title="Aurora")
    record_event(db, song, "play", ts=1_700_000_000.0, tz_offset_min=60)
    record_event(db, song, "like", ts=1_700_000_100.0, tz_offset_min=60, value=1.0)
    profile.model_dir.mkdir(parents=True, exist_ok=True)
    (profile.model_dir / "model.json").write_text('{"fingerprint": []}', encoding="utf-8")
    target = tmp_path / "out" / "companion-export.zip"
    counts = export_all(db, profile, target)
    assert counts["items"] == 1 and counts["events"] == 2
    assert "schema_migrations" not in counts
    with zipfile.ZipFile(target) as zf:
        names = set(zf.namelist())
        assert {f"{t}.csv" for t in counts} | {"settings.json", "README.txt", "learned/model.json"} == names
        events = list(csv.DictReader(io.StringIO(zf.read("events.csv").decode("utf-8"))))
        assert [e["type"] for e in events] == ["play", "like"] and events[0]["tz_offset_min"] == "60"
        assert "exploration" in json.loads(zf.read("settings.json"))
        readme = zf.read("README.txt").decode("utf-8")
        assert "never sent any of this anywhere" in readme and "events.csv" in readme
    if os.name == "posix":
        assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert not target.with_name(target.name + ".part").exists()
