"""Undo the merge, on a real server: the theme a merge took off the wall comes back, on every
screen and after a restart, and only the facilitator can bring it back."""
from conftest import console_for, phone_for, wait_until_placed


def board(snapshot, kind="opportunity"):
    """Each theme of a kind in the board's order, with its notes' texts."""
    themes = [t for t in snapshot["themes"] if t["kind"] == kind]
    return [(t["label"], sorted(n["text"] for n in snapshot["notes"] if n["theme"] == t["id"])) for t in themes]


def test_an_undone_merge_puts_the_theme_back_everywhere_and_survives_a_restart(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    phone = phone_for(server, "Karen")
    wall = server.client()
    assert wall.hello(server.meeting.code, "wall")["type"] == "welcome"
    texts = ["Drone pilots for crop spraying", "UAS test range at the airport",
             "Aircraft maintenance apprenticeships", "Avionics techs retiring"]
    notes = [phone.post(t)["note"] for t in texts]
    wait_until_placed(server, notes)
    drones = console.command({"type": "createTheme", "kind": "opportunity", "label": "Drones"})["theme"]
    aviation = console.command({"type": "createTheme", "kind": "opportunity", "label": "Aviation"})["theme"]
    for note, theme in zip(notes, [drones, drones, aviation, aviation]):
        assert console.command({"type": "moveNote", "note": note, "theme": theme})["type"] == "ack"
    before = board(console_for(server).welcome["snapshot"])
    assert ("Drones", sorted(texts[:2])) in before and ("Aviation", sorted(texts[2:])) in before

    assert console.command({"type": "mergeThemes", "from": drones, "into": aviation})["type"] == "ack"
    merged = console_for(server).welcome["snapshot"]
    assert [label for label, _ in board(merged)].count("Drones") == 0
    assert merged["mergeUndoable"]["opportunity"] == {"theme": drones, "label": "Drones", "into": aviation,
                                                      "notes": notes[:2], "named": True}
    assert "mergeUndoable" not in wall.welcome["snapshot"], "the console's business"

    # Only the facilitator can undo it.
    refused = phone.command({"type": "undoMerge", "kind": "opportunity"})
    assert refused["type"] == "error" and refused["code"] == "forbidden", refused

    wall.drain()
    since = wall.seq
    ack = console.command({"type": "undoMerge", "kind": "opportunity"})
    assert ack["type"] == "ack" and ack["theme"] == drones and ack["moved"] == 2, ack
    after = console_for(server).welcome["snapshot"]
    assert board(after) == before, "Drones back in its place with its two notes"
    assert "opportunity" not in after["mergeUndoable"]
    # The wall was told, in order: the theme back with its name, its notes back, then the undo.
    wall.drain()
    got = [e for s, e in wall.events if s > since]
    kinds = [e["type"] for e in got]
    assert kinds[0] == "themeRestored" and got[0]["theme"]["label"] == "Drones", got
    assert kinds[-1] == "mergeUndone" and sorted(e["note"] for e in got if e["type"] == "noteMoved") == sorted(notes[:2])
    assert board(server.client().hello(server.meeting.code, "wall")["snapshot"]) == before

    again = console.command({"type": "undoMerge", "kind": "opportunity"})
    assert again["type"] == "error" and again["code"] == "not_found" and "no merge to undo" in again["message"], again

    # The log holds the undo: a restart shows the same board.
    server.kill()
    server.start()
    assert board(console_for(server).welcome["snapshot"]) == before
