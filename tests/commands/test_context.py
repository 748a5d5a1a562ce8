"""What every command gets (commands/context.py): its profile, its output streams, a database opened only when
asked for, JSON on stdout, and progress lines only on a terminal."""

from __future__ import annotations

import io
import json

import pytest

from companion.commands.context import Context


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_the_database_opens_when_asked_for_and_closes(profile):
    ctx = Context(profile=profile, stdout=io.StringIO(), stderr=io.StringIO())
    assert ctx._conn is None, "opened lazily: a command that needs none never opens it"
    conn = ctx.db
    assert ctx.db is conn and conn.execute("SELECT COUNT(*) FROM items").fetchone()[0] == 0
    ctx.close()
    assert ctx._conn is None
    ctx.close()  # twice is fine


def test_json_and_progress(profile):
    out, piped, tty = io.StringIO(), io.StringIO(), Terminal()
    ctx = Context(profile=profile, stdout=out, stderr=piped)
    ctx.print_json({"title": "Café", "n": 1})
    assert json.loads(out.getvalue()) == {"title": "Café", "n": 1} and "Café" in out.getvalue()
    ctx.progress("scanning 1 of 3")
    ctx.progress_done()
    assert piped.getvalue() == "", "no progress lines in a pipe or a log"
    ctx = Context(profile=profile, stdout=out, stderr=tty)
    ctx.progress("x" * 300)
    ctx.progress_done()
    assert tty.getvalue() == "\r\x1b[K" + "x" * 200 + "\r\x1b[K"


def test_a_limit_outside_its_range_is_a_usage_error_that_names_it():
    from companion.commands.context import check_limit
    from companion.core.errors import UsageError

    check_limit(1)
    check_limit(1000)
    with pytest.raises(UsageError, match=r"--limit must be from 1 to 1000, not 0"):
        check_limit(0)
    with pytest.raises(UsageError, match=r"from 1 to 5, not 6"):
        check_limit(6, most=5)
