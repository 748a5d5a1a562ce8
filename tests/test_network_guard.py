"""The guard itself must work, or the privacy promise is untested."""

from __future__ import annotations

import socket

import pytest

import tests.conftest as guard


def _expect_blocked(call):
    before = len(guard._network_attempts)
    with pytest.raises(OSError):
        call()
    assert len(guard._network_attempts) == before + 1
    del guard._network_attempts[before:]  # this attempt was ours, on purpose


def test_tcp_connect_is_blocked():
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    try:
        _expect_blocked(lambda: s.connect(("127.0.0.1", 9)))
    finally:
        s.close()


def test_name_lookup_is_blocked():
    _expect_blocked(lambda: socket.getaddrinfo("example.org", 80))


def test_qt_network_is_blocked(qapp):
    from PySide6.QtCore import QUrl
    from PySide6.QtNetwork import QNetworkAccessManager, QNetworkRequest

    manager = QNetworkAccessManager()
    _expect_blocked(lambda: manager.get(QNetworkRequest(QUrl("http://example.org/"))))


def test_local_ipc_still_works():
    a, b = socket.socketpair()
    a.sendall(b"ok")
    assert b.recv(2) == b"ok"
    a.close()
    b.close()
