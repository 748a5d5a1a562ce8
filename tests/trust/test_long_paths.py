"""Very long paths and names at the file system's limits scan, list and export like any other."""

from __future__ import annotations

import json
import os

from companion.core.media import synth


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
