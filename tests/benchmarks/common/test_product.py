"""benchmarks/common/product.py: every product internal the benchmarks use still exists."""

import pytest

from benchmarks.common import product


@pytest.mark.parametrize("name", sorted(product.INTERNALS))
def test_every_named_internal_imports(name):
    assert getattr(product, name) is not None


def test_an_unknown_name_says_where_to_add_it():
    with pytest.raises(AttributeError, match="add it to INTERNALS"):
        product.no_such_thing  # noqa: B018


def test_rows_go_only_into_the_tables_generated_profiles_fill(tmp_path):
    conn = product.open_db(tmp_path)
    product.insert_rows(
        conn, "items", ("path", "kind", "added_at", "updated_at"), [("/m/a.flac", "music", 1, 1)]
    )
    assert product.item_ids(conn, "music") == [1] and product.item_ids(conn, "video") == []
    with pytest.raises(ValueError, match="no generated rows"):
        product.insert_rows(conn, "settings", ("key",), [("x",)])
    conn.close()
