"""A reconnecting screen gets what it missed — but never what has been hidden, withdrawn or
rewritten since (issue 14, item 1): replayed events as first sent would carry that text.
Real server, real WebSocket clients."""
import json

from conftest import console_for, phone_for

SECRET = "Acme is about to lay off 40 people"
FIRST_DRAFT = "our CEO called the mayor an idiot"


def reconnect_and_collect(server, client, since, **hello):
    c = server.client()
    welcome = c.hello(server.meeting.code, client=client, since=since, **hello)
    assert welcome["type"] == "welcome", welcome
    c.drain(quiet=0.5)
    seen = json.dumps(welcome) + "".join(json.dumps(e) for _, e in c.events)
    c.close()
    return welcome, seen


def test_replay_never_shows_hidden_withdrawn_or_superseded_text(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    karen = phone_for(server, "Karen")
    wall = server.client()
    wall.hello(server.meeting.code, client="wall")
    since = wall.seq   # the wall knew the meeting up to here, then lost its network

    hidden = karen.post(SECRET)["note"]
    assert console.command({"type": "hideNote", "note": hidden, "hidden": True})["type"] == "ack"
    withdrawn = karen.post("I should not have written this about Bob")["note"]
    assert karen.command({"type": "withdraw", "note": withdrawn})["type"] == "ack"
    edited = karen.post(FIRST_DRAFT)["note"]
    assert karen.command({"type": "edit", "note": edited, "text": "We need the city's support"})["type"] == "ack"
    kept = karen.post("Drone makers are growing")["note"]

    for client in ("wall", "participant"):
        welcome, seen = reconnect_and_collect(server, client, since)
        for text in (SECRET, "I should not have written this about Bob", FIRST_DRAFT):
            assert text not in seen, f"{client} was replayed {text!r}"
        # What it may see, it sees (in a snapshot or a replay).
        assert "We need the city's support" in seen and "Drone makers are growing" in seen

    # Karen's own phone, coming back with her token, gets her hidden note (marked hidden, so
    # "Your notes" says the facilitator hid it rather than losing it); nobody else does.
    welcome, seen = reconnect_and_collect(server, "participant", since, token=karen.token)
    assert [(n["id"], n["text"], n["hidden"]) for n in welcome["yourHiddenNotes"]] == [(hidden, SECRET, True)], welcome.get("yourHiddenNotes")
    ginger = phone_for(server, "Ginger")
    welcome, seen = reconnect_and_collect(server, "participant", since, token=ginger.token)
    assert "yourHiddenNotes" not in welcome and SECRET not in seen

    # The console sees hidden notes by design, but not withdrawn or superseded text either.
    welcome, seen = reconnect_and_collect(server, "console", since, key=server.meeting.key)
    assert SECRET in seen
    assert "I should not have written this about Bob" not in seen and FIRST_DRAFT not in seen


def test_a_clean_replay_is_still_a_replay(server):
    """Nothing hidden or rewritten: the reconnecting client gets the missed events only."""
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    karen = phone_for(server, "Karen")
    wall = server.client()
    wall.hello(server.meeting.code, client="wall")
    since = wall.seq
    karen.post("Drone makers are growing")
    welcome, seen = reconnect_and_collect(server, "wall", since)
    assert welcome["mode"] == "replay", welcome["mode"]
    assert "Drone makers are growing" in seen
