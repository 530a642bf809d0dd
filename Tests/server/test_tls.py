"""TLS through libwebsockets' OpenSSL: HTTPS pages and WSS on the same port."""
import os
import ssl
import subprocess
import urllib.request

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
        server.scheme = "wss"
        c = server.client(ssl=ctx)
        assert c.hello(server.meeting.code, "console", key=server.meeting.key)["type"] == "welcome"
        assert c.command({"type": "setPhase", "phase": "opportunities"})["type"] == "ack"
    finally:
        server.stop()
