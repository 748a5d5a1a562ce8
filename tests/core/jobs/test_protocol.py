"""The service's loop over a real pipe: answers, errors that travel, answers that cannot, STOP."""

from __future__ import annotations

import multiprocessing as mp
import threading

import pytest

from companion.core.errors import CompanionError
from companion.core.jobs.protocol import STOP, Reply, Request, portable, serve


class _Unpicklable(Exception):
    def __init__(self, handle: object) -> None:
        super().__init__("held a lock")
        self.handle = handle

    def __reduce__(self):
        raise TypeError("cannot pickle this")


def _answer(request: Request):
    if request.op == "add":
        return sum(request.args)
    if request.op == "lock":
        return threading.Lock()  # cannot be pickled: the reply says so instead
    raise KeyError(request.op)


def test_requests_are_answered_in_order_and_stop_ends_the_loop():
    mine, theirs = mp.Pipe(duplex=True)
    answered = []
    loop = threading.Thread(target=serve, args=(theirs, _answer, lambda r, v: answered.append((r.op, v))))
    loop.start()
    mine.send(Request(1, "add", (2, 3)))
    mine.send(Request(2, "nope", ()))
    mine.send(Request(3, "lock", ()))
    mine.send(Request(4, "add", (1,)))
    first, second, third, fourth = (Reply(*mine.recv()) for _ in range(4))
    mine.send(STOP)
    loop.join(5)
    assert not loop.is_alive()
    assert first == Reply(1, True, 5) and fourth == Reply(4, True, 1)
    assert second.id == 2 and not second.ok and isinstance(second.value, KeyError)
    assert third.id == 3 and not third.ok and "cannot send the answer to lock" in str(third.value)
    assert answered == [("add", 5), ("add", 1)]  # only good answers that were sent


def test_the_loop_ends_when_the_window_side_closes():
    mine, theirs = mp.Pipe(duplex=True)
    loop = threading.Thread(target=serve, args=(theirs, _answer))
    loop.start()
    mine.close()
    loop.join(5)
    assert not loop.is_alive()


def test_an_error_that_cannot_be_pickled_becomes_a_plain_one_with_its_words():
    assert isinstance(portable(ValueError("x")), ValueError)
    plain = portable(_Unpicklable(threading.Lock()))
    assert type(plain) is CompanionError and "_Unpicklable: held a lock" in str(plain)
    with pytest.raises(CompanionError):
        raise plain
