"""Every byte from the network is hostile: each bad input gets a clear error, changes
nothing, and the server (and other meetings) keep serving."""
import base64
import http.client
import json
import os
import shutil
import socket
import struct
import tempfile
import time

import pytest
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus

from conftest import STATIC, Server, console_for, phone_for


def error_code(client, raw):
    client.send_raw(raw)
    msg = client.wait_for(lambda m: m["type"] == "error")
    assert msg["message"], "a sentence for the person"
    return msg["code"]


@pytest.mark.parametrize("raw,code", [
    ("{not json", "bad_json"),
    ('{"type":"ping"}garbage', "bad_json"),
    ("{'type':'ping'}", "bad_json"),
    ("", "bad_json"),
    ("[]", "bad_message"),
    ('"hello"', "bad_message"),
    ('{"type":"launchMissiles"}', "unknown_type"),
    ('{"type":42}', "bad_message"),
    ('{"type":"hello","code":123,"client":"wall"}', "bad_message"),
    ('{"type":"hello","code":"ABC234"}', "bad_message"),
    ('{"type":"post","id":"n1","text":["a"]}', "bad_message"),
    ('{"type":"post","id":"../../etc/passwd","text":"x"}', "bad_message"),
    ('{"type":"post","id":"n1","text":"' + "x" * 281 + '"}', "invalid"),
    ('{"type":"join","name":"K","organization":"A","role":"employer","consent":"yes"}', "bad_message"),
    ('{"type":"post","id":"n1","text":"x"}', "not_ready"),
    (json.dumps({"type": "hello", "code": "ZZZZZZ", "client": "wall"}), "unknown_meeting"),
    ("[" * 50 + "]" * 50, "bad_json"),
])
def test_bad_messages_get_clear_errors_and_change_nothing(server, raw, code):
    c = server.client()
    assert error_code(c, raw) == code
    # The connection still works afterwards.
    assert c.hello(server.meeting.code, "wall")["type"] == "welcome"
    assert c.welcome["seq"] == 1, "nothing was stored"


def test_json_that_json_c_would_misread_is_refused_and_the_client_hears_back(server):
    """A key twice (json-c keeps the last: a 'ping' that runs as a 'post'), NaN, a lone
    surrogate, a number beyond 64 bits: refused as bad_json with nothing stored; the `req` is
    echoed when it can still be read, so a client waiting on it is answered — but not a number
    json-c would have clamped."""
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    phone = phone_for(server, "Karen")
    before = console_for(server).welcome["seq"]
    for raw, req in [
        ('{"type":"ping","req":7,"type":"post","id":"dup1","text":"sneaked in"}', 7),
        ('{"type":"post","req":"r8","id":"n8","text":"first","text":"second"}', "r8"),
        ('{"type":"post","req":9,"id":"n9","text":"lone \\ud800 surrogate"}', 9),
        ('{"type":"post","req":10,"id":"n10","text":"x","weight":NaN}', 10),
        ('{"type":"post","req":18446744073709551616,"id":"n11","text":"x"}', None),
    ]:
        phone.send_raw(raw)
        msg = phone.wait_for(lambda m: m["type"] == "error")
        assert msg["code"] == "bad_json" and msg.get("req") == req, (raw, msg)
    assert console_for(server).welcome["seq"] == before, "nothing was stored"
    assert phone.post("Still here")["type"] == "ack", "the connection keeps working"


def test_wrong_types_inside_a_meeting(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    phone = phone_for(server, "Karen")
    for msg, code in [
        ({"type": "post", "id": "n1", "text": 5}, "bad_message"),
        ({"type": "post", "id": "n1", "text": "   "}, "invalid"),
        ({"type": "post", "id": "n1", "text": "bell\u0007"}, "invalid"),
        ({"type": "edit", "note": "nope", "text": "x"}, "not_found"),
        ({"type": "champion", "theme": "t99"}, "phase_closed"),
        ({"type": "join", "name": "Again", "organization": "X", "role": "employer"}, "conflict"),
        ({"type": "hideNote", "note": "n1"}, "forbidden"),
    ]:
        reply = phone.command(msg)
        assert reply["type"] == "error" and reply["code"] == code, (msg, reply)
    for msg, code in [
        ({"type": "moveNote", "note": "missing", "theme": None}, "not_found"),
        ({"type": "setPhase", "phase": "party"}, "bad_message"),
        ({"type": "setNextSteps", "nextMeetingDate": "soon"}, "invalid"),
        ({"type": "updateMeeting", "timeboxes": {"opportunities": 0}}, "invalid"),
    ]:
        reply = console.command(msg)
        assert reply["type"] == "error" and reply["code"] == code, (msg, reply)


def test_html_and_script_are_stored_as_typed(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    evil = '<img src=x onerror=alert(1)><script>alert("x")</script> & "quotes" \u2028'
    phone = phone_for(server, '<b>Mallory</b>', organization="<i>Evil</i> & Co")
    assert phone.post(evil)["type"] == "ack"
    snap = console_for(server).welcome["snapshot"]
    assert snap["notes"][0]["text"] == evil
    assert snap["participants"][0]["name"] == "<b>Mallory</b>"


def test_a_1_mb_message_is_cut_off_and_others_keep_serving(server):
    bystander = phone_for(server, "Paul")
    big = server.client()
    big.hello(server.meeting.code, "wall")
    # The server stops reading at 16 KiB and closes (1009): the client either gets the close
    # frame or, still writing its megabyte, finds the connection gone.
    with pytest.raises((ConnectionClosed, OSError)) as info:
        big.send_raw('{"type":"ping","pad":"' + "x" * (1024 * 1024) + '"}')
        big.wait_for(lambda m: False, timeout=5)
    if isinstance(info.value, ConnectionClosed) and info.value.rcvd is not None:
        assert info.value.rcvd.code == 1009
    bystander.send({"type": "ping"})
    assert bystander.wait_for(lambda m: m["type"] == "pong")
    assert server.proc.poll() is None


def test_a_just_too_big_message_is_refused_but_the_limit_itself_passes(server):
    c = server.client()
    c.hello(server.meeting.code, "wall")
    base = '{"type":"ping","pad":""}'
    fits = base.replace('""', '"' + "x" * (16384 - len(base)) + '"')
    assert len(fits.encode()) == 16384
    c.send_raw(fits)
    assert c.wait_for(lambda m: m["type"] == "pong")
    c.send_raw(fits.replace('"x', '"xx'))
    with pytest.raises(ConnectionClosed) as info:
        c.wait_for(lambda m: False, timeout=5)
    assert info.value.rcvd.code == 1009


def test_flood_is_rate_limited_and_others_are_unaffected(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    flooder = phone_for(server, "Flood")
    calm = phone_for(server, "Calm")
    for i in range(500):
        flooder.send({"type": "post", "id": f"f{i}", "text": f"spam {i}"})
    limited = flooder.wait_for(lambda m: m["type"] == "error" and m["code"] == "rate_limited", timeout=10)
    assert "too fast" in limited["message"]
    assert calm.post("Still heard")["type"] == "ack"
    flooder.drain(0.5)
    accepted = [m for m in flooder.messages if m["type"] == "ack"]
    assert 30 <= len(accepted) <= 80, f"about the burst allowance got through, not all 500 ({len(accepted)})"


def test_binary_frames_are_refused(server):
    c = server.client()
    c.ws.send(b"\x00\x01binary")
    with pytest.raises(ConnectionClosed) as info:
        c.wait_for(lambda m: False, timeout=5)
    assert info.value.rcvd.code == 1003


def test_handshake_without_our_subprotocol_or_on_another_path_is_refused(server):
    with pytest.raises((InvalidHandshake, InvalidStatus, ConnectionClosed, OSError, EOFError)):
        c = server.client(subprotocols=None)
        c.hello(server.meeting.code, "wall")
    with pytest.raises((InvalidHandshake, InvalidStatus, ConnectionClosed, OSError, EOFError)):
        c = server.client(subprotocols=("chat",))
        c.hello(server.meeting.code, "wall")
    from conftest import Client
    with pytest.raises((InvalidHandshake, InvalidStatus, ConnectionClosed, OSError, EOFError)):
        c = Client(f"ws://127.0.0.1:{server.port}/elsewhere")
        c.hello(server.meeting.code, "wall")
    # And the server is fine.
    assert server.client().hello(server.meeting.code, "wall")["type"] == "welcome"


def http_get(port, path, method="GET"):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=5)
    conn.putrequest(method, path, skip_accept_encoding=True)
    conn.endheaders()
    r = conn.getresponse()
    body = r.read()
    conn.close()
    return r.status, dict((k.lower(), v) for k, v in r.getheaders()), body


def test_static_files_cannot_escape_the_pages_folder(data_dir):
    static = tempfile.mkdtemp(prefix="convene-static-")
    try:
        shutil.copy(os.path.join(STATIC, "index.html"), static)
        os.symlink("/etc/passwd", os.path.join(static, "passwd.txt"))
        os.symlink("/etc", os.path.join(static, "etc"))
        s = Server(data_dir, static_dir=static)
        s.create_meeting()
        s.start()
        try:
            status, headers, body = http_get(s.port, "/index.html")
            assert status == 200 and b"<html" in body.lower()
            assert "default-src 'self'" in headers["content-security-policy"]
            assert headers["x-content-type-options"] == "nosniff"
            for path in ["/passwd.txt", "/etc/passwd", "/../../etc/passwd", "/%2e%2e/%2e%2e/etc/passwd",
                         "/..%2f..%2fetc%2fpasswd", "/index.html/../../../etc/passwd", "//etc/passwd",
                         "/%252e%252e/etc/passwd", "/.git/config"]:
                status, _, body = http_get(s.port, path)
                assert b"root:" not in body, path
                assert status in (400, 403, 404), (path, status)
            assert http_get(s.port, "/index.html", method="POST")[0] in (400, 405)
            assert http_get(s.port, "/healthz")[0] == 200
        finally:
            s.stop()
    finally:
        shutil.rmtree(static, ignore_errors=True)


# ---- Raw sockets: what a browser never does, but a hostile or broken client may ----


def open_fds(pid):
    return len(os.listdir(f"/proc/{pid}/fd"))


def rss_mb(pid):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


def raw_websocket(port, rcvbuf=None):
    """A WebSocket opened by hand on a plain socket (optionally with a tiny receive buffer,
    so that a client that stops reading is felt by the server at once)."""
    s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    if rcvbuf:
        s.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, rcvbuf)
    s.settimeout(5)
    s.connect(("127.0.0.1", port))
    key = base64.b64encode(os.urandom(16)).decode()
    s.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
               f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: convene.v1\r\n\r\n").encode())
    head = b""
    while b"\r\n\r\n" not in head:
        chunk = s.recv(1)
        assert chunk, "the server closed during the handshake"
        head += chunk
    assert head.startswith(b"HTTP/1.1 101"), head
    return s


def client_frame(text):
    """One masked text frame, as clients must send."""
    payload = text.encode()
    mask = os.urandom(4)
    n = len(payload)
    header = bytes([0x81]) + (bytes([0x80 | n]) if n < 126 else bytes([0x80 | 126]) + struct.pack("!H", n))
    return header + mask + bytes(b ^ mask[i % 4] for i, b in enumerate(payload))


def test_a_handshake_flood_does_not_stop_the_meeting(server):
    pid = server.proc.pid
    before = open_fds(pid)
    flood = []
    try:
        for i in range(300):
            s = socket.create_connection(("127.0.0.1", server.port), timeout=5)
            if i % 3 == 1:
                s.sendall(b"GET /ws HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n")  # never finished
            elif i % 3 == 2:
                s.sendall(os.urandom(200))  # not HTTP at all
            flood.append(s)
        silent = [raw_websocket(server.port) for _ in range(100)]  # upgraded, never a word
        flood += silent
        # The room goes on meanwhile.
        console = console_for(server)
        console.command({"type": "setPhase", "phase": "opportunities"})
        phone = phone_for(server, "Karen")
        assert phone.post("Still heard during the flood")["type"] == "ack"
    finally:
        for s in flood:
            s.close()
    # Every socket of the flood is let go: no descriptor leaks.
    deadline = time.time() + 15
    while open_fds(pid) > before + 5 and time.time() < deadline:
        time.sleep(0.2)
    assert open_fds(pid) <= before + 5, (before, open_fds(pid))


def test_a_client_that_stops_reading_costs_little_and_others_are_not_slowed(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    for p in range(6):
        phone = phone_for(server, f"Employer {p}")
        for i in range(25):
            time.sleep(0.05)  # within the per-connection rate limit, and each person's burst
            assert phone.post((f"Phone {p} note {i}: " + "shared training for machinists and welders " * 7)[:280])["type"] == "ack"
    pid = server.proc.pid
    rss_before = rss_mb(pid)

    # It asks for the wall's snapshot (≈ 60 KB) forty times and reads none of it.
    slow = raw_websocket(server.port, rcvbuf=4096)
    hello = client_frame(json.dumps({"type": "hello", "code": server.meeting.code, "client": "wall"}))
    slow.sendall(hello * 40)

    calm = phone_for(server, "Calm")
    started = time.time()
    assert calm.post("Others are served as usual")["type"] == "ack"
    assert time.time() - started < 2, "a slow reader delayed another phone"

    # Hellos are limited to about one a second per connection (a burst of 5), so forty
    # hellos cost five snapshots, not forty: the server never queues megabytes for it.
    time.sleep(2)
    slow.settimeout(3)
    received = 0
    try:
        while True:
            chunk = slow.recv(65536)
            if not chunk:
                break
            received += len(chunk)
    except (TimeoutError, ConnectionResetError):
        pass
    finally:
        slow.close()
    assert received < 6 * 80_000, f"the server queued {received} bytes for forty hellos"
    assert rss_mb(pid) - rss_before < 30, (rss_before, rss_mb(pid))
