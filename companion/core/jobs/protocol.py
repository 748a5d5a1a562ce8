"""What travels over the service process's pipe, and the service's side of it.

The window sends a :class:`Request` (``id, op, args``), the service answers each with a :class:`Reply`
(``id, ok, value``: the answer, or the error it raised); ``STOP`` (``None``) asks it to end; ``GO`` says
the database is open (a service started before it: ``Service.go``). Answers must pickle; an error that
does not is replaced by a plain one with its words (:func:`portable`).
"""

from __future__ import annotations

import pickle
from collections.abc import Callable
from typing import Any, NamedTuple

from companion.core.errors import CompanionError

STOP = None  # the message that ends the service's loop
GO = "go"  # the window opened (and migrated) the database: a service started before that may read it now


class Request(NamedTuple):
    id: int
    op: str
    args: tuple[Any, ...]


class Reply(NamedTuple):
    id: int
    ok: bool
    value: Any  # the answer, or (ok False) the exception the operation raised


class WorkerClosed(CompanionError):
    """The service was closed (the window is closing); the request was not answered."""


class WorkerDied(CompanionError):
    """The service process stopped unexpectedly, more often than it is started again."""


class RequestCrashed(CompanionError):
    """The service process died twice while answering this request (the request is the problem)."""


def portable(error: BaseException) -> BaseException:
    """The error itself when it survives pickling, else a plain one with its words."""
    try:
        pickle.loads(pickle.dumps(error))
        return error
    except Exception:
        return CompanionError(f"{error.__class__.__name__}: {error}")


def serve(
    conn: Any,
    answer: Callable[[Request], Any],
    answered: Callable[[Request, Any], None] | None = None,
    first: Any = GO,
) -> None:
    """The service's loop: answer every request with a reply until ``STOP`` or the pipe closes.

    ``answer(request)`` computes the value (an exception it raises is the reply); ``answered(request,
    value)`` runs after a good answer was sent, for work nobody waits for. ``first``: a message already
    read (``GO`` is skipped wherever it comes)."""
    read = [] if first == GO else [first]
    while True:
        try:
            message = read.pop() if read else conn.recv()
        except (EOFError, OSError):
            return  # the window is gone
        if message is STOP:
            return
        if message == GO:
            continue
        request = Request(*message)
        try:
            reply = Reply(request.id, True, answer(request))
        except Exception as e:
            reply = Reply(request.id, False, portable(e))
        try:
            conn.send(reply)
        except (OSError, ValueError):
            return
        except Exception as e:  # an answer that cannot be pickled: say so instead
            conn.send(
                Reply(request.id, False, CompanionError(f"cannot send the answer to {request.op}: {e}"))
            )
            continue
        if reply.ok and answered is not None:
            answered(request, reply.value)
