#!/usr/bin/env python3
"""Instructions the service loop spends per delivery, counted by valgrind's callgrind on a
fixed scripted run, so that a change in per-delivery cost shows even on a busy machine
(issue 15, item 5; wall-clock CPU figures from loadgen.py move ±10% with the neighbours).

The run: one meeting, a console and `--phones` phones joined; then `--notes` notes posted one
at a time, each waiting until every client has gone quiet, so the same work happens in the
same order on every run. The release server runs under callgrind with one counter file per
thread; the loop is the main thread (it runs `lws_service`). Counters are dumped after the
set-up and again after the notes (`callgrind_control --dump`), so the figure is

    loop instructions during the notes / messages the clients received during the notes

("deliveries": every event, ack and placement a client receives). The embedder and the
clustering thread are reported apart: they cost per note, not per delivery.

Needs valgrind (`scripts/setup.sh --bench`). Takes 15–20 minutes (valgrind runs the server
about 50 times slower).

    .venv/bin/python scripts/bench/instructions.py [--phones 40] [--notes 30] [--no-model] [--keep]
"""
import argparse
import glob
import json
import os
import shutil
import subprocess
import sys
import threading
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402
from websockets.sync.client import connect  # noqa: E402

SUBPROTOCOL = "convene.v1"


class Client:
    """A real WebSocket client; a thread counts what it receives."""

    def __init__(self, url):
        self.ws = connect(url, subprotocols=[SUBPROTOCOL], max_size=None, open_timeout=120, close_timeout=2)
        self.received = 0
        self.last = time.monotonic()
        self.replies = {}
        self.lock = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self):
        try:
            for raw in self.ws:
                msg = json.loads(raw)
                with self.lock:
                    self.received += 1
                    self.last = time.monotonic()
                    if msg.get("type") in ("welcome", "ack", "error"):
                        self.replies[msg.get("req", "hello")] = msg
                        self.lock.notify_all()
        except Exception:
            pass

    def request(self, msg, key, timeout=120):
        self.ws.send(json.dumps(msg))
        with self.lock:
            if not self.lock.wait_for(lambda: key in self.replies, timeout):
                raise RuntimeError(f"no reply to {msg['type']}")
            reply = self.replies.pop(key)
        if reply["type"] == "error":
            raise RuntimeError(f"{msg['type']} refused: {reply}")
        return reply


def wait_quiet(clients, quiet):
    """Waits until no client has received anything for `quiet` seconds."""
    while True:
        newest = max(c.last for c in clients)
        left = quiet - (time.monotonic() - newest)
        if left <= 0:
            return
        time.sleep(left)


def thread_totals(prefix, dump):
    """{thread number: instructions} for one dump of a --separate-threads run."""
    totals = {}
    for path in glob.glob(f"{prefix}.{dump}-*"):
        thread = int(path.rsplit("-", 1)[1])
        with open(path, errors="replace") as f:
            for line in f:
                if line.startswith(("summary:", "totals:")):
                    totals[thread] = int(line.split()[1])
                    break
    return totals


def self_costs(path):
    """{function: instructions spent in it, not in what it calls} from one callgrind file.
    (callgrind_annotate attributes everything of these mid-run dumps to __libc_start_main.)"""
    costs, fn, call_line = {}, None, False
    with open(path, errors="replace") as f:
        for line in f:
            if line.startswith("fn="):
                fn = line[3:].rstrip("\n")
            elif line.startswith("calls="):
                call_line = True   # the next cost line is the callee's inclusive cost
            elif line[:1].isdigit() or line[:1] in "+-*":
                if call_line:
                    call_line = False
                elif fn is not None:
                    parts = line.split()
                    if len(parts) >= 2:
                        costs[fn] = costs.get(fn, 0) + int(parts[1])
    return costs


def demangled(names):
    """Swift symbols made readable when swift-demangle is on the PATH."""
    tool = shutil.which("swift-demangle")
    if not tool:
        return names
    out = subprocess.run([tool, "--simplified", "--compact"], input="\n".join(names), capture_output=True, text=True).stdout
    lines = out.split("\n")
    return lines[:len(names)] if len(lines) >= len(names) else names


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--phones", type=int, default=40)
    ap.add_argument("--notes", type=int, default=30)
    ap.add_argument("--no-model", action="store_true", help="start without the embedding model (lexical grouping)")
    ap.add_argument("--keep", action="store_true", help="keep the callgrind files and print where")
    ap.add_argument("--top", type=int, default=20, help="functions listed by the instructions they spent")
    ap.add_argument("--quiet", type=float, default=1.5, help="seconds without a message that end a step")
    args = ap.parse_args()
    if not shutil.which("valgrind"):
        raise SystemExit("valgrind is missing: scripts/setup.sh --bench installs it")

    binary = bl.wait_for_binary()
    data = bl.tempdir()
    out = os.path.join(data, "callgrind.out")
    code, key = bl.create_meetings(os.path.join(data, "db"), 1)[0]
    extra = ["--model-dir", "/nonexistent-model"] if args.no_model else []
    server = bl.ConveneServer(os.path.join(data, "db"), extra=extra,
                              prefix=["valgrind", "--tool=callgrind", "--separate-threads=yes",
                                      f"--callgrind-out-file={out}", "--dump-line=no",
                                      # every dump file names its functions (callgrind_annotate reads one file)
                                      "--compress-strings=no", "--compress-pos=no"])
    try:
        server.start(timeout=600)
        url = server.url
        console = Client(url)
        console.request({"type": "hello", "code": code, "client": "console", "key": key}, "hello")
        console.request({"type": "setPhase", "phase": "opportunities", "req": 1}, 1)
        phones = []
        for i in range(args.phones):
            phone = Client(url)
            phone.request({"type": "hello", "code": code, "client": "participant"}, "hello")
            phone.request({"type": "join", "name": f"Phone {i}", "organization": f"Shop {i}", "role": "employer",
                           "req": 1}, 1)
            phones.append(phone)
        clients = [console] + phones
        wait_quiet(clients, args.quiet)
        subprocess.run(["callgrind_control", "--dump=setup", str(server.pid)], check=True, capture_output=True)
        before = sum(c.received for c in clients)
        topics = ["welders", "forklift drivers", "broadband", "child care", "housing", "export markets",
                  "permits", "apprenticeships", "trucking", "grants"]
        for n in range(args.notes):
            phone = phones[n % len(phones)]
            text = f"We need more {topics[n % len(topics)]} here, note {n} from shop {n % len(phones)}"
            phone.request({"type": "post", "id": f"bench-{n}", "text": text, "req": 100 + n}, 100 + n)
            wait_quiet(clients, args.quiet)
        deliveries = sum(c.received for c in clients) - before
        subprocess.run(["callgrind_control", "--dump=notes", str(server.pid)], check=True, capture_output=True)
        time.sleep(1)
        setup, notes = thread_totals(out, 1), thread_totals(out, 2)
        costs = self_costs(f"{out}.2-01")
    finally:
        server.stop()
    loop = notes.get(1, 0)
    others = sum(v for t, v in notes.items() if t != 1)
    result = {
        "phones": args.phones, "notes": args.notes, "model": not args.no_model,
        "deliveries": deliveries,
        "loop_instructions": loop,
        "loop_instructions_per_delivery": round(loop / max(1, deliveries)),
        "other_threads_instructions_per_note": round(others / max(1, args.notes)),
        "setup_loop_instructions": setup.get(1, 0),
        "binary": binary,
    }
    print(json.dumps(result))
    print(f"service loop: {result['loop_instructions_per_delivery']:,} instructions per delivery "
          f"({deliveries:,} deliveries for {args.notes} notes to {args.phones} phones and a console); "
          f"other threads (embedding, grouping, log writer): {result['other_threads_instructions_per_note']:,} per note")
    top = sorted(costs.items(), key=lambda kv: -kv[1])[:args.top]
    print(f"where the loop's instructions went during the notes (self cost, per delivery, top {args.top}):")
    for (name, cost), readable in zip(top, demangled([n for n, _ in top])):
        print(f"  {cost / max(1, deliveries):8.0f}  {100 * cost / max(1, loop):5.1f}%  {readable[:110]}")
    if args.keep:
        print(f"callgrind files kept: {out}.2-01 is the loop during the notes")
    else:
        bl.rmtree(data)


if __name__ == "__main__":
    main()
