#!/usr/bin/env python3
"""A minimal broadcast server to compare Convene against: Python `websockets` (asyncio).

It speaks just enough of protocol v1 for scripts/bench/loadgen.py to drive it the same
way as Convene: URL path `/ws`, subprotocol `convene.v1`; `hello` → `welcome` (a tiny
snapshot), `join` → `participantJoined` event + `ack` with `participant` and `token`,
`setPhase` → `phaseChanged` event + `ack`, `post`/`edit` → an `event` with the meeting's
next `seq` broadcast to every connection of the meeting, then the `ack`; `ping` → `pong`.
Any meeting code is accepted (the meeting is made on first sight); keys are not checked.

NO DURABILITY: nothing is written anywhere, nothing is validated beyond what the load
generator needs, there is no rate limiting and no slow-client protection. It is the
cheapest thing that does the same fan-out, i.e. a floor for what the fan-out costs in
Python, not a server anyone should run.

Usage: scripts/bench/peer_server.py --port 9000
"""
import argparse
import asyncio
import json
import secrets
import signal
import time


def dumps(obj):
    return json.dumps(obj, separators=(",", ":"))

from websockets.asyncio.server import broadcast, serve
from websockets.http11 import Response
from websockets.datastructures import Headers


class Meeting:
    def __init__(self, code):
        self.code = code
        self.id = "m" + secrets.token_hex(6)
        self.seq = 1                 # event 1 is "meetingCreated", as in Convene
        self.connections = set()
        self.participants = 0
        self.notes = {}              # id -> author
        self.phase = "welcome"


MEETINGS = {}


def now_ms():
    return int(time.time() * 1000)


def emit(meeting, event):
    meeting.seq += 1
    broadcast(meeting.connections, dumps({"type": "event", "seq": meeting.seq, "event": event}))
    return meeting.seq


async def handler(ws):
    meeting = None
    me = None          # participant id after join
    try:
        async for raw in ws:
            try:
                msg = json.loads(raw)
                kind = msg["type"]
            except Exception:
                await ws.send(dumps({"type": "error", "code": "bad_json", "message": "Not JSON."}))
                continue
            req = msg.get("req")
            if kind == "hello":
                code = str(msg.get("code", "")).upper().replace(" ", "").replace("-", "")
                if meeting is not None:
                    meeting.connections.discard(ws)
                meeting = MEETINGS.get(code)
                if meeting is None:
                    meeting = MEETINGS[code] = Meeting(code)
                # Written at once (broadcast does not yield), then the connection joins the
                # meeting: no event can overtake the welcome.
                broadcast([ws], dumps({
                    "type": "welcome", "protocol": 1, "serverTime": now_ms(), "meeting": meeting.id,
                    "client": msg.get("client", "participant"), "seq": meeting.seq, "you": None, "mode": "snapshot",
                    "snapshot": {"meeting": {"id": meeting.id, "code": code}, "phase": meeting.phase,
                                 "participants": [], "notes": [], "themes": []}}))
                meeting.connections.add(ws)
            elif kind == "ping":
                await ws.send(dumps({"type": "pong", "serverTime": now_ms()}))
            elif meeting is None:
                await ws.send(dumps({"type": "error", "req": req, "code": "not_ready", "message": "Say hello first."}))
            elif kind == "join":
                meeting.participants += 1
                me = f"p{meeting.participants}"
                seq = emit(meeting, {"type": "participantJoined", "at": now_ms(),
                                     "participant": {"id": me, "name": msg.get("name"),
                                                     "organization": msg.get("organization"), "role": msg.get("role")}})
                await ws.send(dumps({"type": "ack", "req": req, "seq": seq, "participant": me,
                                          "token": secrets.token_hex(16)}))
            elif kind == "setPhase":
                meeting.phase = msg.get("phase")
                seq = emit(meeting, {"type": "phaseChanged", "at": now_ms(), "phase": meeting.phase,
                                     "phaseStartedAt": now_ms(), "phaseMinutes": 45, "question": ""})
                await ws.send(dumps({"type": "ack", "req": req, "seq": seq}))
            elif kind == "post":
                nid = msg.get("id")
                if nid in meeting.notes:
                    await ws.send(dumps({"type": "ack", "req": req, "seq": meeting.seq, "note": nid,
                                              "duplicate": True}))
                    continue
                meeting.notes[nid] = me
                at = now_ms()
                seq = emit(meeting, {"type": "notePosted", "at": at, "note": {
                    "id": nid, "kind": "opportunity", "text": msg.get("text"), "author": me, "role": "employer",
                    "theme": None, "placedByHand": False, "hidden": False, "edited": False, "at": at}})
                await ws.send(dumps({"type": "ack", "req": req, "seq": seq, "note": nid}))
            elif kind == "edit":
                seq = emit(meeting, {"type": "noteEdited", "at": now_ms(), "note": msg.get("note"),
                                     "text": msg.get("text")})
                await ws.send(dumps({"type": "ack", "req": req, "seq": seq}))
            else:
                await ws.send(dumps({"type": "error", "req": req, "code": "unknown_type", "message": "Unknown."}))
    finally:
        if meeting is not None:
            meeting.connections.discard(ws)


def only_ws_path(connection, request):
    if request.path != "/ws":
        return Response(404, "Not Found", Headers([("Content-Length", "0")]), b"")
    return None


async def main(port):
    stop = asyncio.get_running_loop().create_future()
    for sig in (signal.SIGINT, signal.SIGTERM):
        asyncio.get_running_loop().add_signal_handler(sig, lambda: stop.done() or stop.set_result(None))
    async with serve(handler, "127.0.0.1", port, subprotocols=["convene.v1"], process_request=only_ws_path,
                     max_size=16384, compression=None, ping_interval=None, backlog=4096):
        print(f"peer serving on port {port}", flush=True)
        await stop


if __name__ == "__main__":
    ap = argparse.ArgumentParser()
    ap.add_argument("--port", type=int, default=9000)
    asyncio.run(main(ap.parse_args().port))
