"""The window starts MPRIS and auto-DJ, and starts cleanly where there is no session bus."""

from __future__ import annotations


def test_desktop_integration_starts_cleanly_without_a_session_bus(qapp, profile, monkeypatch):
    from companion.app import _desktop_integration, build

    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", "unix:path=/nonexistent/bus")
    parts = build(profile)
    try:
        mpris, auto_dj = _desktop_integration(qapp, parts.window, parts)
        assert mpris.registered is False
        assert auto_dj is not None
    finally:
        parts.close()
