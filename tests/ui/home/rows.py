"""Home rows made by hand for the page's and the strip's own tests (no library, no window)."""

from __future__ import annotations

from companion.core.taste.rows import Row, RowItem


def row(row_id: str, title: str, n: int = 4, kind: str = "music") -> Row:
    items = tuple(
        RowItem(item_id=100 * len(row_id) + k, path=f"/m/{row_id}/{k}.flac", kind=kind, title=f"{title} {k}",
                artist="Band", reason="because you played it", duration=200.0)
        for k in range(n)
    )  # fmt: skip
    return Row(id=row_id, title=title, kind=kind, reason=f"Why {title}", items=items)
