"""Issue 11, items 2 and 3, on a real server with the model: the proposal the console shows
is computed on the wall as the facilitator left it. After a correction, a proposal made
before it must not stay: it would offer a new theme for what the facilitator has just
gathered in theirs. Once they pause, the wall is regrouped with their theme in it."""
import time

from conftest import FOUR_TOPICS, FOUR_TOPICS_NOTES, console_for, wait_until_placed

TOPICS, NOTES = FOUR_TOPICS, FOUR_TOPICS_NOTES


def snapshot(server):
    c = console_for(server)
    c.close()
    return c.welcome["snapshot"]


def wait_still(server, quiet, timeout=60):
    """Until no event for `quiet` seconds: the room's pause, and whatever the server does then."""
    deadline, last, since = time.time() + timeout, None, time.time()
    while time.time() < deadline:
        c = console_for(server)
        c.close()
        seq = c.welcome["seq"]
        if seq != last:
            last, since = seq, time.time()
        elif time.time() - since >= quiet:
            return
        time.sleep(0.3)
    raise AssertionError("the meeting never became still")


def settled_wall_with_a_proposal(server):
    """Posts the four topics' notes for the console, one note a pass, and waits for the room's
    pause; returns the console and the engine's proposal standing then."""
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    for i, text in enumerate(NOTES):
        ack = console.command({"type": "post", "id": f"n{i}", "kind": "opportunity", "text": text,
                               "scribe": {"name": f"Employer {i}", "organization": f"Plant {i}", "role": "employer"}})
        assert ack["type"] == "ack", ack
        # One note a pass: the wall the clustering builds then does not depend on how fast
        # this machine is (a slow CI run batched the notes differently, grouped a fourth
        # theme of its own for broadband, and the test's premise was gone).
        wait_until_placed(server, [f"n{i}"])
    # The room pauses: the wall settles and the console gets the engine's proposal.
    wait_still(server, quiet=18)
    before = (snapshot(server).get("proposals") or {}).get("opportunity")
    assert before and before.get("requested") is None, "the settled wall offers the engine's proposal"
    return console, before


def test_a_proposal_made_before_a_correction_is_made_again_on_the_corrected_wall(server):
    console, before = settled_wall_with_a_proposal(server)
    ids = {f"n{i}": text for i, text in enumerate(NOTES)}
    broadband = {i for i, text in ids.items() if text in TOPICS["broadband"]}

    # The facilitator makes their own theme and moves two broadband notes into it by hand (the
    # grouping had put them with the bus line: "Industrial park & broadband").
    theme = console.command({"type": "createTheme", "kind": "opportunity", "label": "Internet and broadband"})["theme"]
    placed = {n["id"]: n["theme"] for n in snapshot(server)["notes"]}
    by_hand = sorted((n for n in broadband if placed[n]), key=lambda n: int(n[1:]))[:2]
    assert len(by_hand) == 2, placed
    for n in by_hand:
        assert console.command({"type": "moveNote", "note": n, "theme": theme})["type"] == "ack"

    def proposal_fits_the_wall():
        snap = snapshot(server)
        where = {n["id"]: n["theme"] for n in snap["notes"]}
        proposal = (snap.get("proposals") or {}).get("opportunity")
        if proposal is None:
            return None
        stale = [m for m in proposal["moves"] if where[m["note"]] != m["from"]]
        into_theirs = [m["note"] for m in proposal["moves"] if m["to"] == theme]
        return (snap, proposal) if not stale and into_theirs else None

    # The wall is regrouped 5 s after the correction (15 s when the room's pause is owed too),
    # then the label's vector and a debug build's regrouping: on a busy 2-core machine that
    # once took longer than 20 s. This waits for the behaviour; it times nothing.
    deadline = time.time() + 45
    found = None
    while time.time() < deadline and not (found := proposal_fits_the_wall()):
        time.sleep(0.5)
    assert found, f"the proposal still reflects the wall before the correction: {(snapshot(server).get('proposals') or {})}"
    snap, proposal = found
    where = {n["id"]: n["theme"] for n in snap["notes"]}
    # What it offers now: broadband notes from other columns into the facilitator's theme,
    # which its two examples and its title teach (the engine is not always right about every
    # note — the benchmarks measure how often — but it gathers more broadband notes than
    # others), and no new theme for notes the facilitator's theme already holds.
    moved_in = {m["note"] for m in proposal["moves"] if m["to"] == theme}
    assert len(moved_in & broadband) >= 2 and len(moved_in & broadband) > len(moved_in - broadband), [ids[n] for n in moved_in]
    theirs = {n for n, t in where.items() if t == theme}
    assert set(by_hand) <= theirs, "the notes the facilitator placed stay where they put them"
    for new in proposal["newThemes"]:
        assert not {m["note"] for m in proposal["moves"] if m["to"] == new["id"]} & theirs, new
    console.close()


def test_keeping_a_note_in_place_leaves_the_proposal_being_read_as_it_was(server):
    """A walk-through: the facilitator pressed "Keep in place" on one card of a 13-move
    proposal, and 5 s later, with nothing posted, the proposal was rewritten; Apply then moved
    cards that had no arrow when they read it. A Keep only confirms a note where it is: the
    proposal loses that note's move and nothing else."""
    console, before = settled_wall_with_a_proposal(server)
    seen = [m for m in before["moves"] if m["from"] is not None]
    assert len(before["moves"]) >= 3 and seen, before
    kept = seen[0]
    assert console.command({"type": "moveNote", "note": kept["note"], "theme": kept["from"]})["type"] == "ack"
    # Longer than the wait after a correction (5 s), with nothing posted.
    wait_still(server, quiet=9)
    after = (snapshot(server).get("proposals") or {}).get("opportunity")
    assert after is not None, "the proposal is still there to apply"
    others = lambda p: sorted((m["note"], m["from"], m["to"]) for m in p["moves"] if m["note"] != kept["note"])
    assert others(after) == others(before), "the proposal the facilitator is reading did not change under them"
    assert after["newThemes"] == before["newThemes"]
    where = {n["id"]: n for n in snapshot(server)["notes"]}
    assert where[kept["note"]]["theme"] == kept["from"] and where[kept["note"]]["placedByHand"]
    console.close()
