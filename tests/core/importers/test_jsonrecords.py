"""JSON exports as records: an array, a wrapped list, or JSON lines; bad input says where."""

from __future__ import annotations

import json

import pytest

from companion.core.importers.jsonrecords import first_record, records
from companion.core.importers.model import HistoryFormatError
from companion.core.importers.source import open_source


def _src(tmp_path, text: str):
    path = tmp_path / "export.json"
    path.write_text(text, encoding="utf-8")
    return open_source(path)


def test_an_array_a_wrapped_list_and_json_lines(tmp_path):
    plays = [{"track": "Aurora"}, {"track": "Snowfield"}]
    assert records(_src(tmp_path, json.dumps(plays))) == [("record 1", plays[0]), ("record 2", plays[1])]
    wrapped = json.dumps({"payload": {"count": 2, "listens": plays}})
    assert [v for _, v in records(_src(tmp_path, wrapped))] == plays
    assert records(_src(tmp_path, json.dumps(plays[0]))) == [("record 1", plays[0])]
    lines = records(_src(tmp_path, json.dumps(plays[0]) + "\n\n{broken\n" + json.dumps(plays[1]) + "\n"))
    assert [where for where, _ in lines] == ["line 1", "line 3", "line 4"]
    assert isinstance(lines[1][1], ValueError) and "not valid JSON" in str(lines[1][1])
    assert lines[2][1] == plays[1]


def test_files_that_are_not_a_list_of_records_say_so(tmp_path):
    for text, said in (("  ", "empty file"), ("[1, 2", "not valid JSON"), ("[" * 100_000, "JSON")):
        with pytest.raises(HistoryFormatError, match=said):
            records(_src(tmp_path, text))
    assert first_record(_src(tmp_path, "[1, 2")) is None
    assert first_record(_src(tmp_path, '[1, {"ms_played": 5}]')) == {"ms_played": 5}
