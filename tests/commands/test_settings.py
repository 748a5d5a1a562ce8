"""``companion settings`` (commands/settings.py): show every setting, change one, refuse a bad value with the
values it takes."""

from __future__ import annotations

import pytest

from companion.commands import settings
from companion.core.errors import UsageError
from tests.commands.direct import run_command


def test_show_change_and_refuse(profile):
    code, out, _ = run_command(settings, profile)
    shown = dict(line.split(" = ", 1) for line in out.splitlines())
    assert code == 0 and shown["crossfade"] == "smart" and shown["replaygain"] == "off"
    code, out, _ = run_command(settings, profile, "set", "crossfade", "off")
    assert code == 0 and "crossfade = off" in out.splitlines()
    assert "crossfade = off" in run_command(settings, profile)[1].splitlines(), "kept"
    with pytest.raises(UsageError, match="crossfade must be off, smart, or 1 to 12 seconds, not 'loud'"):
        run_command(settings, profile, "set", "crossfade", "loud")
