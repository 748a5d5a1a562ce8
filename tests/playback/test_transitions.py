"""Which crossfade comes next (playback/transitions.py): planned once per pair from the analysis and the
setting, handed out once when the track reaches it, and none for the wrong pair or with fades off."""

from __future__ import annotations

from companion.core.analysis import table
from companion.core.playqueue import PlayQueue, entries_from_db
from companion.core.store import Store
from companion.playback.transitions import TransitionPlanner
from tests.core.events.helpers import add_item


def test_a_fade_is_planned_from_the_outro_and_handed_out_once(profile):
    store = Store(profile)
    conn = store.conn()
    a, b, c = (add_item(conn, f"/m/{n}.flac", duration=200.0) for n in "abc")
    video = add_item(conn, "/v/v.mkv", kind="video", duration=600.0)
    table.write_results(conn, 2, [(a, {"outro_start": 190.0}, None), (b, {"intro_end": 1.5}, None)])
    setting = ["4"]
    planner = TransitionPlanner(store, lambda: setting[0])
    queue = PlayQueue()
    queue.play_now(entries_from_db(conn, [a, b, c]))
    t = planner.plan(queue)
    assert (t.fade_at, t.length, t.incoming_start) == (190.0, 4.0, 1.5) and planner.planned() == t
    assert not planner.soon(180.0, 5.0) and planner.soon(186.0, 5.0)
    assert planner.due(queue, 189.0) is None and planner.due(queue, 190.0) == t
    assert planner.due(queue, 191.0) is None and planner.planned() is None, "handed out once"
    planner.plan(queue)
    queue.advance()  # the queue moved on by hand: the plan is for another pair
    assert planner.due(queue, 195.0) is None
    assert planner.fades_on_cut(queue.entries[0], queue.entries[1])
    assert not planner.fades_on_cut(queue.entries[0], entries_from_db(conn, [video])[0])
    setting[0] = "off"
    assert planner.plan(queue) is None and not planner.fades_on_cut(queue.entries[0], None)
    setting[0] = "a setting from a newer version"
    assert planner.plan(queue) is None, "played without fades rather than failing"
    store.close_all()
