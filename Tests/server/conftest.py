"""Real-parts harness: a real `convene serve` process on a loopback port with its own
SQLite data directory, and real WebSocket clients."""
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import tempfile
import time
import uuid

import pytest
from websockets.sync.client import connect

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
BIN = os.environ.get("CONVENE_BIN", os.path.join(ROOT, ".build", "debug", "convene"))
STATIC = os.path.join(ROOT, "web-static")


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Meeting:
    def __init__(self, code, key):
        self.code, self.key = code, key


def parse_links(text):
    codes = re.findall(r"Join code:\s+([A-Z0-9]{6})", text)
    keys = re.findall(r"#key=([0-9a-f]{32})", text)
    return [Meeting(c, k) for c, k in zip(codes, keys)]


class Server:
    """A convene server process. `start()` again after `kill()` restarts on the same data."""

    def __init__(self, data_dir, static_dir=STATIC, extra_args=()):
        self.data = data_dir
        self.static = static_dir
        self.port = free_port()
        self.proc = None
        self.extra = list(extra_args)
        self.scheme = "ws"

    def create_meeting(self, title="Region X Light Manufacturing", industry="Light manufacturing", region="Region X"):
        out = subprocess.run([BIN, "meeting", "create", "--title", title, "--industry", industry, "--region", region,
                              "--data", self.data, "--public-url", f"http://127.0.0.1:{self.port}"],
                             check=True, capture_output=True, text=True).stdout
        return parse_links(out)[0]

    def start(self, wait_for="Convene is serving"):
        self.log_path = self.data.rstrip("/") + "-server.log"
        self.log = open(self.log_path, "ab")
        self.proc = subprocess.Popen([BIN, "serve", "--port", str(self.port), "--bind", "127.0.0.1", "--data", self.data,
                                      "--static-dir", self.static, "--public-url", f"http://127.0.0.1:{self.port}",
                                      "--model-dir", os.path.join(ROOT, "models", "all-MiniLM-L6-v2"), "--print-keys"] + self.extra,
                                     stdout=subprocess.PIPE, stderr=self.log)
        self.output = ""
        deadline = time.time() + 30
        while time.time() < deadline:
            line = self.proc.stdout.readline().decode()
            if not line:
                raise RuntimeError(f"server exited: {self.output}")
            self.output += line
            if wait_for in line:
                return self
        raise RuntimeError("server did not start")

    def kill(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGKILL)
            self.proc.wait()

    def stop(self):
        if self.proc and self.proc.poll() is None:
            self.proc.send_signal(signal.SIGTERM)
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.kill()

    @property
    def url(self):
        return f"{self.scheme}://127.0.0.1:{self.port}/ws"

    def client(self, **kw):
        return Client(self.url, **kw)


class Client:
    """A WebSocket client that speaks protocol v1 and keeps the meeting's event stream."""

    def __init__(self, url, subprotocols=("convene.v1",), ssl=None, headers=None):
        self.ws = connect(url, subprotocols=list(subprotocols) if subprotocols else None, max_size=None,
                          open_timeout=10, ssl=ssl, close_timeout=2, additional_headers=headers)
        self.events = []       # (seq, event) in arrival order
        self.messages = []     # every other message
        self.req = 0
        self.seq = 0
        self.token = None
        self.participant = None
        self.welcome = None

    def send_raw(self, data):
        self.ws.send(data)

    def send(self, msg):
        self.ws.send(json.dumps(msg))

    def recv(self, timeout=5):
        msg = json.loads(self.ws.recv(timeout=timeout))
        if msg["type"] == "event":
            self.events.append((msg["seq"], msg["event"]))
            self.seq = max(self.seq, msg["seq"])
        else:
            self.messages.append(msg)
        return msg

    def wait_for(self, predicate, timeout=5):
        deadline = time.time() + timeout
        while True:
            remaining = deadline - time.time()
            if remaining <= 0:
                raise TimeoutError("no matching message")
            msg = self.recv(timeout=remaining)
            if predicate(msg):
                return msg

    def hello(self, code, client="participant", key=None, token=None, since=None):
        m = {"type": "hello", "code": code, "client": client}
        if key is not None:
            m["key"] = key
        if token is not None:
            m["token"] = token
        if since is not None:
            m["since"] = since
        self.send(m)
        msg = self.wait_for(lambda m: m["type"] in ("welcome", "error"))
        if msg["type"] == "welcome":
            self.welcome = msg
            self.seq = msg["seq"]
        return msg

    def command(self, msg, timeout=5):
        """Sends a command with a fresh req; returns its ack or error."""
        self.req += 1
        req = self.req
        self.send(dict(msg, req=req))
        return self.wait_for(lambda m: m["type"] in ("ack", "error") and m.get("req") == req, timeout)

    def join(self, name, organization=None, role="employer", email=None, consent=False, language=None):
        msg = {"type": "join", "name": name, "organization": organization or f"{name} Co", "role": role}
        if language:
            msg["language"] = language
        if email:
            msg["email"] = email
            msg["consent"] = consent
        ack = self.command(msg)
        assert ack["type"] == "ack", ack
        self.token, self.participant = ack["token"], ack["participant"]
        return ack

    def post(self, text, note_id=None, **extra):
        return self.command(dict({"type": "post", "id": note_id or "n-" + uuid.uuid4().hex[:12], "text": text}, **extra))

    def drain(self, quiet=0.3):
        """Reads until nothing arrives for `quiet` seconds."""
        try:
            while True:
                self.recv(timeout=quiet)
        except TimeoutError:
            pass

    def close(self):
        try:
            self.ws.close()
        except Exception:
            pass


@pytest.fixture
def data_dir():
    d = tempfile.mkdtemp(prefix="convene-test-")
    yield d
    shutil.rmtree(d, ignore_errors=True)


@pytest.fixture
def server(data_dir):
    s = Server(data_dir)
    s.meeting = s.create_meeting()
    s.start()
    yield s
    s.stop()


def console_for(server, meeting=None):
    m = meeting or server.meeting
    c = server.client()
    assert c.hello(m.code, "console", key=m.key)["type"] == "welcome"
    return c


def phone_for(server, name, meeting=None, **kw):
    m = meeting or server.meeting
    c = server.client()
    assert c.hello(m.code)["type"] == "welcome"
    c.join(name, **kw)
    return c


def wait_until_placed(server, ids, timeout=20):
    """Waits until the clustering has placed every note in `ids`; returns the notes by id."""
    deadline = time.time() + timeout
    while time.time() < deadline:
        notes = {n["id"]: n for n in console_for(server).welcome["snapshot"]["notes"]}
        # Placed: the clustering has decided (a theme, or Unsorted for a note that fits nowhere yet).
        if all(notes.get(i, {}).get("placed") for i in ids):
            return notes
        time.sleep(0.2)
    raise AssertionError("notes were not placed on the wall in time")


# A 25-note opportunities phase in four clear topics, interleaved as a room posts: the
# console's board tests (browser) and the proposal tests (real server) use the same wall.
FOUR_TOPICS = {
    "welding": ["We cannot find certified welders", "Welding apprenticeships with the college", "Our welders retire in five years",
                "Weld inspectors are scarce", "Teach welding in high schools", "Pay welders while they train"],
    "broadband": ["Broadband at the industrial park is too slow", "Fiber to the rural plants", "Internet outages stop our machines",
                  "Wi-Fi for the shop floor sensors", "Broadband grants for small manufacturers", "Upload speeds for CAD files"],
    "transport": ["Trucks wait hours at the rail crossing", "A bus line to the industrial park", "Truck drivers with a CDL are scarce",
                  "Road repairs on the plant access road", "Freight rail spur for heavy parts", "Shuttle for second shift workers"],
    "permits": ["Faster permits for plant expansions", "One office for all building permits", "Zoning for new industrial land",
                "Environmental reviews take a year", "Permit fees are too high", "Online permit tracking", "Inspectors who know factories"],
}
FOUR_TOPICS_NOTES = [n for trio in zip(*FOUR_TOPICS.values()) for n in trio] + FOUR_TOPICS["permits"][6:]
