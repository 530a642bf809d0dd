#!/usr/bin/env python3
"""Faults: kill -9 the Convene server at random moments under load, many times, and
check that nothing acknowledged is lost or doubled and that clients resync cleanly.
Then time a restart with 100,000 events in the log.

Load: M meetings, each with a console, a wall and P phones (joined as employers before
the first kill). Phones post new notes (70%) and edit their own acknowledged notes (30%,
and only edits near the 60-note limit) at R commands/s in total. Every phone keeps an outbox, as the phone page does: a command
stays in it until its ack (or error) arrives, and is sent again, unchanged (same note
id), after a reconnect. Every client reconnects on its own as soon as the server is back,
with `hello` + `since` (its last seq) + its resume token.

After each restart (once every client has its new welcome):
  * every note acknowledged before the kill is in a fresh console snapshot exactly once;
  * `convene.sqlite`, table `events`: exactly one `notePosted` row per acknowledged note,
    and no note id with two `notePosted` rows;
and all along, for every client: duplicated events (seq not above the last applied),
gaps (a seq skipped), regressions (a welcome whose seq is below what the client had
already seen: an event broadcast and then lost), and seq conflicts (two clients, or a
client and the log, that disagree on what one seq was).
At the end, once every outbox is empty: each note's text is the last one its author sent.

Usage:
  scripts/bench/faults.py                       # 20 kills, then the 100k-event restart timing
  scripts/bench/faults.py --kills 50 --rate 60
  scripts/bench/faults.py --kills 0 --restart-events 100000 --restart-repeats 5
"""
import argparse
import asyncio
import json
import os
import random
import re
import sqlite3
import statistics
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

from picows import WSError, WSListener, WSMsgType, ws_connect  # noqa: E402

HEADERS = {"Sec-WebSocket-Protocol": "convene.v1"}
WELCOME_SEQ = re.compile(rb'"seq":(\d+)')
WELCOME_MODE = re.compile(rb'"mode":"(\w+)"')


def dumps(m):
    return json.dumps(m, separators=(",", ":")).encode()


class World:
    """What all clients saw, for the checks."""

    def __init__(self):
        self.fingerprints = {}       # (meeting code, seq) -> (event type, note id)
        self.conflicts = []
        self.acked = {}              # (code, note id) -> ack seq
        self.acked_duplicate = 0     # acks with "duplicate": true (retried after a kill)
        self.edits_acked = 0
        self.last_text = {}          # (code, note id) -> last text sent for it (post or edit)
        self.errors = {}
        self.commands_sent = 0
        self.commands_resent = 0


class Listener(WSListener):
    def __init__(self, client):
        self.client = client
        self.frag = bl.MessageAssembler()

    def on_ws_connected(self, transport):
        pass

    def on_ws_frame(self, transport, frame):
        if frame.msg_type in (WSMsgType.TEXT, WSMsgType.CONTINUATION):
            data = self.frag.add(frame)
            if data is None:
                return
            if data.startswith(b'{"type":"welcome"') and len(data) > 65536:
                # A big snapshot: read only what the checks need (parsing megabytes of JSON
                # per phone would make the generator, not the server, the slow part).
                seq = int(WELCOME_SEQ.search(data).group(1))
                mode = WELCOME_MODE.search(data).group(1).decode()
                self.client.message({"type": "welcome", "seq": seq, "mode": mode, "snapshot": None})
            else:
                self.client.message(json.loads(data))
        elif frame.msg_type == WSMsgType.CLOSE:
            transport.disconnect()

    def on_ws_disconnected(self, transport):
        self.client.on_disconnected()


class Client:
    def __init__(self, world, url_of, code, key, kind, name):
        self.world, self.url_of, self.code, self.key, self.kind, self.name = world, url_of, code, key, kind, name
        self.transport = None
        self.connected = asyncio.Event()       # welcomed and able to send
        self.gone = None
        self.last = None                       # last seq applied
        self.token = None
        self.joined = False
        self.req = 0
        self.outbox = {}                       # req -> message (until ack or error)
        self.waiters = {}
        self.welcomes = 0
        self.replays = self.snapshots = 0
        self.dups = self.gaps = self.regressions = 0
        self.events = 0
        self.notes = []                        # own note ids, acknowledged
        self.posted = 0
        self.snapshot = None
        self.stopping = False
        self.welcome_waiter = None
        self.reconnect_seconds = []
        self.welcome_timeouts = 0
        self.fast_retry = False

    # ---- connection loop
    async def run(self):
        """Connects, and reconnects like web-static/client.js: a welcome must come within
        10 s, and a failed attempt waits 0.5 s, doubling up to 10 s (`--retry-fast`: 50 ms)."""
        down_since = None
        attempt = 0
        while not self.stopping:
            if attempt:
                await asyncio.sleep(0.05 if self.fast_retry else min(10.0, 0.5 * 2 ** (attempt - 1)))
            attempt += 1
            try:
                self.transport, _ = await ws_connect(lambda: Listener(self), self.url_of(), extra_headers=HEADERS,
                                                     websocket_handshake_timeout=10)
            except (OSError, WSError, asyncio.TimeoutError):
                if down_since is None:
                    down_since = time.perf_counter()
                continue
            self.gone = asyncio.get_running_loop().create_future()
            hello = {"type": "hello", "code": self.code, "client": self.kind}
            if self.kind == "console":
                hello["key"] = self.key
            if self.token:
                hello["token"] = self.token
            if self.last is not None:
                hello["since"] = self.last
            self.welcome_waiter = asyncio.get_running_loop().create_future()
            self.transport.send(WSMsgType.TEXT, dumps(hello))
            try:
                await asyncio.wait_for(asyncio.shield(self.welcome_waiter), 10)
            except (asyncio.TimeoutError, ConnectionError):
                self.welcome_timeouts += 1
                self.transport.disconnect()
                await self.gone
                continue
            attempt = 0
            if down_since is not None:
                self.reconnect_seconds.append(time.perf_counter() - down_since)
                down_since = None
            # The outbox goes again, unchanged, in order (same note ids: never a second note).
            for req, msg in list(self.outbox.items()):
                self.world.commands_resent += 1
                self.transport.send(WSMsgType.TEXT, dumps(msg))
            self.connected.set()
            await self.gone
            self.connected.clear()
            down_since = time.perf_counter()

    def on_disconnected(self):
        self.connected.clear()
        if self.welcome_waiter and not self.welcome_waiter.done():
            self.welcome_waiter.set_exception(ConnectionError())
            self.welcome_waiter.exception()
        for f in self.waiters.values():
            if not f.done():
                f.set_exception(ConnectionError())
                f.exception()
        self.waiters.clear()
        if self.gone and not self.gone.done():
            self.gone.set_result(None)

    def close(self):
        self.stopping = True
        if self.transport:
            self.transport.disconnect()

    # ---- messages
    def message(self, m):
        t = m["type"]
        if t == "event":
            self.on_event(m["seq"], m["event"])
        elif t == "welcome":
            self.welcomes += 1
            seq = m["seq"]
            if self.last is not None and seq < self.last:
                self.regressions += 1
            if m["mode"] == "replay":
                self.replays += 1
            else:
                self.snapshots += 1
                self.last = seq
                self.snapshot = m["snapshot"]
            if self.welcome_waiter and not self.welcome_waiter.done():
                self.welcome_waiter.set_result(m)
        elif t in ("ack", "error"):
            req = m.get("req")
            msg = self.outbox.pop(req, None)
            if t == "error":
                code = m.get("code")
                self.world.errors[code] = self.world.errors.get(code, 0) + 1
                if msg is not None and code in ("rate_limited", "busy", "storage_failed"):
                    self.outbox[req] = msg       # try again later
            elif msg is not None and msg["type"] == "post":
                key = (self.code, msg["id"])
                if key not in self.world.acked:
                    self.notes.append(msg["id"])
                self.world.acked[key] = m["seq"]
                if m.get("duplicate"):
                    self.world.acked_duplicate += 1
            elif msg is not None and msg["type"] == "edit":
                self.world.edits_acked += 1
            f = self.waiters.pop(req, None)
            if f and not f.done():
                f.set_result(m)

    def on_event(self, seq, ev):
        self.events += 1
        if self.last is not None:
            if seq <= self.last:
                self.dups += 1
                return
            if seq > self.last + 1:
                self.gaps += seq - self.last - 1
        self.last = seq
        note = ev.get("note")
        if isinstance(note, dict):
            note = note.get("id")
        fp = (ev["type"], note)
        key = (self.code, seq)
        old = self.world.fingerprints.setdefault(key, fp)
        if old != fp:
            self.world.conflicts.append((key, old, fp))

    # ---- commands
    def send(self, msg, track=True):
        self.req += 1
        msg["req"] = self.req
        if track:
            self.outbox[self.req] = msg
        self.world.commands_sent += 1
        if self.connected.is_set():
            self.transport.send(WSMsgType.TEXT, dumps(msg))
        return self.req

    async def command(self, msg, timeout=30):
        await asyncio.wait_for(self.connected.wait(), timeout)
        req = self.send(msg, track=False)
        f = asyncio.get_running_loop().create_future()
        self.waiters[req] = f
        return await asyncio.wait_for(f, timeout)

    def post_or_edit(self, meeting_notes):
        """A new note (70%) or an edit of an own acknowledged note (30%, or always once at
        55 notes: the limit is 60 a person)."""
        may_post = self.posted < 55 and meeting_notes[self.code] < 2900
        if may_post and (not self.notes or random.random() < 0.7):
            nid = f"{self.name}-{self.posted}"
            self.posted += 1
            meeting_notes[self.code] += 1
            text = f"note {nid} at {time.time():.3f}"
            self.world.last_text[(self.code, nid)] = text
            self.send({"type": "post", "id": nid, "text": text})
        elif self.notes:
            nid = random.choice(self.notes)
            text = f"edit of {nid} at {time.time():.6f}"
            self.world.last_text[(self.code, nid)] = text
            self.send({"type": "edit", "note": nid, "text": text})


async def fresh_snapshot(url, code, key):
    """A one-off console connection: the meeting as the server has it now."""
    box = {}

    class L(WSListener):
        def __init__(self):
            super().__init__()
            self.frag = bl.MessageAssembler()

        def on_ws_frame(self, t, frame):
            if frame.msg_type in (WSMsgType.TEXT, WSMsgType.CONTINUATION):
                data = self.frag.add(frame)
                if data is None:
                    return
                m = json.loads(data)
                if m["type"] == "welcome" and not box["f"].done():
                    box["f"].set_result(m)

    box["f"] = asyncio.get_running_loop().create_future()
    transport, _ = await ws_connect(L, url, extra_headers=HEADERS)
    transport.send(WSMsgType.TEXT, dumps({"type": "hello", "code": code, "client": "console", "key": key}))
    try:
        return await asyncio.wait_for(box["f"], 10)
    finally:
        transport.disconnect()


def stored_note_counts(data):
    """code -> {note id: number of notePosted rows}, and (code, seq) -> (type, note id), from the SQLite file."""
    db = sqlite3.connect(f"file:{os.path.join(data, 'convene.sqlite')}?mode=ro", uri=True, timeout=30)
    try:
        codes = dict(db.execute("SELECT id, code FROM meetings").fetchall())
        counts, rows = {}, {}
        for meeting, seq, body in db.execute("SELECT meeting, seq, body FROM events"):
            b = json.loads(body)
            code = codes.get(meeting)
            rows[(code, seq)] = (b["type"], b.get("note"))
            if b["type"] == "notePosted":
                c = counts.setdefault(code, {})
                c[b["note"]] = c.get(b["note"], 0) + 1
        return counts, rows
    finally:
        db.close()


def check(world, data, snapshots, acked_before, label):
    """Every note acked before `label`'s kill is in the snapshot and the log exactly once."""
    problems = []
    counts, _ = stored_note_counts(data)
    for code, snap in snapshots.items():
        ids = [n["id"] for n in snap["snapshot"]["notes"]]
        seen = {}
        for i in ids:
            seen[i] = seen.get(i, 0) + 1
        for i, n in seen.items():
            if n > 1:
                problems.append(f"{label}: note {i} {n}x in the snapshot of {code}")
        for (c, nid) in acked_before:
            if c == code and seen.get(nid, 0) != 1:
                problems.append(f"{label}: acknowledged note {nid} is {seen.get(nid, 0)}x in the snapshot of {code}")
        for nid, n in counts.get(code, {}).items():
            if n > 1:
                problems.append(f"{label}: note {nid} has {n} notePosted rows in the log")
        for (c, nid) in acked_before:
            if c == code and counts.get(code, {}).get(nid, 0) != 1:
                problems.append(f"{label}: acknowledged note {nid} has {counts.get(code, {}).get(nid, 0)} notePosted rows")
    return problems


async def kill_loop(args):
    data = bl.tempdir("convene-faults-")
    meetings = bl.create_meetings(data, args.meetings, title="Faults")
    server = bl.ConveneServer(data).start()
    world = World()
    url_of = lambda: server.url  # noqa: E731
    clients, tasks = [], []
    consoles = {}
    phones = []
    for mi, (code, key) in enumerate(meetings):
        con = Client(world, url_of, code, key, "console", f"c{mi}")
        consoles[code] = con
        clients.append(con)
        clients.append(Client(world, url_of, code, key, "wall", f"w{mi}"))
        for pi in range(args.phones):
            ph = Client(world, url_of, code, key, "participant", f"m{mi}p{pi}")
            clients.append(ph)
            phones.append(ph)
    for c in clients:
        c.fast_retry = True         # the kill loop times the server's comeback, not the backoff
        tasks.append(asyncio.ensure_future(c.run()))
    for con in consoles.values():
        r = await con.command({"type": "setPhase", "phase": "opportunities"})
        assert r["type"] == "ack", r
    for ph in phones:
        r = await ph.command({"type": "join", "name": ph.name, "organization": "Faults Inc", "role": "employer"})
        assert r["type"] == "ack", r
        ph.token = r["token"]
    print(f"{len(clients)} clients in {args.meetings} meetings; posting {args.rate:g} notes/s; "
          f"{args.kills} kills, {args.min_gap:g}-{args.max_gap:g} s apart", flush=True)

    meeting_notes = {code: 0 for code, _ in meetings}
    load_on = True

    async def load():
        k = 0
        order = phones[:]
        random.shuffle(order)
        while load_on:
            await asyncio.sleep(random.expovariate(args.rate))
            order[k % len(order)].post_or_edit(meeting_notes)
            k += 1

    loader = asyncio.ensure_future(load())
    problems = []
    restarts = []
    per_kill = []
    for i in range(args.kills):
        await asyncio.sleep(random.uniform(args.min_gap, args.max_gap))
        if random.random() < args.burst_kill:
            # Half the kills land 0-8 ms after a burst: commands surely in flight, some
            # committed but not yet acknowledged (their retry must be acked as a duplicate).
            for ph in random.sample(phones, min(20, len(phones))):
                ph.post_or_edit(meeting_notes)
            delay = random.choice([0, random.uniform(0, 0.002), random.uniform(0, 0.008)])
            if delay:
                time.sleep(delay)        # not asyncio.sleep: acks must not be read meanwhile
        acked_before = set(world.acked)
        in_flight = sum(len(c.outbox) for c in phones)
        welcomes_before = [c.welcomes for c in clients]
        server.kill()
        t_kill = time.perf_counter()
        await asyncio.get_running_loop().run_in_executor(None, server.start)
        restarts.append(server.startup_seconds)
        # Every client back, with a new welcome.
        deadline = time.perf_counter() + 60
        while any(c.welcomes <= w for c, w in zip(clients, welcomes_before)):
            if time.perf_counter() > deadline:
                problems.append(f"kill {i + 1}: some clients did not come back within 60 s")
                break
            await asyncio.sleep(0.02)
        back = time.perf_counter() - t_kill
        snaps = {code: await fresh_snapshot(server.url, code, key) for code, key in meetings}
        found = check(world, data, snaps, acked_before, f"kill {i + 1}")
        problems += found
        per_kill.append((i + 1, len(acked_before), in_flight, server.startup_seconds, back, len(found)))
        print(f"kill {i + 1:3}: {len(acked_before):5} notes acknowledged so far, {in_flight:3} commands in flight, "
              f"restart {server.startup_seconds * 1000:6.0f} ms, all {len(clients)} clients resynced after "
              f"{back * 1000:6.0f} ms, problems {len(found)}", flush=True)

    # Stop the load; let every outbox empty (retries included).
    load_on = False
    await loader
    deadline = time.perf_counter() + 60
    while any(c.outbox for c in clients) and time.perf_counter() < deadline:
        await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)
    final_seq = {}
    for code, key in meetings:
        snap = await fresh_snapshot(server.url, code, key)
        final_seq[code] = snap["seq"]
        problems += check(world, data, {code: snap}, set(world.acked), "final")
        texts = {n["id"]: n["text"] for n in snap["snapshot"]["notes"]}
        for (c, nid), text in world.last_text.items():
            if c == code and texts.get(nid) != text:
                problems.append(f"final: note {nid} reads {texts.get(nid)!r}, its author last sent {text!r}")
    deadline = time.perf_counter() + 10
    while time.perf_counter() < deadline and any(c.last != final_seq[c.code] for c in clients):
        await asyncio.sleep(0.05)
    behind = [c.name for c in clients if c.last != final_seq[c.code]]
    if behind:
        problems.append(f"final: {len(behind)} clients not at their meeting's last seq: {behind[:5]}")
    # What the clients saw against the log.
    _, rows = stored_note_counts(data)
    log_mismatch = [(k, fp, rows.get(k)) for k, fp in world.fingerprints.items() if rows.get(k) != fp]
    for k, fp, row in log_mismatch[:10]:
        problems.append(f"seq {k} was {fp} on a screen but {row} in the log")
    unacked = sum(len(c.outbox) for c in clients)

    for c in clients:
        c.close()
    await asyncio.gather(*tasks, return_exceptions=True)
    server.stop()
    total_events = len(rows)
    bl.rmtree(data)

    reconnects = [s for c in clients for s in c.reconnect_seconds]
    summary = {
        "kills": args.kills, "clients": len(clients), "notes_acked": len(world.acked), "edits_acked": world.edits_acked,
        "acks_marked_duplicate": world.acked_duplicate, "commands_sent": world.commands_sent,
        "commands_resent": world.commands_resent, "unacked_at_end": unacked, "events_in_log": total_events,
        "duplicates": sum(c.dups for c in clients), "gaps": sum(c.gaps for c in clients),
        "regressions": sum(c.regressions for c in clients), "conflicts": len(world.conflicts),
        "log_mismatches": len(log_mismatch),
        "resync_replay": sum(c.replays for c in clients), "resync_snapshot": sum(c.snapshots for c in clients) - len(clients),
        "errors": world.errors, "problems": problems,
        "restart_ms_median": statistics.median(restarts) * 1000 if restarts else float("nan"),
        "restart_ms_max": max(restarts) * 1000 if restarts else float("nan"),
        "reconnect_ms_p50": bl.percentile(sorted(reconnects), 0.5) * 1000 if reconnects else float("nan"),
        "reconnect_ms_max": max(reconnects) * 1000 if reconnects else float("nan"),
    }
    return summary


# ---------------------------------------------------------------- restart with a long log

async def seed_meeting(url, code, key):
    con = Client(World(), lambda: url, code, key, "console", "c")
    ph = Client(World(), lambda: url, code, key, "participant", "p")
    tasks = [asyncio.ensure_future(con.run()), asyncio.ensure_future(ph.run())]
    await con.command({"type": "setPhase", "phase": "opportunities"})
    r = await ph.command({"type": "join", "name": "Karen Lee", "organization": "Acme Machining", "role": "employer"})
    await ph.command({"type": "post", "id": "n-long", "text": "Drone makers are growing here"})
    for i in range(3):
        await ph.command({"type": "edit", "note": "n-long", "text": f"Drone makers are growing here (edit {i})"})
    con.close()
    ph.close()
    await asyncio.gather(*tasks, return_exceptions=True)
    return r["token"]

# ---------------------------------------------------------------- resync storm

def seed_notes(data, code_key_pairs, notes_per_meeting):
    """Gives every meeting `notes_per_meeting` notes by cloning the stored rows of one real
    note per meeting (posted through the server, and placed on the wall if the server groups
    notes): notePosted rows, and a `grouped` row moving each into the same theme when there is one."""
    path = os.path.join(data, "convene.sqlite")
    db = sqlite3.connect(path)
    total = 0
    with db:
        for meeting, in db.execute("SELECT id FROM meetings").fetchall():
            rows = db.execute("SELECT seq, body FROM events WHERE meeting = ? ORDER BY seq", (meeting,)).fetchall()
            posted = next(json.loads(b) for _, b in rows if json.loads(b)["type"] == "notePosted")
            # The clustering's placement of that note (a `grouped` event), reduced to its move.
            grouped = next((json.loads(b) for _, b in rows if json.loads(b)["type"] == "grouped"
                            and any(c["op"] == "move" and c.get("theme") for c in json.loads(b)["changes"])), None)
            moved = None
            if grouped:
                theme = next(c["theme"] for c in grouped["changes"] if c["op"] == "move" and c.get("theme"))
                moved = {"type": "grouped", "at": grouped["at"], "kind": grouped["kind"],
                         "changes": [{"op": "move", "note": None, "theme": theme}]}
            seq = rows[-1][0]
            new = []
            for i in range(notes_per_meeting - 1):
                seq += 1
                b = dict(posted, note=f"seed-{i}", at=posted["at"] + i,
                         text=f"Seeded note {i}: we need more machinists, welders and maintenance technicians here")
                new.append((meeting, seq, json.dumps(b, separators=(",", ":"))))
                if moved:
                    seq += 1
                    clone = dict(moved, at=posted["at"] + i,
                                 changes=[dict(moved["changes"][0], note=f"seed-{i}")])
                    new.append((meeting, seq, json.dumps(clone, separators=(",", ":"))))
            db.executemany("INSERT INTO events (meeting, seq, body) VALUES (?, ?, ?)", new)
            total += len(new)
    db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    db.close()
    return total


async def wait_idle(pid, quiet=0.05, step=0.5, limit=300):
    """Until the server uses less than `quiet` of a core over `step` s (grouping settled)."""
    t_end = time.perf_counter() + limit
    prev = bl.proc_cpu_seconds(pid)
    while time.perf_counter() < t_end:
        await asyncio.sleep(step)
        now = bl.proc_cpu_seconds(pid)
        if now - prev < quiet * step:
            return
        prev = now


async def resync_storm(args):
    """M meetings with X notes each and N phones each, all connected and up to date; kill -9;
    restart; every phone reconnects at once with hello + since. Measures the time until all
    are resynced, the server's peak memory, and duplicates/gaps/regressions."""
    data = bl.tempdir("convene-storm-")
    meetings = bl.create_meetings(data, args.storm_meetings, title="Storm")
    server = bl.ConveneServer(data).start()
    for code, key in meetings:
        await seed_meeting(server.url, code, key)
    await wait_idle(server.pid)
    server.stop()
    added = seed_notes(data, meetings, args.storm_notes)
    server.start()
    t_settle = time.perf_counter()
    await wait_idle(server.pid)
    settle = time.perf_counter() - t_settle
    print(f"resync storm: {args.storm_meetings} meetings x {args.storm_notes} notes ({added} rows added), "
          f"{args.storm_meetings * args.storm_phones} phones; grouping: {server.grouping}; server busy "
          f"{settle:.1f} s after its start (re-grouping)", flush=True)
    world = World()
    url_of = lambda: server.url  # noqa: E731
    clients = [Client(world, url_of, code, key, "participant", f"s{mi}-{i}")
               for mi, (code, key) in enumerate(meetings) for i in range(args.storm_phones)]
    tasks = [asyncio.ensure_future(c.run()) for c in clients]
    t0 = time.perf_counter()
    while any(c.welcomes == 0 for c in clients) and time.perf_counter() - t0 < args.storm_deadline:
        await asyncio.sleep(0.05)
    first_connect = time.perf_counter() - t0
    if any(c.welcomes == 0 for c in clients):
        r = {"meetings": args.storm_meetings, "notes_per_meeting": args.storm_notes, "phones": len(clients),
             "converged": False, "welcomed": sum(1 for c in clients if c.welcomes),
             "welcome_timeouts": sum(c.welcome_timeouts for c in clients),
             "server_rss_mb": bl.proc_status_kb(server.pid, "VmRSS") / 1024,
             "server_peak_rss_mb": bl.proc_status_kb(server.pid, "VmHWM") / 1024}
        print(f"  NOT CONVERGED: after {first_connect:.0f} s only {r['welcomed']} of {len(clients)} phones had a welcome; "
              f"{r['welcome_timeouts']} welcomes came later than 10 s (the phone dropped and retried); server RSS "
              f"{r['server_rss_mb']:.0f} MB, peak {r['server_peak_rss_mb']:.0f} MB", flush=True)
        for c in clients:
            c.close()
        await asyncio.gather(*tasks, return_exceptions=True)
        server.kill()
        bl.rmtree(data)
        return r
    await wait_idle(server.pid)
    rss_before = bl.proc_status_kb(server.pid, "VmRSS")
    hwm_before = bl.proc_status_kb(server.pid, "VmHWM")
    seqs = {c.name: c.last for c in clients}
    welcomes = [c.welcomes for c in clients]
    server.kill()
    t_kill = time.perf_counter()
    await asyncio.get_running_loop().run_in_executor(None, server.start)
    cpu0 = bl.proc_cpu_seconds(server.pid)
    deadline = time.perf_counter() + args.storm_deadline
    while any(c.welcomes <= w for c, w in zip(clients, welcomes)) and time.perf_counter() < deadline:
        await asyncio.sleep(0.02)
    all_back = time.perf_counter() - t_kill
    not_back = sum(1 for c, w in zip(clients, welcomes) if c.welcomes <= w)
    hwm_after = bl.proc_status_kb(server.pid, "VmHWM")
    cpu = bl.proc_cpu_seconds(server.pid) - cpu0
    await wait_idle(server.pid)
    hwm_settled = bl.proc_status_kb(server.pid, "VmHWM")
    regress = sum(1 for c in clients if c.last is not None and seqs[c.name] is not None and c.last < seqs[c.name])
    for c in clients:
        c.close()
    await asyncio.gather(*tasks, return_exceptions=True)
    server.stop()
    bl.rmtree(data)
    r = {"meetings": args.storm_meetings, "notes_per_meeting": args.storm_notes, "phones": len(clients),
         "converged": not_back == 0, "welcome_timeouts": sum(c.welcome_timeouts for c in clients),
         "grouping": server.grouping, "first_connect_s": first_connect, "restart_ms": server.startup_seconds * 1000,
         "all_resynced_s": all_back, "not_back": not_back, "server_cpu_s_during_resync": cpu,
         "rss_before_kill_mb": rss_before / 1024, "peak_rss_before_kill_mb": hwm_before / 1024,
         "peak_rss_resync_mb": hwm_after / 1024, "peak_rss_after_regrouping_mb": hwm_settled / 1024,
         "snapshots": sum(c.snapshots for c in clients) - len(clients), "replays": sum(c.replays for c in clients),
         "duplicates": sum(c.dups for c in clients), "gaps": sum(c.gaps for c in clients),
         "regressions": sum(c.regressions for c in clients) + regress}
    print(f"  first connection of all {len(clients)} phones: {first_connect:.1f} s; after kill -9: restart "
          f"{r['restart_ms']:.0f} ms, all resynced {all_back:.2f} s after the kill ({not_back} not back), "
          f"{r['snapshots']} snapshots / {r['replays']} replays, {r['welcome_timeouts']} welcomes later than 10 s, "
          f"server CPU {cpu:.1f} s meanwhile", flush=True)
    print(f"  server RSS before the kill {r['rss_before_kill_mb']:.1f} MB (peak {r['peak_rss_before_kill_mb']:.1f}); "
          f"peak during the resync {r['peak_rss_resync_mb']:.1f} MB, peak once grouping settled "
          f"{r['peak_rss_after_regrouping_mb']:.1f} MB; duplicates {r['duplicates']}, gaps {r['gaps']}, "
          f"regressions {r['regressions']}", flush=True)
    return r


def restart_bench(events, repeats):
    """Fills one meeting's log to `events` events with noteEdited rows copied from a real one
    (same stored JSON, key order included), then times `convene serve` from process start
    to "Convene is serving", and checks the meeting came back whole."""
    data = bl.tempdir("convene-restart-")
    try:
        (code, key), = bl.create_meetings(data, 1, title="Restart")
        server = bl.ConveneServer(data).start()
        asyncio.run(seed_meeting(server.url, code, key))
        server.stop()
        path = os.path.join(data, "convene.sqlite")
        db = sqlite3.connect(path)
        meeting, last = db.execute("SELECT meeting, max(seq) FROM events GROUP BY meeting").fetchone()
        # The last noteEdited row (grouping may have stored placement events after it).
        template = next(b for b in (json.loads(body) for (body,) in db.execute(
            "SELECT body FROM events WHERE meeting = ? ORDER BY seq DESC", (meeting,))) if b["type"] == "noteEdited")
        t0 = time.perf_counter()
        rows = []
        for seq in range(last + 1, events + 1):
            b = dict(template)
            b["at"] = template["at"] + seq
            b["text"] = f"Drone makers are growing here, edit number {seq}"
            rows.append((meeting, seq, json.dumps(b, separators=(",", ":"), ensure_ascii=False)))
        with db:
            db.executemany("INSERT INTO events (meeting, seq, body) VALUES (?, ?, ?)", rows)
        db.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        total = db.execute("SELECT count(*) FROM events").fetchone()[0]
        db.close()
        size_mb = os.path.getsize(path) / 1e6
        print(f"log: {total} events ({size_mb:.1f} MB), {events - last} noteEdited rows inserted in "
              f"{time.perf_counter() - t0:.1f} s", flush=True)
        times, rebuilt, rss = [], [], []
        for i in range(repeats):
            server = bl.ConveneServer(data).start()
            try:
                times.append(server.startup_seconds)
                rss.append(bl.proc_status_kb(server.pid, "VmRSS") / 1024)
                snap = asyncio.run(fresh_snapshot(server.url, code, key))
                note = next(n for n in snap["snapshot"]["notes"] if n["id"] == "n-long")
                # Grouping may add events of its own after a start (the note gets a theme).
                assert snap["seq"] >= events, (snap["seq"], events)
                assert note["text"] == f"Drone makers are growing here, edit number {events}", note
            finally:
                server.stop()
            with open(server.log_path) as f:
                m = re.findall(r"Rebuilt \d+ meeting\(s\) from (\d+) event\(s\) in (\d+) ms", f.read())
            rebuilt.append(int(m[-1][1]) if m else None)
            print(f"restart {i + 1}: {server.startup_seconds * 1000:.0f} ms from process start to \"Convene is serving\" "
                  f"(server's own rebuild figure: {rebuilt[-1]} ms), RSS after start {rss[-1]:.1f} MB; "
                  f"seq {snap['seq']} and the last edit are back; grouping: {server.grouping}", flush=True)
        return {"events": total, "log_mb": size_mb, "restart_ms": [t * 1000 for t in times],
                "restart_ms_median": statistics.median(times) * 1000, "rebuild_ms": rebuilt, "rss_mb": rss}
    finally:
        bl.rmtree(data)


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--kills", type=int, default=20)
    ap.add_argument("--meetings", type=int, default=2)
    ap.add_argument("--phones", type=int, default=15, help="phones per meeting")
    ap.add_argument("--rate", type=float, default=40, help="notes (posts or edits) a second in total")
    ap.add_argument("--min-gap", type=float, default=0.3, help="least seconds of load before a kill")
    ap.add_argument("--max-gap", type=float, default=2.5, help="most seconds of load before a kill")
    ap.add_argument("--burst-kill", type=float, default=0.5,
                    help="share of kills that come 0-8 ms after a burst of 20 posts")
    ap.add_argument("--restart-events", type=int, default=100_000, help="events in the log for the restart timing (0: skip)")
    ap.add_argument("--restart-repeats", type=int, default=3)
    ap.add_argument("--storm-meetings", type=int, default=1, help="resync storm: meetings (0: skip the storm)")
    ap.add_argument("--storm-notes", type=int, default=1000, help="resync storm: notes in each meeting")
    ap.add_argument("--storm-phones", type=int, default=1000, help="resync storm: phones in each meeting")
    ap.add_argument("--storm-deadline", type=float, default=120, help="resync storm: seconds to wait for every phone")
    ap.add_argument("--seed", type=int)
    ap.add_argument("--json", help="write the results to this file")
    args = ap.parse_args()
    if args.seed is not None:
        random.seed(args.seed)
    bl.raise_file_limit()
    bl.wait_for_binary()
    result = {}
    print(f"load average {bl.loadavg()}", flush=True)
    if args.kills > 0:
        s = asyncio.run(kill_loop(args))
        result["kills"] = s
        print()
        print(f"kill -9 survived: {s['kills']} times, {s['clients']} clients; {s['notes_acked']} notes and {s['edits_acked']} edits "
              f"acknowledged ({s['acks_marked_duplicate']} acks of retries marked duplicate), {s['commands_resent']} commands re-sent after "
              f"reconnects, {s['unacked_at_end']} unacknowledged at the end, {s['events_in_log']} events in the log")
        print(f"resyncs: {s['resync_snapshot']} by snapshot, {s['resync_replay']} by replay; duplicates {s['duplicates']}, "
              f"gaps {s['gaps']}, regressions {s['regressions']}, seq conflicts {s['conflicts']}, "
              f"screen/log mismatches {s['log_mismatches']}")
        print(f"restart (process start to serving): median {s['restart_ms_median']:.0f} ms, max {s['restart_ms_max']:.0f} ms; "
              f"client reconnect p50 {s['reconnect_ms_p50']:.0f} ms, max {s['reconnect_ms_max']:.0f} ms; errors {s['errors']}")
        print(f"problems: {len(s['problems'])}")
        for p in s["problems"][:30]:
            print("  " + p)
    if args.storm_meetings > 0 and args.storm_phones > 0:
        print(f"\nresync storm (load average {bl.loadavg()}):", flush=True)
        result["storm"] = asyncio.run(resync_storm(args))
    if args.restart_events > 0:
        print(f"\nrestart with {args.restart_events} events in the log (load average {bl.loadavg()}):", flush=True)
        result["restart"] = restart_bench(args.restart_events, args.restart_repeats)
        r = result["restart"]
        print(f"restart time with {r['events']} events: median {r['restart_ms_median']:.0f} ms "
              f"(runs: {', '.join(f'{t:.0f}' for t in r['restart_ms'])} ms)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(result, f, indent=1)
    bad = result.get("kills", {}).get("problems")
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
