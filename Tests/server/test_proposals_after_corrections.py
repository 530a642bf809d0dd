"""Issue 11, items 2 and 3, on a real server with the model: the proposal the console shows
is computed on the wall as the facilitator left it. After a correction, a proposal made
before it must not stay: it would offer a new theme for what the facilitator has just
gathered in theirs. Once they pause, the wall is regrouped with their theme in it."""
import time

from conftest import FOUR_TOPICS, FOUR_TOPICS_NOTES, console_for

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


def test_a_proposal_made_before_a_correction_is_made_again_on_the_corrected_wall(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    for i, text in enumerate(NOTES):
        ack = console.command({"type": "post", "id": f"n{i}", "kind": "opportunity", "text": text,
                               "scribe": {"name": f"Employer {i}", "organization": f"Plant {i}", "role": "employer"}})
        assert ack["type"] == "ack", ack
        time.sleep(0.06)
    # The room pauses: the wall settles and the console gets the engine's proposal.
    wait_still(server, quiet=18)
    ids = {f"n{i}": text for i, text in enumerate(NOTES)}
    broadband = {i for i, text in ids.items() if text in TOPICS["broadband"]}
    before = (snapshot(server).get("proposals") or {}).get("opportunity")
    assert before and before.get("requested") is None, "the settled wall offers the engine's proposal"

    # The facilitator makes their own theme; the notes its name speaks of that wait in
    # Unsorted join it at once.
    theme = console.command({"type": "createTheme", "kind": "opportunity", "label": "Internet and broadband"})["theme"]

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
    # What it offers now: broadband notes from other columns into the facilitator's theme
    # (the engine is not always right about every note — here "Zoning for new industrial
    # land" comes along with "Broadband at the industrial park", which is what the benchmarks
    # measure — but it gathers the notes the title names), and no new theme for notes the
    # facilitator's theme already holds.
    moved_in = {m["note"] for m in proposal["moves"] if m["to"] == theme}
    assert len(moved_in & broadband) >= 2 and len(moved_in & broadband) > len(moved_in - broadband), [ids[n] for n in moved_in]
    theirs = {n for n, t in where.items() if t == theme}
    assert theirs, "the facilitator's theme drew the notes its name speaks of"
    for new in proposal["newThemes"]:
        assert not {m["note"] for m in proposal["moves"] if m["to"] == new["id"]} & theirs, new
    console.close()
