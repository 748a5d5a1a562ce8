"""What the Library's tables show beside the views (library/table_extras.py): likes and dislikes, and spoken
word with where the person left it, as plain values."""

from __future__ import annotations

from companion.core.events.ratings import set_liked
from companion.core.library.table_extras import SPOKEN_COLUMNS, opinions, spoken_rows
from tests.core.importers.library import add_item


def test_likes_dislikes_and_spoken_word_as_plain_values(db):
    song, other, plain = (add_item(db, f"/m/{n}.flac") for n in "abc")
    book = add_item(db, "/b/ch1.mp3", title="Chapter 1", artist="Writer", album="Book", duration=1800.0,
                    spoken="audiobook", track_no=1)  # fmt: skip
    add_item(db, "/b/gone.mp3", title="Lost", spoken="audiobook", status="missing")
    set_liked(db, song, 1)
    set_liked(db, other, -1)
    assert opinions(db) == {song: 1, other: -1} and plain not in opinions(db)
    db.execute("INSERT INTO resume_points(item_id, position, updated_at) VALUES (?, 620.0, 1.0)", (book,))
    assert SPOKEN_COLUMNS == ("id", "Title", "Author", "Album", "Time", "Left at")
    assert spoken_rows(db) == [(book, "Chapter 1", "Writer", "Book", 1800.0, 620.0)]
