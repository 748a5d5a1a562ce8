"""The window's calls for Ask, Replay and keep-out rules (part of ``Backend``).

Asking, Replay and what each keep-out rule hides are computed by the taste service (``core/jobs/operations``:
``ask``, ``replay``, ``keep_out``), so the window never loads the taste engine; without a service (tools,
tests) the same calls run in this process. Adding or removing a rule is one write, made here.
"""

from __future__ import annotations

from typing import Any

from companion.core.jobs.operations import OPS


class TasteCalls:
    """Mixed into ``Backend``: needs its ``_ask`` (the taste service) and ``_conn`` (this thread's connection)."""

    profile: Any

    def _ask(self, op: str, *args: Any) -> tuple[bool, Any]:
        raise NotImplementedError  # Backend's

    def _conn(self) -> Any:
        raise NotImplementedError  # Backend's

    def ask(self, text: str, clauses: list | None = None, previous: Any = None) -> Any:
        """An ``AskResult``: for a prompt, for a reading with a chip removed, or a follow-up on ``previous``."""
        asked, answer = self._ask("ask", text, clauses, previous)
        if asked:
            return answer

        return OPS["ask"](self._conn(), self.profile, text, clauses, previous)

    def replay(self, period: str | None = None) -> Any:
        """(periods with listening, the ``Replay`` of ``period`` or of the default one, None when none)."""
        asked, answer = self._ask("replay", period)
        if asked:
            return answer

        return OPS["replay"](self._conn(), self.profile, period)

    def keep_out(self) -> Any:
        """(the rules with what each hides, the suggestion to show or None)."""
        asked, answer = self._ask("keep_out")
        if asked:
            return answer

        return OPS["keep_out"](self._conn(), self.profile)

    def keep_out_suggestion(self) -> Any:
        """The keep-out suggestion to show now, or None."""
        asked, answer = self._ask("keep_out_suggestion")
        if asked:
            return answer

        return OPS["keep_out_suggestion"](self._conn(), self.profile)

    def add_keep_out(self, kind: str, value: str, artist: str | None = None) -> Any:
        # loaded on first use, not at the window's start
        from companion.core.taste.keepout import add_rule

        return add_rule(self._conn(), kind, value, artist=artist)

    def remove_keep_out(self, rule_id: int) -> None:
        # loaded on first use, not at the window's start
        from companion.core.taste.keepout import remove_rule

        remove_rule(self._conn(), rule_id)

    def dismiss_suggestion(self, key: str) -> None:
        # loaded on first use, not at the window's start
        from companion.core.taste.keepout import dismiss_suggestion

        dismiss_suggestion(self._conn(), key)
