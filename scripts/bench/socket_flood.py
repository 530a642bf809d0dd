#!/usr/bin/env python3
"""One laptop on the venue Wi-Fi opens sockets to the server and never sends a request.

Starts `convene serve` (bound to every interface), creates a meeting, then opens up to
`--sockets` TCP connections from this machine's non-loopback address (as a laptop in the
room would: loopback is where a reverse proxy sits and is never capped). While they are
held, a phone from another address (this machine's IPv6 address if it has one, else
loopback) and the wall (loopback) each load their page and say hello; the script prints how
many of the flood's sockets the server kept, how long the phone and the wall took (or that
they failed), and the server's descriptors and peak memory.

Usage (compare two builds side by side):
  scripts/bench/socket_flood.py --bin .build/release/convene --sockets 19000 --server-files 10000
  scripts/bench/socket_flood.py --bin /tmp/base/convene --sockets 19000 --server-files 10000
"""
import argparse
import json
import os
import re
import resource
import shutil
import socket
import subprocess
import tempfile
import time
import urllib.request

from websockets.sync.client import connect

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def local_address(family, far):
    """This machine's address of `family` that is not loopback, or None."""
    probe = socket.socket(family, socket.SOCK_DGRAM)
    try:
        probe.connect((far, 9))  # no packet is sent: this only picks a route
        address = probe.getsockname()[0]
    except OSError:
        return None
    finally:
        probe.close()
    return None if address.startswith("127.") or address == "::1" else address


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def visit(host, port, code, client, timeout):
    """Loads the page and says hello over the WebSocket; seconds taken, or the error."""
    start = time.perf_counter()
    try:
        page = "wall.html" if client == "wall" else "phone.html"
        with urllib.request.urlopen(f"http://{host}:{port}/{page}", timeout=timeout) as r:
            r.read()
        ws = connect(f"ws://{host}:{port}/ws", subprotocols=["convene.v1"], open_timeout=timeout)
        ws.send(json.dumps({"type": "hello", "code": code, "client": client}))
        reply = json.loads(ws.recv(timeout=timeout))
        ws.close()
        if reply["type"] != "welcome":
            return f"refused: {reply}"
        return f"{time.perf_counter() - start:.2f} s"
    except Exception as e:  # noqa: BLE001 — what failed is the figure
        return f"failed after {time.perf_counter() - start:.1f} s ({type(e).__name__})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--bin", default=os.path.join(ROOT, ".build/release/convene"))
    ap.add_argument("--sockets", type=int, default=19000)
    ap.add_argument("--timeout", type=float, default=10)
    ap.add_argument("--server-files", type=int, default=0,
                    help="the server's limit on open files (0: as inherited); below the flood's size the flood reaches it")
    args = ap.parse_args()
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    resource.setrlimit(resource.RLIMIT_NOFILE, (hard, hard))
    other = local_address(socket.AF_INET, "192.0.2.1")
    if not other:
        raise SystemExit("this machine has no IPv4 address but loopback: the flood would not be capped")
    v6 = local_address(socket.AF_INET6, "2001:db8::1")
    phone_host = f"[{v6}]" if v6 else "127.0.0.1"
    port = free_port()
    data = tempfile.mkdtemp(prefix="convene-flood-")
    out = subprocess.run([args.bin, "meeting", "create", "--title", "Flood test", "--industry", "Logistics",
                          "--region", "the Inland Port region", "--data", data], check=True, capture_output=True, text=True).stdout
    code = re.search(r"Join code:\s+(\S+)", out).group(1)
    server = subprocess.Popen([args.bin, "serve", "--port", str(port), "--data", data, "--static-dir",
                               os.path.join(ROOT, "web-static"), "--model-dir", os.path.join(ROOT, "models", "all-MiniLM-L6-v2")],
                              stdout=subprocess.DEVNULL, stderr=open(os.path.join(data, "server.log"), "w"),
                              preexec_fn=(lambda: resource.setrlimit(resource.RLIMIT_NOFILE, (args.server_files, args.server_files)))
                              if args.server_files else None)
    held = []
    try:
        time.sleep(3)
        start = time.perf_counter()
        for _ in range(args.sockets):
            s = socket.socket()
            s.settimeout(2)
            try:
                s.connect((other, port))
            except OSError:
                s.close()
                break
            held.append(s)
        opened = time.perf_counter() - start
        time.sleep(1)
        kept = 0
        for s in held:
            s.setblocking(False)
            try:
                kept += s.recv(1) != b""
            except BlockingIOError:
                kept += 1
            except OSError:
                pass
        fds = len(os.listdir(f"/proc/{server.pid}/fd"))
        phone = visit(phone_host, port, code, "participant", args.timeout)
        wall = visit("127.0.0.1", port, code, "wall", args.timeout)
        if server.poll() is not None:
            raise SystemExit(f"the server exited ({server.returncode}): " + open(os.path.join(data, "server.log")).read()[-2000:])
        status = open(f"/proc/{server.pid}/status").read()
        peak = int(re.search(r"VmHWM:\s+(\d+)", status).group(1)) / 1024
        print(f"{args.bin}: flood of {len(held)} sockets from {other} opened in {opened:.1f} s; "
              f"the server kept {kept} open ({fds} descriptors); a phone from {phone_host}: {phone}; "
              f"the wall: {wall}; server peak RSS {peak:.1f} MB")
    finally:
        for s in held:
            s.close()
        server.terminate()
        server.wait(timeout=10)
        shutil.rmtree(data, ignore_errors=True)


if __name__ == "__main__":
    main()
