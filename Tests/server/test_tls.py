"""TLS through libwebsockets' OpenSSL: HTTPS pages and WSS on the same port.

The WebSocket client here is websockets' asyncio one, on purpose: the sync client reads on a
thread while it writes its upgrade request on another, and Python's SSL sockets are not safe
for that (about 1 connection in 250 never sent its request over TLS 1.3; traced with strace,
the server waited for bytes that never came)."""
import asyncio
import json
import os
import ssl
import subprocess
import urllib.request

from websockets.asyncio.client import connect

from conftest import Server


def test_serves_https_and_wss_with_a_certificate(data_dir):
    cert, key = os.path.join(data_dir, "cert.pem"), os.path.join(data_dir, "key.pem")
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", key, "-out", cert,
                    "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    server = Server(data_dir, extra_args=["--tls-cert", cert, "--tls-key", key])
    server.meeting = server.create_meeting()
    server.start()
    try:
        ctx = ssl.create_default_context(cafile=cert)
        ctx.check_hostname = False
        body = urllib.request.urlopen(f"https://127.0.0.1:{server.port}/healthz", context=ctx, timeout=5).read()
        assert body == b"ok\n"

        async def console_session():
            async with connect(f"wss://127.0.0.1:{server.port}/ws", ssl=ctx, subprotocols=["convene.v1"],
                               open_timeout=10, max_size=None) as ws:
                async def reply_to(message):
                    await ws.send(json.dumps(message))
                    while True:
                        msg = json.loads(await asyncio.wait_for(ws.recv(), 5))
                        if msg["type"] in ("welcome", "ack", "error") and msg.get("req") == message.get("req"):
                            return msg

                welcome = await reply_to({"type": "hello", "code": server.meeting.code, "client": "console",
                                          "key": server.meeting.key})
                ack = await reply_to({"type": "setPhase", "phase": "opportunities", "req": 1})
                return welcome, ack

        welcome, ack = asyncio.run(console_session())
        assert welcome["type"] == "welcome", welcome
        assert ack["type"] == "ack", ack
    finally:
        server.stop()
