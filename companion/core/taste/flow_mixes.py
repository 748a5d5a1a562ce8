"""Any mix played as a flow: the row's items reordered by ``order.flow_order``, each with its sound facts
and the score of the transition to the next one (``companion mix ROW --flow``, "Play as a flow")."""

from __future__ import annotations

import sqlite3
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import Any

from companion.core.analysis.table import features_for
from companion.core.flow.order import Sound, camelot_label, flow_order, transition_score
from companion.core.taste.rows import Row, RowItem

SOUND_KEYS = ("bpm", "key", "mode", "loudness", "energy")


@dataclass(frozen=True)
class FlowItem:
    item: RowItem
    sound: Sound
    transition: float | None  # 0..1 to the next item (None for the last, or when either is unanalysed)

    def to_json(self) -> dict[str, Any]:
        s = self.sound
        return {
            **self.item.to_json(),
            "bpm": None if s.bpm is None else round(s.bpm, 1),
            "key": None if s.key is None else f"{s.key} {s.mode}",
            "camelot": camelot_label(s.key, s.mode),
            "energy": s.energy,
            "transition": self.transition,
        }


def sounds_of(conn: sqlite3.Connection, item_ids: Sequence[int]) -> dict[int, Sound]:
    feats = features_for(conn, item_ids, keys=SOUND_KEYS)
    return {i: Sound.of(i, feats.get(i)) for i in item_ids}


def with_transitions(items: Sequence[RowItem], sounds: dict[int, Sound]) -> list[FlowItem]:
    out = []
    for i, item in enumerate(items):
        s = sounds[item.item_id]
        nxt = sounds[items[i + 1].item_id] if i + 1 < len(items) else None
        score = transition_score(s, nxt) if nxt is not None and s.analysed and nxt.analysed else None
        out.append(FlowItem(item, s, score))
    return out


def flow_items(conn: sqlite3.Connection, items: Sequence[RowItem]) -> list[FlowItem]:
    """``items`` ordered to flow. Music tracks are ordered; album cards, video and spoken word keep their
    order after them (an album plays in its own order)."""
    tracks = [i for i in items if i.kind == "music" and not i.play_ids]
    others = [i for i in items if not (i.kind == "music" and not i.play_ids)]
    sounds = sounds_of(conn, [i.item_id for i in items])
    by_id = {i.item_id: i for i in tracks}
    ordered = [by_id[s.item_id] for s in flow_order([sounds[i.item_id] for i in tracks])]
    return with_transitions([*ordered, *others], sounds)


def flow_row(conn: sqlite3.Connection, row: Row) -> tuple[Row, list[FlowItem]]:
    """The row with its items in flow order, and the items with their sound facts."""
    items = flow_items(conn, row.items)
    return replace(row, items=tuple(f.item for f in items)), items


def flow_row_json(row: Row, items: Sequence[FlowItem]) -> dict[str, Any]:
    return {**row.to_json(), "flow": True, "items": [f.to_json() for f in items]}


def flow_text(row: Row, items: Sequence[FlowItem]) -> str:
    lines = [f"{row.title} as a flow  [{row.id}]"]
    for f in items:
        who = f"{f.item.artist} - " if f.item.artist else ""
        s = f.sound
        facts = ", ".join(
            x
            for x in (
                f"{s.bpm:.0f} BPM" if s.bpm else "",
                camelot_label(s.key, s.mode) or "",
                f"energy {s.energy:.2f}" if s.energy is not None else "",
                f"-> {f.transition:.2f}" if f.transition is not None else "",
            )
            if x
        )
        lines.append(f"    {who}{f.item.title or f.item.path}    ({facts or 'not analysed yet'})")
    return "\n".join(lines)
