"""The organizer's page protocol: with the server's organizer key (printed by `convene serve`),
a convener lists every meeting and starts new ones from the browser. Real server, real
SQLite file, real WebSocket clients."""
import os
import re
import stat
import time

import pytest

from conftest import Server


def organizer_key(server):
    found = re.search(r"/meetings\.html#organizer=([0-9a-f]{32})", server.output)
    assert found, server.output
    return found.group(1)


NEW_MEETING = {
    "type": "createMeeting",
    "title": "Region Y Health Care Sector Partnership — launch",
    "industry": "Health care",
    "region": "Region Y",
    "date": "2026-12-03",
    "place": "Community college, room 114",
    "chairs": ["Dana Ortiz", "Lee Park"],
    "everyoneMayPost": True,
    "timeboxes": {"opportunities": 30, "requirements": 35},
}


@pytest.fixture
def bare_server(data_dir):
    s = Server(data_dir)
    s.start()
    yield s
    s.stop()


def test_key_file_is_private_and_stable(bare_server):
    key = organizer_key(bare_server)
    path = os.path.join(bare_server.data, "organizer.key")
    assert open(path).read().strip() == key
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    bare_server.stop()
    bare_server.start()
    assert organizer_key(bare_server) == key, "the organizer link survives a restart"


def test_create_meeting_then_run_it(bare_server):
    key = organizer_key(bare_server)
    org = bare_server.client()
    listed = org.command({"type": "listMeetings", "organizerKey": key})
    assert listed["type"] == "ack" and listed["meetings"] == []

    ack = org.command(dict(NEW_MEETING, organizerKey=key))
    assert ack["type"] == "ack", ack
    m = ack["meeting"]
    assert re.fullmatch(r"[A-Z0-9]{6}", m["code"]) and re.fullmatch(r"[0-9a-f]{32}", m["key"])
    assert (m["title"], m["industry"], m["region"], m["date"], m["place"]) == (
        NEW_MEETING["title"], "Health care", "Region Y", "2026-12-03", "Community college, room 114")

    # The console opens it with the key it was given, and sees what was asked for.
    console = bare_server.client()
    welcome = console.hello(m["code"], "console", key=m["key"])
    assert welcome["type"] == "welcome"
    meeting = welcome["snapshot"]["meeting"]
    assert meeting["chairs"] == ["Dana Ortiz", "Lee Park"]
    assert meeting["settings"]["everyoneMayPost"] is True
    assert meeting["settings"]["timeboxes"]["opportunities"] == 30
    assert meeting["settings"]["timeboxes"]["requirements"] == 35
    assert meeting["settings"]["timeboxes"]["welcome"] == 15, "phases not given keep their default"

    # A phone joins by the code and posts; the console sees it.
    phone = bare_server.client()
    assert phone.hello(m["code"])["type"] == "welcome"
    phone.join("Kim", "Acme Tools")
    assert console.command({"type": "setPhase", "phase": "opportunities"})["type"] == "ack"
    assert phone.post("Apprenticeships for CNC machinists")["type"] == "ack"
    console.wait_for(lambda x: x["type"] == "event" and x["event"]["type"] == "notePosted")

    listed = org.command({"type": "listMeetings", "organizerKey": key})["meetings"]
    assert [(x["code"], x["participants"], x["notes"], x["phase"]) for x in listed] == [(m["code"], 1, 1, "opportunities")]

    # Acknowledged means durable: a kill -9 right after keeps the meeting and its note.
    bare_server.kill()
    bare_server.start()
    again = bare_server.client()
    welcome = again.hello(m["code"], "console", key=m["key"])
    assert welcome["type"] == "welcome"
    assert [n["text"] for n in welcome["snapshot"]["notes"]] == ["Apprenticeships for CNC machinists"]


def test_two_meetings_get_different_codes_and_keys(bare_server):
    key = organizer_key(bare_server)
    org = bare_server.client()
    a = org.command(dict(NEW_MEETING, organizerKey=key))["meeting"]
    b = org.command(dict(NEW_MEETING, organizerKey=key, title="Second meeting"))["meeting"]
    assert a["code"] != b["code"] and a["key"] != b["key"] and a["id"] != b["id"]
    listed = org.command({"type": "listMeetings", "organizerKey": key})["meetings"]
    assert [x["title"] for x in listed] == ["Second meeting", NEW_MEETING["title"]], "newest first"
    # One meeting's facilitator key does not open the other.
    c = bare_server.client()
    assert c.hello(b["code"], "console", key=a["key"])["code"] == "bad_key"


@pytest.mark.parametrize("change,code", [
    ({"region": None}, "invalid"),
    ({"title": "   "}, "invalid"),
    ({"title": "x" * 121}, "invalid"),
    ({"date": "03/12/2026"}, "invalid"),
    ({"chairs": "Dana"}, "bad_message"),
    ({"chairs": ["x"] * 11}, "bad_message"),
    ({"timeboxes": {"opportunities": 0}}, "invalid"),
    ({"timeboxes": {"closed": 10}}, "invalid"),
    ({"everyoneMayPost": "yes"}, "bad_message"),
    ({"organizerKey": 12345}, "bad_message"),
])
def test_bad_new_meeting_is_refused_and_nothing_is_created(bare_server, change, code):
    key = organizer_key(bare_server)
    org = bare_server.client()
    msg = dict(NEW_MEETING, organizerKey=key)
    for k, v in change.items():
        if v is None:
            msg.pop(k)
        else:
            msg[k] = v
    reply = org.command(msg)
    assert reply["type"] == "error" and reply["code"] == code and reply["message"], reply
    if change.get("organizerKey") is None:
        assert org.command({"type": "listMeetings", "organizerKey": key})["meetings"] == []


def test_wrong_organizer_key_is_refused_and_guessing_is_slowed(bare_server):
    key = organizer_key(bare_server)
    org = bare_server.client()
    for _ in range(10):
        reply = org.command({"type": "listMeetings", "organizerKey": "0" * 32})
        assert reply["type"] == "error" and reply["code"] == "bad_key"
    # Over budget, wrong keys wait: guessing cannot go fast.
    reply = org.command(dict(NEW_MEETING, organizerKey="f" * 32))
    assert reply["code"] == "too_many_attempts" and "try again in" in reply["message"]
    # The right key is never refused, and the refused create made no meeting.
    reply = org.command({"type": "listMeetings", "organizerKey": key})
    assert reply["type"] == "ack" and reply["meetings"] == []


def test_meeting_key_is_not_an_organizer_key(server):
    """A facilitator of one meeting cannot list the others' keys with their meeting key."""
    c = server.client()
    reply = c.command({"type": "listMeetings", "organizerKey": server.meeting.key})
    assert reply["type"] == "error" and reply["code"] == "bad_key"


def test_meeting_create_prints_links_with_the_port_the_server_really_uses(server):
    """`convene meeting create` without --port or --public-url uses the address the server
    gave when it started with that data directory (not a fixed 8080), and says so."""
    import subprocess
    from conftest import BIN
    out = subprocess.run([BIN, "meeting", "create", "--title", "Second", "--industry", "Health care", "--region", "Region Y",
                          "--data", server.data], check=True, capture_output=True, text=True).stdout
    assert f"http://127.0.0.1:{server.port}/phone.html?code=" in out, out
    assert f"http://127.0.0.1:{server.port}/console.html?code=" in out, out
    assert "last started" in out, out
    # A data directory no server has used says which port it assumes.
    fresh = server.data.rstrip("/") + "-fresh"
    out = subprocess.run([BIN, "meeting", "create", "--title", "Third", "--industry", "Health care", "--region", "Region Y",
                          "--data", fresh], check=True, capture_output=True, text=True).stdout
    assert "assume the server runs on port 8080" in out and ":8080/" in out, out
    subprocess.run(["rm", "-rf", fresh], check=False)


def run_serve_until_serving(data, stdout_fd=None):
    """`convene serve` without --print-keys; returns what it printed up to 'serving'."""
    import pty
    import subprocess
    from conftest import BIN, ROOT, STATIC, free_port
    port = free_port()
    master = None
    if stdout_fd == "tty":
        master, slave = pty.openpty()
        out = slave
    else:
        out = subprocess.PIPE
    proc = subprocess.Popen([BIN, "serve", "--port", str(port), "--bind", "127.0.0.1", "--data", data,
                             "--static-dir", STATIC, "--model-dir", "/nonexistent-model"], stdout=out, stderr=subprocess.DEVNULL)
    text = ""
    deadline = time.time() + 20
    try:
        while time.time() < deadline and "Convene is serving" not in text:
            chunk = os.read(master, 4096) if master is not None else proc.stdout.read1(4096)
            if not chunk:
                break
            text += chunk.decode(errors="replace")
    finally:
        proc.terminate()
        proc.wait(timeout=10)
        if master is not None:
            os.close(master)
            os.close(slave)
    return text


def test_keys_are_not_printed_at_start_when_the_output_may_be_a_log(data_dir):
    """Started by a service manager, standard output is a log: the organizer and console
    links come without their keys, and say where the organizer key is."""
    server = Server(data_dir)
    meeting = server.create_meeting()
    piped = run_serve_until_serving(data_dir)
    assert "Convene is serving" in piped, piped
    with open(os.path.join(data_dir, "organizer.key")) as f:
        key = f.read().strip()
    assert key not in piped and meeting.key not in piped, piped
    assert "organizer.key" in piped and meeting.code in piped
    # On a terminal (someone starting it by hand) the links are printed whole.
    on_terminal = run_serve_until_serving(data_dir, stdout_fd="tty")
    assert f"#organizer={key}" in on_terminal and f"#key={meeting.key}" in on_terminal, on_terminal
