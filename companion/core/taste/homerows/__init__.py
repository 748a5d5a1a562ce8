"""HOME_ROWS: the registry of the home's rows. A new row is one module in this package plus its test.

Each module here (not starting with ``_``) declares ``ROW = HomeRow(...)``: its id (``"now"``) or id prefix
(``"daily-"``), a builder, its base order, its title rule and which rows it must differ from. Everything
else reads the registry: ``home.build_home`` (which rows, in what order, how many cards), ``home.get_row``
(one whole mix by id), ``ordering`` (base order, row families) and the checks on titles.

Builders return :class:`Draft` rows (entry positions, not yet row items): the home turns only the cards it
shows into ``RowItem``, and a later row limits how much it shares with the rows named in ``after`` (see
``mixer.Overlap``), which are built first, also when one mix is asked for alone.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from functools import cached_property

import numpy as np

from companion.core.taste import mixer
from companion.core.taste.rows import Row
from companion.core.taste.view import View

MIX_LIMIT = 50  # a whole mix; the home shows the first ``home_limit`` of the same list
ROW_LIMIT = 25
MIN_MIX = 8  # a mix with fewer items is not shown (a library too small gets fewer mixes, not thin ones)


@dataclass
class Draft:
    """A row before its items are made: entry positions in order, their score and lead reasons."""

    id: str
    title: str
    reason: str
    picks: list[int]
    score: np.ndarray | None = None
    leads: dict[int, str] = field(default_factory=dict)
    kind: str = "music"


@dataclass
class Built:
    """The rows built so far for this look (by id), for rows that must differ from them."""

    drafts: dict[str, Draft] = field(default_factory=dict)

    def rows(self, prefix: str) -> list[Draft]:
        """Built rows whose id is ``prefix`` or, for a family prefix ("daily-"), starts with it."""
        return [
            d
            for rid, d in self.drafts.items()
            if rid == prefix or (prefix.endswith("-") and rid.startswith(prefix))
        ]

    def overlaps(self, rules: dict[str, float]) -> list[mixer.Overlap]:
        """One overlap limit per built row named in ``rules`` (id or prefix -> largest shared share)."""
        out = []
        for prefix, share in rules.items():
            for d in self.rows(prefix):
                out.append(mixer.Overlap(frozenset(d.picks), share, len(d.picks)))
        return out


Builder = Callable[[View, int, Built], Sequence[Draft | Row]]
Finder = Callable[[View, int, Built, str], Draft | Row | None]


@dataclass(frozen=True)
class HomeRow:
    """One kind of home row.

    ``title`` is the title rule: the title with ``{...}`` where a part varies and ``[...]`` around what may
    be left out ("Daily Mix {n}[: {genres}]"); every row built must match it. ``after`` maps rows (ids or prefixes) this one is built after to the
    largest share of its items it may have in common with each of them.
    """

    id: str
    order: int
    title: str
    build: Builder
    find: Finder | None = None  # one row by id when it may not be on the home (because-<any item>)
    after: dict[str, float] = field(default_factory=dict)
    home_limit: int = ROW_LIMIT
    min_items: int = MIN_MIX
    kind: str = "music"  # what the row holds: music, video or mixed (documentation and checks)
    quick_mix: int | None = (
        None  # the tray offers these rows as quick mixes, in this order (None: not offered)
    )

    @property
    def is_family(self) -> bool:
        return self.id.endswith("-")

    def owns(self, row_id: str) -> bool:
        return row_id == self.id or (self.is_family and row_id.startswith(self.id))

    @cached_property
    def title_pattern(self) -> re.Pattern[str]:
        """The title rule as a regular expression: ``{...}`` is any text, ``[...]`` is optional."""
        out = []
        for token in re.findall(r"\{[^}]*\}|\[|\]|[^{}\[\]]+", self.title):
            out.append(
                {"[": "(?:", "]": ")?"}.get(token) or (".+?" if token.startswith("{") else re.escape(token))
            )
        return re.compile("^" + "".join(out) + "$", re.DOTALL)

    def title_fits(self, title: str) -> bool:
        return bool(self.title_pattern.match(title))


def _discover() -> tuple[HomeRow, ...]:
    specs = []
    for info in pkgutil.iter_modules(__path__):
        if info.name.startswith("_"):
            continue
        module = importlib.import_module(f"{__name__}.{info.name}")
        spec = getattr(module, "ROW", None)
        if isinstance(spec, HomeRow):
            specs.append(spec)
    specs.sort(key=lambda s: (s.order, s.id))
    ids = [s.id for s in specs]
    if len(set(ids)) != len(ids):
        raise RuntimeError(f"two home rows declare the same id: {ids}")
    return tuple(specs)


HOME_ROWS: tuple[HomeRow, ...] = _discover()


def spec_for(row_id: str) -> HomeRow | None:
    """The registered row kind that owns ``row_id`` (exact ids before prefixes)."""
    exact = next((s for s in HOME_ROWS if s.id == row_id), None)
    return exact or next((s for s in HOME_ROWS if s.is_family and s.owns(row_id)), None)


def family(row_id: str) -> str:
    """The row's family: its registered prefix ("daily-"), else the id itself."""
    spec = spec_for(row_id)
    return spec.id if spec is not None and spec.is_family else row_id


def base_order(row_id: str) -> int:
    spec = spec_for(row_id)
    return spec.order if spec is not None else 10_000
