#!/usr/bin/env python3
"""Service-loop CPU per posted note as a meeting's wall grows.

Posts notes into one meeting in batches (from up to 60 employer phones, each under the
60-notes limit, one post at a time per phone so the rate limit never bites), waits until
every note of the batch is acknowledged and grouping has settled, and reads the CPU time
of the server's main thread (the service loop, which also places notes on the wall) and
of its other threads over each batch. A server whose per-note work grows with the wall
shows it here: multiply by the notes per second a meeting posts to see when the loop
saturates (at 200 notes/s, a note may cost at most 5 ms of loop time, all fan-out included).

Usage: scripts/bench/placement_cost.py [--notes 3000] [--batch 250] [--chars 120] [--no-model]
"""
import argparse
import json
import os
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import benchlib as bl  # noqa: E402

from websockets.sync.client import connect  # noqa: E402

TEXTS = ["Drone makers are growing here", "We cannot find CNC machinists", "Second shift needs transit to the park",
         "Export help for small shops", "Apprenticeships with the community college", "Welding certification is slow",
         "Supply chain for aerospace parts", "Young people do not know these jobs exist", "Housing near the plants",
         "Shared maintenance training for mechanics", "Automation grants for small manufacturers",
         "Childcare for the early shift"]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--notes", type=int, default=3000)
    ap.add_argument("--batch", type=int, default=250)
    ap.add_argument("--chars", type=int, default=120)
    ap.add_argument("--no-model", action="store_true")
    args = ap.parse_args()
    bl.raise_file_limit()
    bl.wait_for_binary()
    data = bl.tempdir()
    (code, key), = bl.create_meetings(data, 1)
    server = bl.ConveneServer(data, extra=["--model-dir", "/nonexistent-model"] if args.no_model else []).start()
    print(f"grouping: {server.grouping}; {args.chars}-character notes; load {bl.loadavg()}")
    try:
        con = connect(server.url, subprotocols=["convene.v1"], max_size=None)
        con.send(json.dumps({"type": "hello", "code": code, "client": "console", "key": key}))
        con.recv()
        con.send(json.dumps({"type": "setPhase", "phase": "opportunities", "req": 1}))
        phones = []
        for i in range(60):
            ws = connect(server.url, subprotocols=["convene.v1"], max_size=None)
            ws.send(json.dumps({"type": "hello", "code": code, "client": "participant"}))
            ws.recv()
            ws.send(json.dumps({"type": "join", "req": 1, "name": f"Phone {i}", "organization": "Shop", "role": "employer"}))
            while json.loads(ws.recv()).get("req") != 1:
                pass
            phones.append(ws)
        print(f"{'notes on the wall':>18} {'loop ms/note':>13} {'other threads ms/note':>22} {'ack p50 ms':>11} {'ack max ms':>11}")
        posted = 0
        while posted < args.notes:
            n = min(args.batch, args.notes - posted)
            t0 = bl.thread_cpu_seconds(server.pid)
            acks = []
            for k in range(n):
                ws = phones[(posted + k) % len(phones)]
                text = f"{TEXTS[(posted + k) % len(TEXTS)]} ({posted + k}) "
                text = (text * (args.chars // len(text) + 1))[:args.chars]
                req = posted + k + 10
                t = time.perf_counter()
                ws.send(json.dumps({"type": "post", "req": req, "id": f"n{posted + k}", "text": text}))
                while True:
                    m = json.loads(ws.recv(timeout=120))
                    if m.get("req") == req:
                        break
                if m["type"] != "ack":
                    raise SystemExit(f"refused: {m}")
                acks.append(time.perf_counter() - t)
                # One phone's own event stream is not drained here; keep others' buffers small.
            posted += n
            # Let grouping (embedding, placement) of the batch finish: until the server idles.
            prev = bl.proc_cpu_seconds(server.pid)
            while True:
                time.sleep(0.3)
                now = bl.proc_cpu_seconds(server.pid)
                if now - prev < 0.02:
                    break
                prev = now
            t1 = bl.thread_cpu_seconds(server.pid)
            loop = t1.get("main loop", 0) - t0.get("main loop", 0)
            other = sum(v - t0.get(k, 0) for k, v in t1.items() if k != "main loop")
            acks.sort()
            print(f"{posted:18} {1000 * loop / n:13.2f} {1000 * other / n:22.2f} {1000 * acks[len(acks) // 2]:11.1f} "
                  f"{1000 * acks[-1]:11.1f}", flush=True)
            # Drain what the phones were sent, so no buffer fills.
            for ws in phones + [con]:
                try:
                    while True:
                        ws.recv(timeout=0)
                except TimeoutError:
                    pass
    finally:
        server.stop()
        bl.rmtree(data)


if __name__ == "__main__":
    main()
