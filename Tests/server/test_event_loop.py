"""What waits for the sockets (libuv's epoll as shipped, lws's poll() for benchmarks) and the
write path (each connection's queued messages framed back to back and written as soon as
control returns from the hub, not one message per writeable callback): whatever the loop,
every screen gets every event once and in order, a snapshot larger than one write arrives
whole between events, and the server stops promptly with screens connected."""
import json
import signal
import time
import uuid

import pytest

from conftest import Server, console_for, phone_for


def notes_posted_by_type(client):
    return [e["note"]["id"] for _, e in client.events if e["type"] == "notePosted"]


@pytest.fixture(params=["libuv", "poll"])
def looped_server(request, data_dir):
    s = Server(data_dir, extra_args=["--event-loop", request.param])
    s.meeting = s.create_meeting()
    s.start()
    s.loop = request.param
    yield s
    s.stop()


def runs_libuv(pid):
    """libuv (through lws's plugin) is mapped into the process only when lws runs its loop;
    an epoll descriptor alone would not tell (libdispatch has its own)."""
    with open(f"/proc/{pid}/maps") as f:
        return "libwebsockets-evlib_uv" in f.read()


def test_the_shipped_server_runs_the_libuv_loop(server):
    """lws's poll() walks every socket at each wake-up (half the loop's CPU with 1,000
    phones); as shipped the loop is libuv's, which needs lws's libuv plugin installed
    (scripts/setup.sh installs libwebsockets-evlib-uv)."""
    assert runs_libuv(server.proc.pid), "lws's libuv plugin is not loaded: is libwebsockets-evlib-uv installed?"


def test_the_poll_loop_is_still_there_for_benchmarks(looped_server):
    assert runs_libuv(looped_server.proc.pid) == (looped_server.loop == "libuv")


def test_bursts_reach_every_screen_once_in_order_with_a_large_snapshot_between(looped_server):
    server = looped_server
    console = console_for(server)
    assert console.command({"type": "setPhase", "phase": "opportunities"})["type"] == "ack"
    wall = server.client()
    assert wall.hello(server.meeting.code, "wall")["type"] == "welcome"
    phones = [phone_for(server, f"Employer {i}") for i in range(6)]
    # Each phone sends its notes back to back without waiting for acknowledgements, so
    # every screen has several events queued at once (the coalesced write).
    sent = []
    for round_ in range(4):
        for p, phone in enumerate(phones):
            for j in range(5):
                note = f"n-{uuid.uuid4().hex[:12]}"
                phone.req += 1
                phone.send({"type": "post", "req": phone.req, "id": note,
                            "text": f"Round {round_} phone {p} note {j}: " + "shared machining apprenticeships ü€ " * 6})
                sent.append(note)
        time.sleep(1.2)   # within each phone's burst allowance
        if round_ == 1:
            # A wall joining now gets a snapshot larger than one 16 KiB write: it goes out
            # in pieces, and the events after it must follow it whole and in order.
            late = server.client()
            welcome = late.hello(server.meeting.code, "wall")
            assert len(json.dumps(welcome["snapshot"]).encode()) > 16 * 1024
    for phone in phones:
        acks = [m for m in phone.messages if m["type"] in ("ack", "error")]
        while len(acks) < 20:
            phone.recv(timeout=10)
            acks = [m for m in phone.messages if m["type"] in ("ack", "error")]
        assert all(a["type"] == "ack" for a in acks), [a for a in acks if a["type"] != "ack"][:2]
    for screen in [console, wall, late] + phones:
        screen.drain(quiet=0.5)
        seqs = [s for s, _ in screen.events]
        assert seqs == sorted(seqs) and len(seqs) == len(set(seqs)), "events once each, in order"
    expected = set(sent)
    for screen in [console, wall] + phones:
        assert set(notes_posted_by_type(screen)) == expected, "every note reaches every screen"
    # The late wall: its snapshot's notes and the events after it make up the whole wall.
    before = {n["id"] for n in late.welcome["snapshot"]["notes"]}
    after = set(notes_posted_by_type(late))
    assert not (before & after), "no note both in the snapshot and sent again"
    assert before | after == expected
    assert [s for s, _ in late.events][0] == late.welcome["seq"] + 1, "no gap after the snapshot"


def test_the_server_stops_promptly_with_screens_connected(looped_server):
    server = looped_server
    screens = [phone_for(server, f"Employer {i}") for i in range(20)]
    started = time.time()
    server.proc.send_signal(signal.SIGTERM)
    server.proc.wait(timeout=10)
    assert time.time() - started < 5
    assert server.proc.returncode == 0
    for s in screens:
        s.ws.socket.close()   # the server is gone: no closing handshake to wait for
