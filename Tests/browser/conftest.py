"""End-to-end harness for the three screens: a real `convene serve` process (the Server class
of Tests/server/conftest.py) and real headless Chromium windows driven by selenium, one
browser process per screen so that every phone has its own localStorage.

Browsers are pooled for the whole session (starting Chromium costs about a second); each
test gets them clean: blank page, network back on, its own viewport. Screenshots go to
test-output/screenshots/<test>/."""
import contextlib
import importlib.util
import os
import re
import shutil
import tempfile
import time

import pytest

os.environ.setdefault("SE_OFFLINE", "true")  # selenium-manager must not try the network

from selenium import webdriver  # noqa: E402
from selenium.webdriver.chrome.service import Service  # noqa: E402

from pages import Console, Meetings, Phone, Wall  # noqa: E402

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.abspath(os.path.join(HERE, "..", ".."))
SCREENSHOTS = os.path.join(ROOT, "test-output", "screenshots")
CHROMIUM = os.environ.get("CONVENE_CHROMIUM", "/usr/bin/chromium")
CHROMEDRIVER = os.environ.get("CONVENE_CHROMEDRIVER", "/usr/bin/chromedriver")

# The real-server harness, loaded under its own name (both files are called conftest.py).
_spec = importlib.util.spec_from_file_location("convene_server_harness", os.path.join(ROOT, "Tests", "server", "conftest.py"))
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)

CHROME_ARGS = [
    "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu", "--no-first-run",
    "--disable-extensions", "--disable-background-networking", "--mute-audio", "--lang=en-US",
]


def new_driver():
    options = webdriver.ChromeOptions()
    for arg in CHROME_ARGS:
        options.add_argument(arg)
    options.binary_location = CHROMIUM
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    # A dialog must stay open so a test can see it (an alert from injected markup is a failure).
    options.set_capability("unhandledPromptBehavior", "ignore")
    return webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))


class BrowserPool:
    def __init__(self):
        self.free = []
        self.all = []

    def take(self):
        if self.free:
            return self.free.pop()
        d = new_driver()
        self.all.append(d)
        return d

    def give_back(self, d):
        if getattr(d, "convene_languages", None):
            # A browser told to prefer other languages is not handed to the next test.
            return self.drop(d)
        try:
            for ident in getattr(d, "convene_preloads", []):
                d.execute_cdp_cmd("Page.removeScriptToEvaluateOnNewDocument", {"identifier": ident})
            d.convene_preloads = []
            d.execute_cdp_cmd("Network.emulateNetworkConditions",
                              {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1})
            d.get("about:blank")
            d.get_log("browser")
            self.free.append(d)
        except Exception:
            self.drop(d)

    def drop(self, d):
        try:
            d.quit()
        except Exception:
            pass
        if d in self.all:
            self.all.remove(d)

    def close(self):
        for d in list(self.all):
            self.drop(d)


@pytest.fixture(scope="session")
def pool():
    p = BrowserPool()
    yield p
    p.close()


def wait_for_binary(timeout=300):
    """The binary may be rebuilt under us by another engineer: wait until it is back."""
    deadline = time.time() + timeout
    while not (os.path.isfile(harness.BIN) and os.access(harness.BIN, os.X_OK)):
        if time.time() > deadline:
            pytest.fail(f"no convene binary at {harness.BIN}")
        time.sleep(1)


@contextlib.contextmanager
def meeting_server(data, extra_args=(), scheme="http"):
    """A server of a test module's own (TLS, e-mail): started with `extra_args`, one meeting made."""
    s = harness.Server(data, extra_args=list(extra_args))
    s.meeting = s.create_meeting(title="Region X Light Manufacturing Sector Partnership")
    s.start()
    s.http = f"{scheme}://127.0.0.1:{s.port}"
    try:
        yield s
    finally:
        s.stop()


@pytest.fixture
def server():
    wait_for_binary()
    data = tempfile.mkdtemp(prefix="convene-browser-")
    s = harness.Server(data)
    for attempt in range(3):
        try:
            s.meeting = s.create_meeting(title="Region X Light Manufacturing Sector Partnership")
            s.start()
            break
        except Exception:
            # A binary replaced between the check and the start: wait and try again.
            if attempt == 2:
                raise
            time.sleep(3)
            wait_for_binary()
    s.http = f"http://127.0.0.1:{s.port}"
    yield s
    s.stop()
    shutil.rmtree(data, ignore_errors=True)
    try:
        os.remove(s.log_path)
    except OSError:
        pass


@pytest.fixture
def screens(request, pool, server):
    """Opens screens on the test's server: screens.phone(), screens.wall(), screens.console()."""
    test_dir = os.path.join(SCREENSHOTS, re.sub(r"[^A-Za-z0-9_.-]+", "_", request.node.name))
    shutil.rmtree(test_dir, ignore_errors=True)
    os.makedirs(test_dir, exist_ok=True)
    opened = Screens(pool, server, test_dir)
    yield opened
    failures = []
    for screen in opened.all:
        try:
            screen.shot("end")
            failures += [f"{screen.name}: {e['message']}" for e in screen.js_errors()]
        except Exception as e:  # a browser that died is reported by the test itself
            failures.append(f"{screen.name}: could not inspect the page at the end ({e.__class__.__name__})")
    for screen in opened.all:
        pool.give_back(screen.driver)
    assert not failures, "uncaught errors in the pages:\n" + "\n".join(failures)


class Screens:
    def __init__(self, pool, server, shot_dir):
        self.pool, self.server, self.shot_dir = pool, server, shot_dir
        self.all = []
        self.counter = [0]
        self.preload = None  # a script run in every page of screens opened from now on, before the page's own

    def _open(self, cls, name, languages=None, **kw):
        driver = self.pool.take()
        driver.get_log("browser")  # what an earlier test left
        if languages:
            # The phone's language settings ("es-MX,es"): what the browser sends as
            # Accept-Language and shows the page as navigator.languages.
            agent = driver.execute_script("return navigator.userAgent;")
            driver.execute_cdp_cmd("Emulation.setUserAgentOverride", {"userAgent": agent, "acceptLanguage": languages})
            driver.convene_languages = languages
        screen = cls(driver, name, self.server, self.shot_dir, self.counter, **kw)
        self.all.append(screen)
        if self.preload:
            driver.execute_cdp_cmd("Page.enable", {})
            ident = driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": self.preload})["identifier"]
            driver.convene_preloads = getattr(driver, "convene_preloads", []) + [ident]
        screen.open()
        return screen

    def phone(self, name="phone", meeting=None, languages=None):
        return self._open(Phone, name, meeting=meeting, languages=languages)

    def wall(self, name="wall", meeting=None):
        return self._open(Wall, name, meeting=meeting)

    def console(self, name="console", meeting=None):
        return self._open(Console, name, meeting=meeting)

    def meetings(self, name="meetings", key=None):
        return self._open(Meetings, name, key=key)


@pytest.fixture(scope="session")
def axe_source():
    """axe-core as shipped in the axe-playwright-python package (installed with --no-deps)."""
    spec = importlib.util.find_spec("axe_playwright_python")
    if spec is None:
        pytest.fail("axe-playwright-python is not installed (scripts/setup.sh --test installs it)")
    path = os.path.join(os.path.dirname(spec.origin), "axe.min.js")
    with open(path, encoding="utf-8") as f:
        return f.read()


@pytest.fixture
def console_ws(server):
    """Returns a function opening a console over a plain WebSocket on the test's server
    (after a restart too): console_ws() → a client whose `welcome["snapshot"]` is the meeting."""
    opened = []

    def make():
        c = harness.console_for(server)
        opened.append(c)
        return c
    yield make
    for c in opened:
        close_client(c)


@pytest.fixture
def snapshot(server):
    """Returns a function that reads the meeting as the server holds it now (the console's
    snapshot, over a real WebSocket): the ground truth to compare the screens with."""
    def read():
        c = harness.console_for(server)
        try:
            return c.welcome["snapshot"]
        finally:
            c.close()
    return read


def close_client(client):
    """Reads what the server sent and closes: a client that left events unread stops reading
    the socket, and would wait out its close timeout for the server's closing frame."""
    try:
        client.drain(quiet=0.05)
    except Exception:  # a connection the server already closed (a restarted server) has nothing left to read
        pass
    client.close()


class Facilitator:
    """The facilitator's commands over a plain WebSocket, for setting a scene quickly when the
    console page itself is not what a test looks at."""

    def __init__(self, server):
        self.client = harness.console_for(server)

    def __call__(self, type, **fields):
        ack = self.client.command(dict(fields, type=type))
        assert ack["type"] == "ack", ack
        return ack

    def close(self):
        close_client(self.client)


@pytest.fixture
def facilitator(server):
    f = Facilitator(server)
    yield f
    f.close()


@pytest.fixture
def settle(server):
    """Returns a function that waits until the meeting has been still for `quiet` seconds (no
    new event on the server): whatever the server does by itself after notes arrive (its
    clustering) is then done."""
    def wait(quiet=0.6, timeout=20):
        deadline = time.time() + timeout
        last, since = None, time.time()
        while time.time() < deadline:
            c = harness.console_for(server)
            seq = c.welcome["seq"]
            c.close()
            if seq != last:
                last, since = seq, time.time()
            elif time.time() - since >= quiet:
                return seq
            time.sleep(0.1)
        raise AssertionError(f"the meeting never became still (seq {last})")
    return wait


@pytest.fixture
def ws_phone(server):
    """Returns a function making a phone that speaks the protocol over a plain WebSocket (for
    tests about another screen): ws_phone(name, organization=…, role=…) → joined client."""
    opened = []

    def make(name, **kw):
        c = harness.phone_for(server, name, **kw)
        opened.append(c)
        return c
    yield make
    for c in opened:
        close_client(c)
