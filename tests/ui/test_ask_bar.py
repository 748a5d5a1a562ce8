"""Ask in the search box: the reading as chips, a chip removed, a follow-up that refines the same mix."""

from __future__ import annotations


def test_ask_chips_remove_and_refine(qtbot, built):
    from companion.ui.ask_bar import AskBar

    w = built.window
    w.show_page("search")
    page = w.search
    assert isinstance(page.ask_bar, AskBar)
    page.field.setText("something calm, no latin pop")
    qtbot.waitUntil(lambda: page.last_text == "something calm, no latin pop", timeout=30_000)
    labels = [c.text() for c in page.ask_bar.chips]
    assert page.ask_bar.isVisible() and len(labels) == 2 and any("no latin pop" in t for t in labels)
    assert page._ask_strip is not None and page._strips == []  # Ask's mix, not the search's mood mix twice
    shown = {i.item_id for i in page.ask_bar.result.items}
    assert shown and all(
        i.artist != "Marisol Vega" for i in page.ask_bar.result.items
    )  # the demo's latin pop
    # the plain search's songs (found by the prompt's words) do not contradict the reading below it
    assert page.model.rowCount() == 0 and not page.grid.isVisible()
    assert page.summary.text().startswith(f"{len(shown)} item")
    no_latin = next(c for c in page.ask_bar.chips if "latin" in c.text())
    no_latin.click()
    qtbot.waitUntil(lambda: len(page.ask_bar.chips) == 1, timeout=30_000)
    page.ask_bar.refine_field.setText("more new")
    page.ask_bar.refine_field.returnPressed.emit()
    qtbot.waitUntil(lambda: any("new to you" in c.text() for c in page.ask_bar.chips), timeout=30_000)
    assert "“calm”" in " ".join(c.text() for c in page.ask_bar.chips)  # the same mix, refined
    assert page.ask_bar.refine_field.text() == ""
    page.field.setText("night bus")  # a plain search: no reading shown
    qtbot.waitUntil(lambda: page.last_text == "night bus", timeout=30_000)
    assert not page.ask_bar.isVisible() and page._ask_strip is None
