#!/usr/bin/env python3
"""Group commit benchmark: durable events per second with and without group commit.

Starts the release server twice on a fresh data directory — once as shipped (group
commit), once with `--commit-batch-limit 1` (one transaction and fsync per event) — and
drives both with the same load: M meetings x N phones, each phone editing its own note
as fast as acknowledgements come back (within the 20 messages/s rate limit). Reports
acknowledged events per second and acknowledgement latency (p50/p99), side by side.

Usage: scripts/bench/commit_throughput.py [--meetings 20] [--phones 5] [--seconds 8]
"""
import argparse
import asyncio
import json
import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import time

import websockets

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("CONVENE_BIN", os.path.join(ROOT, ".build", "release", "convene"))


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_server(data, port, extra):
    proc = subprocess.Popen([BIN, "serve", "--data", data, "--port", str(port), "--bind", "127.0.0.1",
                             "--static-dir", os.path.join(ROOT, "web-static")] + extra,
                            stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    while True:
        line = proc.stdout.readline().decode()
        if not line:
            raise RuntimeError("server did not start")
        if "Convene is serving" in line:
            return proc


async def phone(url, code, key_console, stop_at, latencies, counter, index):
    async with websockets.connect(url, subprotocols=["convene.v1"], max_size=None) as ws:
        await ws.send(json.dumps({"type": "hello", "code": code, "client": "participant"}))
        pending = {}

        async def request(msg):
            req = len(pending) + 1 + counter["req"]
            counter["req"] += 1
            msg["req"] = req
            t = time.perf_counter()
            await ws.send(json.dumps(msg))
            while True:
                m = json.loads(await ws.recv())
                if m.get("req") == req:
                    return m, time.perf_counter() - t

        await request({"type": "join", "name": f"Employer {index}", "organization": "Bench Co", "role": "employer"})
        note = f"bench-{index}"
        reply, _ = await request({"type": "post", "id": note, "text": "A note being edited"})
        i = 0
        while time.perf_counter() < stop_at:
            i += 1
            reply, dt = await request({"type": "edit", "note": note, "text": f"edit {i}"})
            if reply["type"] == "ack":
                latencies.append(dt)
            elif reply.get("code") == "rate_limited":
                await asyncio.sleep(0.05)


async def drive(port, meetings, phones, seconds):
    url = f"ws://127.0.0.1:{port}/ws"
    # Open the opportunities phase in each meeting from its console.
    for code, key in meetings:
        async with websockets.connect(url, subprotocols=["convene.v1"]) as ws:
            await ws.send(json.dumps({"type": "hello", "code": code, "client": "console", "key": key}))
            await ws.recv()
            await ws.send(json.dumps({"type": "setPhase", "phase": "opportunities", "req": 1}))
            while json.loads(await ws.recv()).get("req") != 1:
                pass
    latencies, counter = [], {"req": 0}
    start = time.perf_counter()
    stop_at = start + seconds
    cpu0 = time.process_time()
    await asyncio.gather(*[phone(url, code, key, stop_at, latencies, counter, i * 1000 + j)
                           for i, (code, key) in enumerate(meetings) for j in range(phones)])
    elapsed = time.perf_counter() - start
    return latencies, elapsed, (time.process_time() - cpu0) / elapsed


def run(label, extra, args):
    data = tempfile.mkdtemp(prefix="convene-bench-")
    meetings = []
    for i in range(args.meetings):
        out = subprocess.run([BIN, "meeting", "create", "--title", f"Bench {i}", "--industry", "Bench", "--region", "Loopback",
                              "--data", data], check=True, capture_output=True, text=True).stdout
        meetings.append((re.search(r"Join code:\s+(\w+)", out).group(1), re.search(r"#key=(\w+)", out).group(1)))
    port = free_port()
    proc = start_server(data, port, extra)
    try:
        latencies, elapsed, gen_cpu = asyncio.run(drive(port, meetings, args.phones, args.seconds))
    finally:
        proc.terminate()
        proc.wait()
        shutil.rmtree(data, ignore_errors=True)
    latencies.sort()
    return {
        "label": label, "events_per_s": len(latencies) / elapsed,
        "p50_ms": 1000 * latencies[len(latencies) // 2], "p99_ms": 1000 * latencies[int(len(latencies) * 0.99)],
        "generator_cpu": gen_cpu,
    }


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--meetings", type=int, default=20)
    ap.add_argument("--phones", type=int, default=5)
    ap.add_argument("--seconds", type=float, default=8)
    args = ap.parse_args()
    rows = [run("group commit (as shipped)", [], args), run("one transaction per event", ["--commit-batch-limit", "1"], args)]
    print(f"{args.meetings} meetings x {args.phones} phones, {args.seconds:.0f} s each, edits acknowledged only when durable")
    print(f"{'mode':28} {'events/s':>9} {'ack p50 ms':>11} {'ack p99 ms':>11} {'generator CPU':>14}")
    for r in rows:
        print(f"{r['label']:28} {r['events_per_s']:9.0f} {r['p50_ms']:11.2f} {r['p99_ms']:11.2f} {100 * r['generator_cpu']:13.0f}%")
    print(f"ratio: {rows[0]['events_per_s'] / rows[1]['events_per_s']:.2f}x events/s")


if __name__ == "__main__":
    main()
