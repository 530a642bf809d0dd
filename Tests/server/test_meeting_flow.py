"""A meeting over real WebSockets: join, post, live broadcast, facilitator rights, resync."""
import json
import time

from conftest import console_for, phone_for, wait_until_placed


def notes_posted(client):
    return [e["note"]["id"] for _, e in client.events if e["type"] == "notePosted"]


def test_posts_reach_every_other_screen_once_and_in_order(server):
    console = console_for(server)
    wall = server.client()
    assert wall.hello(server.meeting.code, "wall")["type"] == "welcome"
    phones = [phone_for(server, f"Employer {i}") for i in range(5)]
    assert console.command({"type": "setPhase", "phase": "opportunities"})["type"] == "ack"

    posted = []
    for i, phone in enumerate(phones):
        for j in range(3):
            ack = phone.post(f"Opportunity {i}.{j}: drones & <b>UAS</b>")
            assert ack["type"] == "ack", ack
            # The sender saw its own event before the acknowledgement.
            assert ack["note"] in notes_posted(phone)
            posted.append(ack["note"])

    for screen in [console, wall] + phones:
        screen.drain()
        got = notes_posted(screen)
        assert sorted(got) == sorted(posted), "every screen gets every note exactly once"
        seqs = [s for s, _ in screen.events]
        assert seqs == sorted(seqs) and len(seqs) == len(set(seqs)), "sequence numbers rise without repeats"
    texts = {e["note"]["text"] for _, e in wall.events if e["type"] == "notePosted"}
    assert "Opportunity 0.0: drones & <b>UAS</b>" in texts, "text is stored and sent exactly as typed"


def test_participants_and_the_wall_can_never_run_facilitator_commands(server):
    console = console_for(server)
    phone = phone_for(server, "Karen")
    wall = server.client()
    wall.hello(server.meeting.code, "wall")
    console.command({"type": "setPhase", "phase": "opportunities"})
    note = phone.post("Drones")["note"]
    theme = console.command({"type": "createTheme", "kind": "opportunity", "label": "Drones"})["theme"]
    wait_until_placed(server, [note])  # let the clustering settle first
    before = console_for(server).welcome["snapshot"]

    attempts = [
        {"type": "setPhase", "phase": "closed"},
        {"type": "hideNote", "note": note},
        {"type": "createTheme", "kind": "opportunity", "label": "Mine"},
        {"type": "renameTheme", "theme": theme, "label": "Hijacked"},
        {"type": "moveNote", "note": note, "theme": None},
        {"type": "mergeThemes", "from": theme, "into": theme},
        {"type": "splitTheme", "theme": theme, "notes": [note], "label": "x"},
        {"type": "lockTheme", "theme": theme},
        {"type": "setNextSteps", "nextMeetingDate": "2027-02-26"},
        {"type": "updateMeeting", "title": "Hijacked", "key": server.meeting.key},
        {"type": "post", "id": "scribe-1", "kind": "opportunity", "text": "x",
         "scribe": {"name": "A", "organization": "B", "role": "employer"}},
    ]
    for client in (phone, wall):
        for msg in attempts:
            reply = client.command(msg)
            assert reply["type"] == "error" and reply["code"] == "forbidden", (msg, reply)
    after = console_for(server).welcome["snapshot"]
    assert after == before, "nothing changed"


def test_console_requires_the_facilitator_key(server):
    for key in (None, "", "0" * 32, server.meeting.key[:-1]):
        c = server.client()
        reply = c.hello(server.meeting.code, "console", key=key)
        assert reply["type"] == "error" and reply["code"] == "bad_key", reply
        assert "facilitator key" in reply["message"]
        # Still not a console: commands are refused.
        assert c.command({"type": "setPhase", "phase": "closed"})["code"] == "not_ready"
    good = server.client()
    assert good.hello(server.meeting.code, "console", key=server.meeting.key)["type"] == "welcome"


def test_repeated_wrong_keys_are_slowed_down_but_the_right_key_is_never_refused(server):
    for _ in range(10):
        assert server.client().hello(server.meeting.code, "console", key="f" * 32)["code"] == "bad_key"
    reply = server.client().hello(server.meeting.code, "console", key="e" * 32)
    assert reply["type"] == "error" and reply["code"] == "too_many_attempts" and "try again in" in reply["message"], \
        "guessing is slowed down"
    # The facilitator who typed their key wrong (or shares the venue's address with a guesser) still gets in.
    assert server.client().hello(server.meeting.code, "console", key=server.meeting.key)["type"] == "welcome"


def test_reconnect_with_since_gets_exactly_what_was_missed(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    a = phone_for(server, "Karen")
    b = phone_for(server, "Paul")
    a.post("first")
    b.drain()
    last_seen = b.seq
    token = b.token
    b.close()

    missed = [a.post(f"while away {i}")["note"] for i in range(3)]
    b2 = server.client()
    welcome = b2.hello(server.meeting.code, token=token, since=last_seen)
    assert welcome["mode"] == "replay"
    assert welcome["you"]["name"] == "Paul", "the resume token brings back the same person"
    b2.drain()
    assert notes_posted(b2) == missed, "exactly the missed notes, in order, no duplicates"

    # The same person can still act as themselves after reconnecting.
    mine = b2.post("back again")
    assert mine["type"] == "ack"
    assert b2.command({"type": "edit", "note": mine["note"], "text": "back again, edited"})["type"] == "ack"

    fresh = server.client()
    welcome = fresh.hello(server.meeting.code, since=0)
    notes = [n["id"] for n in welcome["snapshot"]["notes"]]
    assert len(notes) == len(set(notes)) == 5


def test_a_retried_post_never_duplicates_a_note(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    phone = phone_for(server, "Karen")
    first = phone.post("Re-shoring", note_id="retry-me")
    second = phone.post("Re-shoring", note_id="retry-me")
    assert first["type"] == second["type"] == "ack"
    assert second.get("duplicate") is True and second["seq"] == first["seq"]
    console.drain()
    assert notes_posted(console).count("retry-me") == 1
    other = phone_for(server, "Paul")
    assert other.post("Steal", note_id="retry-me")["code"] == "conflict"


def test_meetings_are_isolated(server):
    other = server.create_meeting(title="Region Y Healthcare", industry="Healthcare", region="Region Y")
    # The running server picks up a meeting created from the command line.
    deadline_console = None
    import time
    # (Polled twice a second: every miss counts as a wrong code, as a guess would.)
    for _ in range(10):
        c = server.client()
        r = c.hello(other.code, "console", key=other.key)
        if r["type"] == "welcome":
            deadline_console = c
            break
        c.close()
        time.sleep(0.5)
    assert deadline_console, "new meeting discovered within 5 s"
    console_a = console_for(server)
    console_b = deadline_console
    console_a.command({"type": "setPhase", "phase": "opportunities"})
    console_b.command({"type": "setPhase", "phase": "opportunities"})
    a = phone_for(server, "Karen")
    a.post("only for region X")
    console_b.drain()
    assert notes_posted(console_b) == []
    assert all(e["type"] != "participantJoined" for _, e in console_b.events)
    # The other meeting's key does not open this one.
    assert server.client().hello(server.meeting.code, "console", key=other.key)["code"] == "bad_key"


def test_partners_listen_unless_the_meeting_lets_everyone_post(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    college = phone_for(server, "College", role="partner")
    reply = college.post("Apprenticeships")
    assert reply["code"] == "not_allowed" and "employers" in reply["message"]
    assert console.command({"type": "updateMeeting", "everyoneMayPost": True})["type"] == "ack"
    assert college.post("Apprenticeships")["type"] == "ack"


def test_private_fields_stay_on_the_console(server):
    phone = phone_for(server, "Karen", email="karen@acme.example", consent=True)
    wall = server.client()
    wall.hello(server.meeting.code, "wall")
    console = console_for(server)
    assert "karen@acme.example" not in json.dumps(wall.welcome)
    assert "karen@acme.example" in json.dumps(console.welcome)
    assert phone.token not in json.dumps(console.welcome)
    assert server.meeting.key not in json.dumps(console.welcome)


def test_after_a_restart_a_phone_gets_only_what_it_missed(server):
    """The replay window is rebuilt from the log at start: a room of phones coming back after
    a crash gets the few events each missed, not a whole snapshot each."""
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    a = phone_for(server, "Karen")
    b = phone_for(server, "Paul")
    before = a.post("before the crash")["note"]
    wait_until_placed(server, [before])
    b.drain()
    last_seen, token = b.seq, b.token
    b.close()
    server.kill()
    server.start()

    a2 = server.client()
    assert a2.hello(server.meeting.code, token=a.token)["type"] == "welcome"
    missed = [a2.post(f"after the restart {i}")["note"] for i in range(2)]
    b2 = server.client()
    welcome = b2.hello(server.meeting.code, token=token, since=last_seen)
    assert welcome["mode"] == "replay" and "snapshot" not in welcome
    b2.drain()
    assert notes_posted(b2) == missed
    seqs = [s for s, _ in b2.events]
    assert seqs == list(range(last_seen + 1, last_seen + 1 + len(seqs))), "no gap, no duplicate"
    assert seqs[-1] >= welcome["seq"]


def test_a_snapshot_larger_than_a_frame_arrives_whole_and_the_same_for_everyone(server):
    """A full wall's snapshot goes out in fragments from one shared copy."""
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    texts = []
    for p in range(6):
        phone = phone_for(server, f"Employer {p}")
        for i in range(25):
            text = f"Phone {p} note {i}: " + "ü€ machining apprenticeships and shared training " * 5
            text = text[:280]
            texts.append(text)
            time.sleep(0.05)  # within the per-connection rate limit, and each person's burst
            reply = phone.post(text)
            assert reply["type"] == "ack", reply
    first, second = server.client(), server.client()
    w1 = first.hello(server.meeting.code, "wall")
    w2 = second.hello(server.meeting.code, "wall")
    size = len(json.dumps(w1["snapshot"], ensure_ascii=False).encode())
    assert size > 40_000, size
    assert w1["snapshot"] == w2["snapshot"]
    assert sorted(n["text"] for n in w1["snapshot"]["notes"]) == sorted(texts)
