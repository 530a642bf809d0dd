"""Nothing acknowledged is ever lost: kill -9 under load, full disk, read-only data."""
import json
import os
import random
import sqlite3
import subprocess
import threading
import time
import uuid

import pytest

from conftest import BIN, Server, console_for, phone_for


def stored_note_ids(data_dir):
    db = sqlite3.connect(os.path.join(data_dir, "convene.sqlite"))
    rows = db.execute("SELECT body FROM events").fetchall()
    db.close()
    return [json.loads(b)["note"] for (b,) in rows if json.loads(b)["type"] == "notePosted"]


class Poster(threading.Thread):
    """A phone posting as fast as acknowledgements come back, remembering what was acked."""

    def __init__(self, server, code, token, budget):
        super().__init__(daemon=True)
        self.server, self.code, self.token, self.budget = server, code, token, budget
        self.acked, self.tried = [], []

    def run(self):
        try:
            c = self.server.client()
            c.hello(self.code, token=self.token)
            while len(self.tried) < self.budget:
                note = "k-" + uuid.uuid4().hex[:10]
                self.tried.append(note)
                reply = c.post("Under load " + note, note_id=note, )
                if reply["type"] == "ack":
                    self.acked.append(note)
        except Exception:
            return  # the server was killed


def test_kill_9_under_load_loses_no_acknowledged_note(data_dir):
    server = Server(data_dir)
    server.meeting = server.create_meeting()
    server.start()
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    # Each phone stays under the 60-notes-per-person limit over all rounds.
    tokens = [phone_for(server, f"Employer {i}").token for i in range(12)]
    all_acked, all_tried = [], []
    rng = random.Random(7)
    for round_ in range(3):
        posters = [Poster(server, server.meeting.code, t, budget=18) for t in tokens]
        for p in posters:
            p.start()
        time.sleep(rng.uniform(0.2, 0.8))
        server.kill()
        for p in posters:
            p.join(timeout=10)
            all_acked += p.acked
            all_tried += p.tried
        server.start()
        # Each phone re-sends what was never acknowledged, with the same ids (its offline queue).
        for p in posters:
            retry = server.client()
            retry.hello(server.meeting.code, token=p.token)
            for note in [n for n in p.tried if n not in p.acked]:
                time.sleep(0.06)  # a phone's pace, under the rate limit
                reply = retry.post("Under load " + note, note_id=note)
                assert reply["type"] == "ack", reply
                all_acked.append(note)
            retry.close()
        retry.close()
    assert len(all_acked) > 50, "the load really ran"
    snapshot = console_for(server).welcome["snapshot"]
    on_wall = [n["id"] for n in snapshot["notes"]]
    stored = stored_note_ids(data_dir)
    assert set(all_acked) <= set(on_wall), "every acknowledged note is back after kill -9"
    assert len(stored) == len(set(stored)), "no note stored twice"
    assert sorted(stored) == sorted(on_wall)
    server.stop()


def test_a_client_resyncs_after_a_restart_without_duplicates(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    phone = phone_for(server, "Karen")
    wall = server.client()
    wall.hello(server.meeting.code, "wall")
    first = [phone.post(f"before {i}")["note"] for i in range(3)]
    wall.drain()
    last = wall.seq
    server.kill()
    server.start()
    phone2 = server.client()
    phone2.hello(server.meeting.code, token=phone.token)
    later = [phone2.post(f"after {i}")["note"] for i in range(2)]
    wall2 = server.client()
    welcome = wall2.hello(server.meeting.code, "wall", since=last)
    wall2.drain()
    if welcome["mode"] == "snapshot":
        ids = [n["id"] for n in welcome["snapshot"]["notes"]]
    else:
        ids = first + [e["note"]["id"] for _, e in wall2.events if e["type"] == "notePosted"]
    assert ids == first + later


def can_mount():
    return os.geteuid() == 0 and subprocess.run(["mount", "--version"], capture_output=True).returncode == 0


@pytest.fixture
def small_disk(tmp_path):
    if not can_mount():
        pytest.skip("needs root to mount a small tmpfs (CI runs as root)")
    mnt = tmp_path / "disk"
    mnt.mkdir()
    r = subprocess.run(["mount", "-t", "tmpfs", "-o", "size=4m", "tmpfs", str(mnt)], capture_output=True)
    if r.returncode != 0:
        pytest.skip("cannot mount tmpfs here: " + r.stderr.decode())
    yield str(mnt)
    subprocess.run(["umount", "-l", str(mnt)])


def test_full_disk_refuses_with_a_clear_error_and_acknowledges_nothing_unsaved(small_disk):
    server = Server(small_disk)
    server.meeting = server.create_meeting()
    server.start()
    try:
        full_disk_scenario(server, small_disk)
    finally:
        server.kill()   # also when an assertion fails: a leaked server would keep running


def full_disk_scenario(server, small_disk):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    phone = phone_for(server, "Karen")
    assert phone.post("saved before the disk filled", note_id="before")["type"] == "ack"
    filler = os.path.join(small_disk, "filler")
    with open(filler, "wb") as f:
        try:
            while True:
                f.write(b"\0" * 65536)
                f.flush()
        except OSError:
            pass
    replies = []
    for i in range(40):
        time.sleep(0.06)  # a phone's pace, under the rate limit
        replies.append(phone.post("x" * 250 + f" {i}", note_id=f"full-{i}"))
    failed = [r for r in replies if r["type"] == "error"]
    assert failed, "a full disk must refuse some posts"
    assert all(r["code"] in ("storage_failed", "busy") for r in failed), failed
    # SQLite said SQLITE_FULL: the room is told that, not a generic "try again".
    refused = [r for r in failed if r["code"] == "storage_failed"]
    assert refused and refused[0]["message"] == "The server's disk is full, so your change was not saved. Please tell the facilitator.", failed[:3]
    acked = [f"full-{i}" for i, r in enumerate(replies) if r["type"] == "ack"]
    # While the disk stays full the server waits, backing off: it does not spin retrying the
    # automatic grouping's saves (it used to burn a whole core).
    def cpu_seconds():
        fields = open(f"/proc/{server.proc.pid}/stat").read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    before = cpu_seconds()
    time.sleep(3)
    assert cpu_seconds() - before < 0.6, f"{cpu_seconds() - before:.2f} s of CPU in 3 s with a full disk"
    os.remove(filler)
    time.sleep(0.2)
    assert phone.post("after space came back", note_id="after")["type"] == "ack"
    server.kill()
    server.start()
    ids = [n["id"] for n in console_for(server).welcome["snapshot"]["notes"]]
    for note in ["before", "after"] + acked:
        assert ids.count(note) == 1
    refused = {f"full-{i}" for i, r in enumerate(replies) if r["type"] == "error"}
    assert not refused & set(ids), "nothing refused was stored"
    server.stop()


def test_read_only_data_directory_refuses_to_start(small_disk):
    out = subprocess.run([BIN, "meeting", "create", "--demo", "--data", small_disk], capture_output=True, text=True)
    assert out.returncode == 0
    subprocess.run(["mount", "-o", "remount,ro", small_disk], check=True)
    r = subprocess.run([BIN, "serve", "--data", small_disk, "--port", "18999"], capture_output=True, text=True, timeout=20)
    assert r.returncode != 0
    assert "not writable" in (r.stdout + r.stderr)


def test_the_log_keeps_no_resume_token_and_a_phone_resumes_after_a_restart(server):
    """Issue 14, item 10: a copy of the data folder lets nobody act as a phone. The log keeps
    only a digest of each resume token; the phone holding the token is still recognised."""
    phone = phone_for(server, "Karen")
    token = phone.token
    server.kill()
    raw = b""
    for name in os.listdir(server.data):
        path = os.path.join(server.data, name)
        if os.path.isfile(path):
            with open(path, "rb") as f:
                raw += f.read()
    assert token.encode() not in raw, "the resume token is stored in the data folder"
    server.start()
    again = server.client()
    welcome = again.hello(server.meeting.code, token=token)
    assert welcome["type"] == "welcome" and welcome["you"]["name"] == "Karen", welcome
