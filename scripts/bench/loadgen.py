#!/usr/bin/env python3
"""Fan-out load generator for Convene (and, side by side, for scripts/bench/peer_server.py).

Scenario `MxN@R`: M meetings, each with one console (facilitator, opens the
`opportunities` phase), one wall and N phones; R notes a second in total across all
meetings (Poisson arrivals, round-robin over the posting phones), plus a burst every
`--burst-every` seconds in which `--burst-size` phones post at the same moment.

Within the server's limits (docs/PROTOCOL.md): a phone posts new notes until it has 60 or
its meeting has 3,000, then edits one of its own notes instead (an edit is a
`noteEdited` event, broadcast like a post); at most 495 phones of a meeting join (500
participants a meeting), the others only say hello and listen; the posting rate per phone
stays far under the 20 messages/s limit.

Every note's text carries `@t=<perf_counter_ns>;`. Every connection (phones, wall and
console) records receive time minus send time for each `notePosted`/`noteEdited`
event (fan-out latency) and checks the meeting's `seq`: every event after its welcome,
exactly once, in order.

Reports per scenario and server: fan-out latency p50/p99/max (all, and bursts only),
acknowledgement latency, deliveries per second, lost / duplicated / out-of-order
deliveries, connection set-up time, server CPU µs per delivery (utime+stime from
/proc/<pid>/stat), server peak RSS (VmHWM), the generator's own CPU (% of one core: the
latency figures are trusted only under 70%), and the CPU other processes used meanwhile
(the machine is shared; a run during which others used more than --busy-threshold cores
is run again, up to --retries times).

`--slow-client` adds one phone (meeting 0) that says hello, reads its welcome and then
stops reading (a raw socket with a 4 KiB receive buffer). The server must drop it (1008)
instead of buffering for it, and the other connections' latency must not suffer. Server
RSS is sampled all along.

Usage:
  scripts/bench/loadgen.py                                  # the three scenarios, Convene and peer
  scripts/bench/loadgen.py --scenario 10x100@200 --seconds 30 --target both
  scripts/bench/loadgen.py --scenario 1x80@200 --seconds 40 --target convene --slow-client
"""
import argparse
import asyncio
import base64
import gc
import json
import os
import random
import socket
import struct
import sys
import time
from array import array

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

from picows import WSListener, WSMsgType, ws_connect  # noqa: E402

SUBPROTOCOL = "convene.v1"
HEADERS = {"Sec-WebSocket-Protocol": SUBPROTOCOL}
NOTES_PER_PARTICIPANT = 60
NOTES_PER_MEETING = 3000
JOINERS_PER_MEETING = 495           # of 500 participants a meeting may have
MARK = b"@t="
FILLER = ("Drone makers and precision machining shops are growing here; we need CNC technicians, welders and "
          "maintenance mechanics, a shared apprenticeship with the college, and better transit to the industrial "
          "park for second shift. Export help for small shops would open new markets for everyone in the region too.")
NOTE_CHARS = 120                    # --note-chars: length of each note (at most 280)

perf_ns = time.perf_counter_ns


class Run:
    """Everything one generator run measures."""

    def __init__(self):
        self.measuring = False
        self.window_start_ns = 0
        self.lat = array("q")            # fan-out latency of every delivery, ns
        self.lat_burst = array("q")      # … of deliveries of notes sent in a burst
        self.lat_steady = array("q")     # … of the others
        self.ack_lat = array("q")
        self.deliveries = 0              # event frames received while measuring
        self.last_delivery_ns = 0
        self.errors = {}                 # error code -> count (replies to our commands)
        self.closes = {}                 # close code -> count (server-initiated)
        self.unexpected_disconnects = 0
        self.sent = 0
        self.sent_burst = 0
        self.posts = 0
        self.edits = 0


class Meeting:
    def __init__(self, index, code, key):
        self.index, self.code, self.key = index, code, key
        self.conns = []
        self.senders = []
        self.notes = 0                   # notes posted (sent) by the generator
        self.max_seq = 0


class Conn(WSListener):
    """One WebSocket connection; checks the seq stream and records latencies."""

    def __init__(self, run, meeting, kind, index):
        self.run, self.meeting, self.kind, self.index = run, meeting, kind, index
        self.transport = None
        self.base = None                 # seq of the welcome
        self.last = None                 # last seq received
        self.missing = set()             # seqs skipped (gaps), removed if they arrive late
        self.dups = 0
        self.reordered = 0
        self.events = 0
        self.waiters = {}                # req -> future (set-up commands)
        self.pending = {}                # req -> send time ns (load commands)
        self.welcome = asyncio.get_running_loop().create_future()
        self.req = 0
        self.participant = None
        self.my_notes = []
        self.closed_code = None
        self.disconnected = False
        self.expect_close = False
        self.frag = bl.MessageAssembler()

    # -- picows callbacks
    def on_ws_connected(self, transport):
        self.transport = transport

    def on_ws_disconnected(self, transport):
        self.disconnected = True
        if not self.expect_close:
            self.run.unexpected_disconnects += 1
        if not self.welcome.done():
            self.welcome.set_exception(ConnectionError("disconnected before welcome"))
        for f in self.waiters.values():
            if not f.done():
                f.set_exception(ConnectionError("disconnected"))

    def on_ws_frame(self, transport, frame):
        now = perf_ns()
        t = frame.msg_type
        if t == WSMsgType.TEXT or t == WSMsgType.CONTINUATION:
            data = self.frag.add(frame)
            if data is not None:
                self.message(data, now)
        elif t == WSMsgType.CLOSE:
            code = frame.get_close_code()
            code = int(getattr(code, "value", code))
            self.closed_code = code
            self.run.closes[code] = self.run.closes.get(code, 0) + 1
            self.expect_close = True
            transport.send_close(frame.get_close_code())
            transport.disconnect()

    # -- protocol
    def message(self, data, now):
        if data.startswith(b'{"type":"event"'):
            # Fast path (the generator must stay cheap): seq is the second field.
            i = data.index(b'"seq":', 14) + 6
            self.event(int(data[i:data.index(b",", i)]), data, now)
            return
        msg = json.loads(data)
        kind = msg.get("type")
        if kind == "event":          # a server whose JSON is laid out differently
            self.event(msg["seq"], data, now)
            return
        if kind == "welcome":
            self.base = self.last = msg["seq"]
            self.meeting.max_seq = max(self.meeting.max_seq, msg["seq"])
            if not self.welcome.done():
                self.welcome.set_result(msg)
            return
        req = msg.get("req")
        if kind == "ack":
            self.meeting.max_seq = max(self.meeting.max_seq, msg.get("seq", 0))
        elif kind == "error":
            code = msg.get("code")
            self.run.errors[code] = self.run.errors.get(code, 0) + 1
        if req in self.waiters:
            f = self.waiters.pop(req)
            if not f.done():
                f.set_result(msg)
        elif req in self.pending:
            sent = self.pending.pop(req)
            if kind == "ack":
                self.run.ack_lat.append(now - sent)

    def event(self, seq, data, now):
        self.on_seq(seq)
        run = self.run
        if run.measuring:
            run.deliveries += 1
            run.last_delivery_ns = now
            j = data.find(MARK)
            if j >= 0:
                k = data.index(b";", j)
                sent = int(data[j + 3:k])
                if sent >= run.window_start_ns:
                    run.lat.append(now - sent)
                    if data[k + 1:k + 2] == b"B":
                        run.lat_burst.append(now - sent)
                    else:
                        run.lat_steady.append(now - sent)

    def on_seq(self, seq):
        self.events += 1
        last = self.last
        if last is None:
            self.run.errors["event_before_welcome"] = self.run.errors.get("event_before_welcome", 0) + 1
            self.last = seq
            return
        if seq == last + 1:
            self.last = seq
        elif seq > last + 1:
            self.missing.update(range(last + 1, seq))
            self.last = seq
        elif seq in self.missing:
            self.missing.discard(seq)
            self.reordered += 1
        else:
            self.dups += 1

    def send(self, msg):
        self.transport.send(WSMsgType.TEXT, json.dumps(msg, separators=(",", ":")).encode())

    async def command(self, msg, timeout=60):
        self.req += 1
        req = self.req
        fut = asyncio.get_running_loop().create_future()
        self.waiters[req] = fut
        msg["req"] = req
        self.send(msg)
        return await asyncio.wait_for(fut, timeout)

    def send_note(self, burst=False):
        """Posts a new note, or edits an own one once the limits are near. No waiting."""
        m = self.meeting
        self.req += 1
        req = self.req
        now = perf_ns()
        text = f"@t={now};{'B' if burst else 'S'} "
        text += FILLER[:max(0, NOTE_CHARS - len(text))]
        if len(self.my_notes) < NOTES_PER_PARTICIPANT and m.notes < NOTES_PER_MEETING:
            nid = f"n{m.index}-{self.index}-{len(self.my_notes)}"
            self.my_notes.append(nid)
            m.notes += 1
            msg = {"type": "post", "req": req, "id": nid, "text": text}
            self.run.posts += 1
        elif self.my_notes:
            msg = {"type": "edit", "req": req, "note": random.choice(self.my_notes), "text": text}
            self.run.edits += 1
        else:
            return False
        self.pending[req] = now
        self.send(msg)
        self.run.sent += 1
        if burst:
            self.run.sent_burst += 1
        return True


class Pinger(WSListener):
    """A connection that says hello as a phone that never joins, then sends `ping` every
    100 ms: the pong's round trip shows how long the server's service loop was busy
    elsewhere (stalls). (It must say hello: the server closes a socket that has not said
    hello within 10 s.)"""

    def __init__(self, code):
        self.code = code
        self.rtts = array("q")
        self.sent_at = None
        self.transport = None

    def on_ws_connected(self, transport):
        self.transport = transport
        transport.send(WSMsgType.TEXT, json.dumps({"type": "hello", "code": self.code, "client": "participant"}).encode())

    def on_ws_frame(self, transport, frame):
        if frame.msg_type != WSMsgType.TEXT or self.sent_at is None:
            return
        if json.loads(frame.get_payload_as_bytes()).get("type") == "pong":
            self.rtts.append(perf_ns() - self.sent_at)
            self.sent_at = None

    def ping(self):
        if self.sent_at is None:          # one at a time: a stall shows as one long round trip
            self.sent_at = perf_ns()
            self.transport.send(WSMsgType.TEXT, b'{"type":"ping"}')


# ---------------------------------------------------------------- the slow client

class SlowClient:
    """A phone that says hello, reads its welcome, then stops reading (raw socket, 4 KiB
    receive buffer, so the server's queue for it fills instead of the kernel's)."""

    def __init__(self, port, code):
        self.port, self.code = port, code

    def connect(self):
        s = socket.socket()
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, 4096)
        s.connect(("127.0.0.1", self.port))
        key = base64.b64encode(os.urandom(16)).decode()
        s.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{self.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                   f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n"
                   f"Sec-WebSocket-Protocol: {SUBPROTOCOL}\r\n\r\n").encode())
        buf = b""
        while b"\r\n\r\n" not in buf:
            chunk = s.recv(4096)
            if not chunk:
                raise ConnectionError("slow client: handshake refused")
            buf += chunk
        head, self.buf = buf.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise ConnectionError(f"slow client: {head[:100]!r}")
        s.sendall(self.frame(json.dumps({"type": "hello", "code": self.code, "client": "participant"}).encode()))
        self.sock = s
        self.local_port = s.getsockname()[1]
        # Read up to and including the welcome, then stop.
        while True:
            op, payload = self.read_frame()
            if op == 1 and payload.startswith(b'{"type":"welcome"'):
                self.welcome_seq = json.loads(payload)["seq"]
                return

    @staticmethod
    def frame(payload, opcode=1):
        mask = os.urandom(4)
        n = len(payload)
        head = bytes([0x80 | opcode])
        if n < 126:
            head += bytes([0x80 | n])
        elif n < 65536:
            head += bytes([0x80 | 126]) + struct.pack("!H", n)
        else:
            head += bytes([0x80 | 127]) + struct.pack("!Q", n)
        masked = bytes(b ^ mask[i & 3] for i, b in enumerate(payload))
        return head + mask + masked

    def _need(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk

    def read_frame(self):
        self._need(2)
        b0, b1 = self.buf[0], self.buf[1]
        n, off = b1 & 0x7F, 2
        if n == 126:
            self._need(4)
            n, off = struct.unpack("!H", self.buf[2:4])[0], 4
        elif n == 127:
            self._need(10)
            n, off = struct.unpack("!Q", self.buf[2:10])[0], 10
        self._need(off + n)
        payload = self.buf[off:off + n]
        self.buf = self.buf[off + n:]
        return b0 & 0x0F, payload

    def server_side_state(self, server_port):
        """The server's end of this connection as /proc/net/tcp shows it: (state, tx_queue)."""
        states = {"01": "ESTABLISHED", "04": "FIN_WAIT1", "05": "FIN_WAIT2", "06": "TIME_WAIT", "07": "CLOSE",
                  "08": "CLOSE_WAIT", "09": "LAST_ACK", "0B": "CLOSING"}
        want_local, want_remote = f":{server_port:04X}", f":{self.local_port:04X}"
        for table in ("/proc/net/tcp", "/proc/net/tcp6"):     # lws listens dual-stack
            with open(table) as f:
                for line in f.readlines()[1:]:
                    p = line.split()
                    if p[1].endswith(want_local) and p[2].endswith(want_remote):
                        tx = int(p[4].split(":")[0], 16)
                        return states.get(p[3], p[3]), tx
        return "GONE", 0

    def drain(self, timeout=10):
        """Reads everything the server still sends: (events, last event seq, close code or None, EOF seen)."""
        self.sock.settimeout(timeout)
        events, last, close = 0, None, None
        try:
            while True:
                op, payload = self.read_frame()
                if op == 1 and payload.startswith(b'{"type":"event"'):
                    events += 1
                    i = payload.index(b'"seq":') + 6
                    last = int(payload[i:payload.index(b",", i)])
                elif op == 8:
                    close = struct.unpack("!H", payload[:2])[0] if len(payload) >= 2 else 1005
                    return events, last, close, False
        except EOFError:
            return events, last, close, True
        except (socket.timeout, ConnectionResetError):
            return events, last, close, False


# ---------------------------------------------------------------- one generator run

async def open_conn(run, url, meeting, kind, index, join, sem, setup_times):
    async with sem:
        t0 = time.perf_counter()
        transport, conn = await ws_connect(lambda: Conn(run, meeting, kind, index), url, extra_headers=HEADERS,
                                           websocket_handshake_timeout=60)
        proto = transport.response.headers.get("Sec-WebSocket-Protocol")
        if proto != SUBPROTOCOL:
            raise RuntimeError(f"server chose subprotocol {proto!r}")
        hello = {"type": "hello", "code": meeting.code, "client": kind}
        if kind == "console":
            hello["key"] = meeting.key
        conn.send(hello)
        await asyncio.wait_for(conn.welcome, 60)
        if kind == "console":
            r = await conn.command({"type": "setPhase", "phase": "opportunities"})
            if r["type"] != "ack":
                raise RuntimeError(f"setPhase refused: {r}")
        if join:
            r = await conn.command({"type": "join", "name": f"Phone {meeting.index}-{index}",
                                    "organization": f"Shop {index}", "role": "employer"})
            if r["type"] != "ack":
                raise RuntimeError(f"join refused: {r}")
            conn.participant = r["participant"]
            meeting.senders.append(conn)
        setup_times.append(time.perf_counter() - t0)
        meeting.conns.append(conn)
        return conn


async def generate(url, server_pid, port, codes, participants, rate, seconds, burst_every, burst_size,
                   slow_client=False, concurrency=64, settle=1.0, log=print):
    run = Run()
    meetings = [Meeting(i, c, k) for i, (c, k) in enumerate(codes)]
    sem = asyncio.Semaphore(concurrency)
    setup_times = []
    t0 = time.perf_counter()
    # Consoles first (they open the posting phase), then walls, then phones.
    await asyncio.gather(*[open_conn(run, url, m, "console", 0, False, sem, setup_times) for m in meetings])
    await asyncio.gather(*[open_conn(run, url, m, "wall", 0, False, sem, setup_times) for m in meetings])
    await asyncio.gather(*[open_conn(run, url, m, "participant", i + 1, i < JOINERS_PER_MEETING, sem, setup_times)
                           for i in range(participants) for m in meetings])
    setup_total = time.perf_counter() - t0
    total_conns = sum(len(m.conns) for m in meetings)

    slow = None
    if slow_client:
        slow = SlowClient(port, meetings[0].code)
        await asyncio.get_running_loop().run_in_executor(None, slow.connect)

    gc.collect()
    gc.freeze()          # fewer, shorter collections while measuring
    await asyncio.sleep(settle)

    # ---- measuring window
    senders = [c for m in meetings for c in m.senders]
    random.shuffle(senders)
    busy = bl.BusyMeter([server_pid, os.getpid()]).start()
    cpu_server0 = bl.proc_cpu_seconds(server_pid)
    threads0 = bl.thread_cpu_seconds(server_pid)
    rss_before = bl.proc_status_kb(server_pid, "VmRSS")
    cpu_gen0 = time.process_time()
    run.window_start_ns = perf_ns()
    run.measuring = True
    start = time.perf_counter()
    end = start + seconds
    rss_samples = []

    async def steady():
        k = 0
        due = time.perf_counter()
        while True:
            due += random.expovariate(rate)
            if due >= end:
                return
            delay = due - time.perf_counter()
            if delay > 0:
                await asyncio.sleep(delay)
            for _ in range(len(senders)):
                c = senders[k % len(senders)]
                k += 1
                if not c.disconnected and c.send_note():
                    break

    async def bursts():
        if burst_every <= 0 or burst_size <= 0:
            return
        while True:
            await asyncio.sleep(burst_every)
            if time.perf_counter() + 0.5 >= end:
                return
            for c in random.sample(senders, min(burst_size, len(senders))):
                if not c.disconnected:
                    c.send_note(burst=True)

    async def sample_rss():
        while run.measuring:
            try:
                rss_samples.append((time.perf_counter() - start, bl.proc_status_kb(server_pid, "VmRSS"),
                                    slow.server_side_state(port) if slow else None,
                                    bl.proc_status_kb(server_pid, "RssAnon")))
            except OSError:
                return
            await asyncio.sleep(0.5)

    loop_lag = array("q")

    async def measure_loop_lag():
        # How late the generator's own event loop runs a 2 ms timer: a delivery can wait
        # this long in the generator before it is timestamped (bursts make it grow).
        while run.measuring:
            t = perf_ns()
            await asyncio.sleep(0.002)
            loop_lag.append(perf_ns() - t - 2_000_000)

    _, pinger = await ws_connect(lambda: Pinger(meetings[0].code), url, extra_headers=HEADERS)

    async def ping_loop():
        while run.measuring:
            pinger.ping()
            await asyncio.sleep(0.1)
        # The last ping may still be out: wait for it (a stall that lasts past the end counts).
        t_end = time.perf_counter() + 60
        while pinger.sent_at is not None and time.perf_counter() < t_end:
            await asyncio.sleep(0.05)

    pings = asyncio.ensure_future(ping_loop())
    sampler = asyncio.ensure_future(sample_rss())
    lagger = asyncio.ensure_future(measure_loop_lag())
    await asyncio.gather(steady(), bursts())
    sends_done = time.perf_counter()

    # Drain: every command answered and every connection at its meeting's last seq. A
    # server that fell behind gets time as long as deliveries still arrive (up to 180 s,
    # giving up after 60 s without any),
    # so that "late" and "lost" are told apart.
    drain_deadline = time.perf_counter() + 180
    progress_at, last_count = time.perf_counter(), -1
    while time.perf_counter() < drain_deadline:
        for m in meetings:
            m.max_seq = max([m.max_seq] + [c.last or 0 for c in m.conns])
        pending = sum(len(c.pending) for m in meetings for c in m.conns if not c.disconnected)
        behind = sum(1 for m in meetings for c in m.conns if not c.disconnected and c.last != m.max_seq)
        if pending == 0 and behind == 0:
            break
        if run.deliveries != last_count:
            progress_at, last_count = time.perf_counter(), run.deliveries
        elif time.perf_counter() - progress_at > 60:
            break
        await asyncio.sleep(0.05)
    run.measuring = False
    window_end = time.perf_counter()
    cpu_gen = time.process_time() - cpu_gen0
    cpu_server = bl.proc_cpu_seconds(server_pid) - cpu_server0
    threads1 = bl.thread_cpu_seconds(server_pid)
    threads = {name: (t - threads0.get(name, 0.0)) / (window_end - start) for name, t in threads1.items()}
    threads = {k: v for k, v in sorted(threads.items(), key=lambda kv: -kv[1]) if v >= 0.01}
    other_cores = busy.stop()
    rss_after = bl.proc_status_kb(server_pid, "VmRSS")
    hwm = bl.proc_status_kb(server_pid, "VmHWM")
    await sampler
    await lagger
    await pings
    pinger.transport.disconnect()
    if pinger.sent_at is not None:       # never answered
        pinger.rtts.append(perf_ns() - pinger.sent_at)
    rtt = sorted(pinger.rtts)
    gc.unfreeze()

    # ---- the slow client: what did the server do with it?
    slow_report = None
    if slow:
        state_before_resume = slow.server_side_state(port)
        t_resume = time.perf_counter()
        ev, last, close, eof = await asyncio.get_running_loop().run_in_executor(None, slow.drain, 15)
        slow_report = {
            "welcome_seq": slow.welcome_seq, "meeting_final_seq": meetings[0].max_seq,
            "events_received_after_resume": ev, "last_seq_received": last, "close_code": close, "eof": eof,
            "drain_seconds": time.perf_counter() - t_resume,
            "server_side_before_resume": state_before_resume,
            "states": [(round(t, 1), kb, st) for t, kb, st, _ in rss_samples],
        }
        slow.sock.close()

    # ---- seq checks
    gaps = undelivered = dups = reordered = behind = 0
    for m in meetings:
        for c in m.conns:
            missing_tail = max(0, m.max_seq - (c.last or 0))
            gaps += len(c.missing)            # skipped seqs that never came
            undelivered += missing_tail       # events still not received when the drain gave up
            dups += c.dups
            reordered += c.reordered
            behind += 1 if missing_tail else 0
    lost = gaps + undelivered

    for m in meetings:
        for c in m.conns:
            c.expect_close = True
            c.transport.disconnect()
    await asyncio.sleep(0.2)

    lat = sorted(run.lat)
    lat_b = sorted(run.lat_burst)
    lat_s = sorted(run.lat_steady)
    ack = sorted(run.ack_lat)
    st = sorted(setup_times)
    lag = sorted(loop_lag)
    ms = 1e-6
    duration = max(1e-9, (run.last_delivery_ns - run.window_start_ns) / 1e9) if run.deliveries else seconds
    return {
        "connections": total_conns + (1 if slow else 0),
        "setup_total_s": setup_total,
        "setup_p50_ms": bl.percentile(st, 0.5) * 1e3, "setup_p99_ms": bl.percentile(st, 0.99) * 1e3,
        "setup_max_ms": st[-1] * 1e3 if st else float("nan"),
        "sent": run.sent, "sent_burst": run.sent_burst, "posts": run.posts, "edits": run.edits,
        "offered_rate": run.sent / seconds,
        "deliveries": run.deliveries, "deliveries_per_s": run.deliveries / duration,
        "lat_samples": len(lat),
        "p50_ms": bl.percentile(lat, 0.5) * ms, "p99_ms": bl.percentile(lat, 0.99) * ms,
        "max_ms": lat[-1] * ms if lat else float("nan"),
        "steady_p50_ms": bl.percentile(lat_s, 0.5) * ms, "steady_p99_ms": bl.percentile(lat_s, 0.99) * ms,
        "burst_p50_ms": bl.percentile(lat_b, 0.5) * ms, "burst_p99_ms": bl.percentile(lat_b, 0.99) * ms, "burst_max_ms": lat_b[-1] * ms if lat_b else float("nan"),
        "ack_p50_ms": bl.percentile(ack, 0.5) * ms, "ack_p99_ms": bl.percentile(ack, 0.99) * ms,
        "lost": lost, "gaps": gaps, "undelivered_at_end": undelivered, "duplicated": dups,
        "server_threads_cores": threads, "reordered": reordered, "connections_behind": behind,
        "errors": dict(run.errors), "server_closes": dict(run.closes),
        "unexpected_disconnects": run.unexpected_disconnects,
        "server_cpu_s": cpu_server, "server_cpu_us_per_delivery": cpu_server * 1e6 / max(1, run.deliveries),
        "server_cpu_cores": cpu_server / (window_end - start),
        "server_rss_before_kb": rss_before, "server_rss_after_kb": rss_after, "server_peak_rss_kb": hwm,
        "ping_p50_ms": bl.percentile(rtt, 0.5) * ms, "ping_p99_ms": bl.percentile(rtt, 0.99) * ms,
        "ping_max_ms": rtt[-1] * ms if rtt else float("nan"),
        "generator_cpu_pct": 100 * cpu_gen / (window_end - start),
        "generator_lag_p99_ms": bl.percentile(lag, 0.99) * ms, "generator_lag_max_ms": lag[-1] * ms if lag else float("nan"),
        "other_cores": other_cores, "io_stall_pct": 100 * busy.io_stall, "load_before": busy.load0[0], "load_after": busy.load1[0],
        "window_s": window_end - start, "drain_s": window_end - sends_done,
        "rss_samples": [(round(t, 1), kb) for t, kb, _, _ in rss_samples],
        # RssAnon leaves out file-backed pages (the embedding model is mmapped: ~90 MB of RssFile).
        "server_peak_anon_rss_kb": max([a for _, _, _, a in rss_samples] + [bl.proc_status_kb(server_pid, "RssAnon")]),
        "server_rss_file_kb": bl.proc_status_kb(server_pid, "RssFile"),
        "slow_client": slow_report,
    }


# ---------------------------------------------------------------- servers

def run_target(target, meetings, participants, rate, args, slow_client=False):
    if target == "convene":
        data = bl.tempdir()
        try:
            t0 = time.perf_counter()
            codes = bl.create_meetings(data, meetings)
            create_s = time.perf_counter() - t0
            server = bl.ConveneServer(data, extra=["--model-dir", "/nonexistent-model"] if args.no_model else []).start()
            try:
                result = asyncio.run(generate(server.url, server.pid, server.port, codes, participants, rate, args.seconds,
                                              args.burst_every, args.burst_size, slow_client, args.concurrency))
            finally:
                alive = server.proc.poll() is None
                server.stop()
            result["meetings_create_s"] = create_s
            result["grouping"] = server.grouping
            result["server_alive_at_end"] = alive
            return result
        finally:
            bl.rmtree(data)
    else:
        server = bl.PeerServer().start()
        codes = [(f"PEER{i:02d}", "nokey") for i in range(meetings)]
        try:
            result = asyncio.run(generate(server.url, server.pid, server.port, codes, participants, rate, args.seconds,
                                          args.burst_every, args.burst_size, slow_client, args.concurrency))
            result["server_alive_at_end"] = server.proc.poll() is None
            return result
        finally:
            server.stop()


def parse_scenario(s, default_rate):
    rate = default_rate
    if "@" in s:
        s, r = s.split("@")
        rate = float(r)
    m, n = s.lower().split("x")
    return int(m), int(n), rate


def measured(target, scen, args, slow_client=False):
    """Runs once, and again (up to --retries) if other processes used the machine meanwhile."""
    m, n, rate = scen
    best = None
    for attempt in range(args.retries + 1):
        other, load = bl.wait_until_quiet(max_wait=args.quiet_wait, threshold=args.busy_threshold,
                                          label=f"{target} {m}x{n}@{rate:g}")
        r = run_target(target, m, n, rate, args, slow_client)
        r["attempt"] = attempt + 1
        r["other_before"] = other
        print(f"[bench] {target} {m}x{n}@{rate:g} attempt {attempt + 1}: p99 {r['p99_ms']:.1f} ms, "
              f"{r['deliveries_per_s']:.0f} deliveries/s, others used {r['other_cores']:.2f} cores, "
              f"load {r['load_before']:.2f}->{r['load_after']:.2f}, generator {r['generator_cpu_pct']:.0f}%",
              file=sys.stderr)
        if best is None or r["other_cores"] < best["other_cores"]:
            best = r
        if r["other_cores"] < args.busy_threshold:
            break
    best["busy"] = best["other_cores"] >= args.busy_threshold
    return best


def fmt(v, f="{:.1f}"):
    if isinstance(v, float) and v != v:
        return "-"
    return f.format(v)


def print_table(rows):
    cols = [("scenario", 13, lambda r: r["scenario"]), ("server", 8, lambda r: r["target"]),
            ("conns", 6, lambda r: str(r["connections"])),
            ("sent/s", 7, lambda r: fmt(r["offered_rate"], "{:.0f}")),
            ("deliv/s", 8, lambda r: fmt(r["deliveries_per_s"], "{:.0f}")),
            ("p50 ms", 7, lambda r: fmt(r["p50_ms"], "{:.2f}")),
            ("p99 ms", 7, lambda r: fmt(r["p99_ms"], "{:.2f}")),
            ("max ms", 8, lambda r: fmt(r["max_ms"], "{:.1f}")),
            ("steady99", 8, lambda r: fmt(r["steady_p99_ms"], "{:.1f}")),
            ("burst99", 8, lambda r: fmt(r["burst_p99_ms"], "{:.1f}")),
            ("ack p99", 8, lambda r: fmt(r["ack_p99_ms"], "{:.1f}")),
            ("ping max", 8, lambda r: fmt(r.get("ping_max_ms", float("nan")), "{:.0f}")),
            ("lost", 5, lambda r: str(r["lost"])), ("dup", 4, lambda r: str(r["duplicated"])),
            ("setup p99", 9, lambda r: fmt(r["setup_p99_ms"], "{:.0f}ms")),
            ("setup all", 9, lambda r: fmt(r["setup_total_s"], "{:.1f}s")),
            ("µs/deliv", 8, lambda r: fmt(r["server_cpu_us_per_delivery"], "{:.1f}")),
            ("srv cores", 9, lambda r: fmt(r["server_cpu_cores"], "{:.2f}")),
            ("peak RSS", 9, lambda r: fmt(r["server_peak_rss_kb"] / 1024, "{:.1f}MB")),
            ("anon RSS", 9, lambda r: fmt(r.get("server_peak_anon_rss_kb", float("nan")) / 1024, "{:.1f}MB")),
            ("gen CPU", 7, lambda r: fmt(r["generator_cpu_pct"], "{:.0f}%")),
            ("gen lag", 7, lambda r: fmt(r["generator_lag_max_ms"], "{:.0f}ms")),
            ("others", 6, lambda r: fmt(r["other_cores"], "{:.2f}")),
            ("io wait", 7, lambda r: fmt(r["io_stall_pct"], "{:.0f}%")),
            ("load1", 9, lambda r: f"{r['load_before']:.2f}/{r['load_after']:.2f}")]
    print("  ".join(f"{name:>{w}}" for name, w, _ in cols))
    for r in rows:
        print("  ".join(f"{get(r):>{w}}" for name, w, get in cols))
    for r in rows:
        notes = []
        if r["generator_cpu_pct"] > 70:
            notes.append(f"WARNING: generator used {r['generator_cpu_pct']:.0f}% of a core (>70%): latency figures not trusted")
        if r.get("busy"):
            notes.append(f"WARNING: other processes used {r['other_cores']:.2f} cores during the run")
        if r["errors"]:
            notes.append(f"errors {r['errors']}")
        if r["server_closes"] or r["unexpected_disconnects"]:
            notes.append(f"closes {r['server_closes']}, unexpected disconnects {r['unexpected_disconnects']}")
        if r["reordered"] or r["connections_behind"]:
            notes.append(f"reordered {r['reordered']}; {r['connections_behind']} connections still behind after the drain "
                         f"({r['drain_s']:.0f} s): {r['undelivered_at_end']} deliveries never came, {r['gaps']} gaps")
        notes.append("server threads (cores): " + ", ".join(f"{k} {v:.2f}" for k, v in r["server_threads_cores"].items())
                     + (f"; grouping: {r['grouping']}" if r.get("grouping") else ""))
        if not r.get("server_alive_at_end", True):
            notes.append("SERVER DIED during the run")
        for n in notes:
            print(f"  {r['scenario']} {r['target']}: {n}")


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--scenario", action="append",
                    help="MxN or MxN@rate (repeatable); default 1x80@200, 10x100@200, 1x1000@20")
    ap.add_argument("--rate", type=float, default=200, help="notes a second in total when a scenario names none")
    ap.add_argument("--seconds", type=float, default=30)
    ap.add_argument("--burst-every", type=float, default=5, help="seconds between bursts (0: none)")
    ap.add_argument("--burst-size", type=int, default=50, help="phones posting at once in a burst")
    ap.add_argument("--target", choices=["convene", "peer", "both"], default="both")
    ap.add_argument("--slow-client", action="store_true", help="add a phone that stops reading (meeting 0)")
    ap.add_argument("--note-chars", type=int, default=120, help="characters in each note (at most 280)")
    ap.add_argument("--no-model", action="store_true",
                    help="start Convene without the embedding model (--model-dir /nonexistent-model): lexical grouping")
    ap.add_argument("--concurrency", type=int, default=64, help="connections being set up at once")
    ap.add_argument("--retries", type=int, default=2, help="re-runs when the machine was busy")
    ap.add_argument("--busy-threshold", type=float, default=0.3, help="cores used by others that make a run suspect")
    ap.add_argument("--quiet-wait", type=float, default=180, help="seconds to wait for a quiet machine first")
    ap.add_argument("--json", help="write every result to this file")
    args = ap.parse_args()
    global NOTE_CHARS
    NOTE_CHARS = min(280, args.note_chars)
    limit = bl.raise_file_limit()
    bl.wait_for_binary()
    scenarios = [parse_scenario(s, args.rate) for s in (args.scenario or ["1x80@200", "10x100@200", "1x1000@20"])]
    targets = ["convene", "peer"] if args.target == "both" else [args.target]
    print(f"open files limit {limit}; {args.seconds:g} s per run, bursts of {args.burst_size} every {args.burst_every:g} s; "
          f"{bl.NCPU} cores; load {bl.loadavg()}", flush=True)
    rows = []
    for scen in scenarios:
        m, n, rate = scen
        for target in targets:
            variants = [False, True] if args.slow_client else [False]
            for slow in variants:
                r = measured(target, scen, args, slow)
                r["scenario"] = f"{m}x{n}@{rate:g}" + ("+slow" if slow else "")
                r["target"] = target
                rows.append(r)
                print_table([r])
                if r["slow_client"]:
                    print_slow(r)
                sys.stdout.flush()
    print()
    print_table(rows)
    if args.slow_client:
        print("\nslow client: the other connections' latency and the server's memory, without / with it:")
        for scen in scenarios:
            name = f"{scen[0]}x{scen[1]}@{scen[2]:g}"
            for target in targets:
                a = next(r for r in rows if r["scenario"] == name and r["target"] == target)
                b = next(r for r in rows if r["scenario"] == name + "+slow" and r["target"] == target)
                s = b["slow_client"]
                print(f"  {name} {target}: p50 {a['p50_ms']:.2f} -> {b['p50_ms']:.2f} ms, p99 {a['p99_ms']:.2f} -> "
                      f"{b['p99_ms']:.2f} ms, max {a['max_ms']:.1f} -> {b['max_ms']:.1f} ms; server RSS at the end "
                      f"{a['server_rss_after_kb'] / 1024:.1f} -> {b['server_rss_after_kb'] / 1024:.1f} MB "
                      f"(with it: {b['server_rss_before_kb'] / 1024:.1f} MB when it stopped reading); "
                      f"the slow client got close code {s['close_code']} after {s['events_received_after_resume']} "
                      f"of the meeting's {s['meeting_final_seq'] - s['welcome_seq']} events")
    if len(targets) == 2:
        print("\nratios Convene / peer (same scenario, same generator):")
        for scen in scenarios:
            name = f"{scen[0]}x{scen[1]}@{scen[2]:g}"
            c = next(r for r in rows if r["scenario"] == name and r["target"] == "convene")
            p = next(r for r in rows if r["scenario"] == name and r["target"] == "peer")
            print(f"  {name}: p99 {c['p99_ms'] / p['p99_ms']:.2f}x, p50 {c['p50_ms'] / p['p50_ms']:.2f}x, "
                  f"deliveries/s {c['deliveries_per_s'] / p['deliveries_per_s']:.2f}x, "
                  f"server CPU per delivery {c['server_cpu_us_per_delivery'] / p['server_cpu_us_per_delivery']:.2f}x, "
                  f"peak RSS {c['server_peak_rss_kb'] / p['server_peak_rss_kb']:.2f}x "
                  f"(Convene commits every note to SQLite before sending it; the peer stores nothing)")
            # The service loop alone (the part that scales with deliveries) against the peer's
            # whole process, and the embedder, whose cost is per note whatever the fan-out.
            threads = c["server_threads_cores"]
            loop_us = threads.get("main loop", 0) * 1e6 / max(1e-9, c["deliveries_per_s"])
            embed = sum(v for k, v in threads.items() if k.startswith("embedder/"))
            print(f"  {name}: service loop {loop_us:.1f} µs per delivery = {loop_us / p['server_cpu_us_per_delivery']:.2f}x "
                  f"the peer's whole process ({p['server_cpu_us_per_delivery']:.1f} µs); embedder {embed:.2f} cores = "
                  f"{embed * 1e3 / max(1e-9, c['offered_rate']):.2f} ms per note sent "
                  f"({embed * 1e6 / max(1e-9, c['deliveries_per_s']):.1f} µs per delivery at this fan-out)")
    if args.json:
        with open(args.json, "w") as f:
            json.dump(rows, f, indent=1)


def print_slow(r):
    s = r["slow_client"]
    print(f"  slow client: welcome seq {s['welcome_seq']}, meeting reached seq {s['meeting_final_seq']}; "
          f"server RSS {r['server_rss_before_kb'] / 1024:.1f} MB before -> {r['server_rss_after_kb'] / 1024:.1f} MB after, "
          f"peak {r['server_peak_rss_kb'] / 1024:.1f} MB")
    print(f"  server side of the stalled socket before the client read again: {s['server_side_before_resume']}")
    print(f"  after reading again: {s['events_received_after_resume']} events (last seq {s['last_seq_received']}), "
          f"close code {s['close_code']}, EOF {s['eof']}, in {s['drain_seconds']:.2f} s")
    print("  RSS / server-side socket over time: " +
          ", ".join(f"{t}s {kb / 1024:.1f}MB {st[0]}/{st[1]}B" for t, kb, st in s["states"][::4]))


if __name__ == "__main__":
    main()
