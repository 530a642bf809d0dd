"""A meeting served over HTTPS/WSS to real Chromium. Offered HTTP/2, Chromium carries the
WebSocket inside the HTTP/2 connection (RFC 8441), where the server refused it (no `GET`
URI) and could not write to it (no socket of its own): the pages never connected over
HTTPS. The server now offers HTTP/1.1 only; this is the room's whole path over TLS."""
import os
import shutil
import subprocess
import tempfile

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service

from conftest import CHROME_ARGS, CHROMEDRIVER, CHROMIUM, SCREENSHOTS, meeting_server, wait_for_binary
from pages import Console, Phone, Wall


@pytest.fixture
def tls_server():
    wait_for_binary()
    data = tempfile.mkdtemp(prefix="convene-browser-tls-")
    cert, key = os.path.join(data, "cert.pem"), os.path.join(data, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    with meeting_server(os.path.join(data, "meeting"), ["--tls-cert", cert, "--tls-key", key], scheme="https") as s:
        yield s
    shutil.rmtree(data, ignore_errors=True)


@pytest.fixture
def tls_drivers():
    made = []

    def make():
        options = webdriver.ChromeOptions()
        for arg in CHROME_ARGS + ["--ignore-certificate-errors"]:
            options.add_argument(arg)
        options.binary_location = CHROMIUM
        options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
        driver = webdriver.Chrome(options=options, service=Service(CHROMEDRIVER))
        made.append(driver)
        return driver

    yield make
    for d in made:
        d.quit()


def test_a_meeting_over_https_reaches_the_wall_and_phones(tls_server, tls_drivers):
    shots = os.path.join(SCREENSHOTS, "test_a_meeting_over_https_reaches_the_wall_and_phones")
    shutil.rmtree(shots, ignore_errors=True)
    os.makedirs(shots, exist_ok=True)
    counter = [0]
    console = Console(tls_drivers(), "console", tls_server, shots, counter)
    console.open()
    wall = Wall(tls_drivers(), "wall", tls_server, shots, counter)
    wall.open()
    phone = Phone(tls_drivers(), "phone", tls_server, shots, counter)
    phone.open()
    phone.join("Ana Ruiz", "Ruiz Machining")
    console.set_phase("opportunities")
    notes = ["Drone makers are buying local machined parts",
             "Battery plant two counties over needs fixtures",
             "Export markets for plastics in Mexico and Canada"]
    for note in notes:
        phone.post(note)   # listed as posted: the server's acknowledgement came back
    wall.wait(lambda: sorted(n for col in (wall.columns() or []) for n in col["notes"]) == sorted(notes),
              "the three notes on the wall")
    wall.shot("three notes over https")
    for screen in (console, wall, phone):
        assert not screen.js_errors(), screen.js_errors()
    with open(tls_server.log_path, errors="replace") as f:
        assert "denied connection" not in f.read(), "a screen's WebSocket was refused"
