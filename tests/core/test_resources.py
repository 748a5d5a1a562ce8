"""The top-level resources/ folder: found from a checkout, complete, and its faults named."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from companion.core import resources
from companion.core.demo import catalog

ROOT = Path(__file__).resolve().parents[2]


def test_a_checkout_reads_the_top_level_resources_folder():
    assert resources.resource_dir() == ROOT / "resources"
    assert resources.icon_dir() == ROOT / "resources" / "icons"
    assert not (ROOT / "companion" / "resources").exists(), "resources live at the top level only"


def test_the_resources_folder_is_complete():
    assert resources.check_resources() == []


def test_missing_and_broken_files_are_named(tmp_path):
    copy = tmp_path / "resources"
    shutil.copytree(ROOT / "resources", copy)
    (copy / "style" / "companion.qss").unlink()
    (copy / "demo" / "catalog.json").write_text("{not json", encoding="utf-8")
    desktop = copy / "desktop" / "io.github.companion.Companion.desktop"
    desktop.write_text(desktop.read_text(encoding="utf-8").replace("\nExec=", "\nX-Exec="), encoding="utf-8")
    problems = resources.check_resources(copy)
    assert "style/companion.qss is missing or empty" in problems
    assert any(p.startswith("demo/catalog.json is not valid JSON") for p in problems)
    assert "the desktop entry has no Exec line" in problems


def test_the_demo_catalogue_comes_from_its_json_file():
    doc = json.loads((ROOT / "resources" / "demo" / "catalog.json").read_text(encoding="utf-8"))
    assert [a.name for a in catalog.ARTISTS] == [a["name"] for a in doc["artists"]]
    assert catalog.track_count() == sum(len(a["titles"]) for a in doc["artists"])
    assert all(len(v.color) == 3 for v in catalog.VIDEOS)
    assert len({a.cover_seed for a in catalog.ARTISTS}) == len(catalog.ARTISTS)  # one cover per album
