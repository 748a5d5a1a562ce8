"""SQL lives in the data layer: no module outside ``companion/core/db/`` runs a statement.

Outside it, nothing calls ``execute()``, ``executemany()`` or ``executescript()`` (on a connection, a
cursor, or anything else): a query is a function of a repository in ``companion/core/db/``. Migrations
are SQL files under ``companion/core/db/migrations/``; benchmarks and tests may keep their own SQL.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
PACKAGE = ROOT / "companion"
DATA_LAYER = PACKAGE / "core" / "db"
SQL_CALLS = frozenset({"execute", "executemany", "executescript"})


def sql_calls(source: str) -> list[int]:
    """Line numbers of the calls that run SQL in this Python source."""
    return [
        node.lineno
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute) and node.func.attr in SQL_CALLS
    ]


def test_the_check_finds_sql_calls():
    source = (
        "def f(conn, cur):\n"
        "    conn.execute('SELECT 1')\n"
        "    cur.executemany('INSERT INTO t VALUES (?)', [(1,)])\n"
        "    with conn:\n"
        "        conn.executescript('VACUUM')\n"
        "    execute = 'not a call of a method'\n"
    )
    assert sql_calls(source) == [2, 3, 5]


def test_no_sql_outside_the_data_layer():
    offenders = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.is_relative_to(DATA_LAYER):
            continue
        for line in sql_calls(path.read_text(encoding="utf-8")):
            offenders.append(f"{path.relative_to(ROOT)}:{line}")
    assert not offenders, "SQL outside companion/core/db/ (add a repository function there): " + ", ".join(
        offenders
    )


def test_the_data_layer_is_where_the_sql_is():
    """The check above looks at real code: the data layer does run statements."""
    assert sum(len(sql_calls(p.read_text(encoding="utf-8"))) for p in DATA_LAYER.rglob("*.py")) > 100
