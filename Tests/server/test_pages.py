"""The pages and the wall's QR code over plain HTTP from the same port."""
from test_hostile_input import http_get


def test_pages_are_served_with_their_types_and_a_strict_policy(server):
    for path, kind in [("/", "text/html"), ("/phone.html", "text/html"), ("/wall.html", "text/html"),
                       ("/console.html", "text/html"), ("/client.js", "text/javascript"), ("/style.css", "text/css")]:
        status, headers, body = http_get(server.port, path)
        assert status == 200, path
        assert headers["content-type"].startswith(kind), (path, headers["content-type"])
        assert "script-src" not in headers["content-security-policy"] or "'unsafe-inline'" not in headers["content-security-policy"]
        assert "default-src 'self'" in headers["content-security-policy"]


def test_the_wall_qr_code_encodes_the_join_link_of_an_existing_meeting_only(server):
    status, headers, body = http_get(server.port, f"/qr/{server.meeting.code}.svg")
    assert status == 200 and headers["content-type"] == "image/svg+xml"
    svg = body.decode()
    assert svg.startswith("<svg") and "<title>QR code to join the meeting</title>" in svg
    assert svg.count("h1v1h-1z") > 100, "a real symbol, not an empty picture"
    assert http_get(server.port, "/qr/ZZZZZZ.svg")[0] == 404
    assert http_get(server.port, "/qr/%3Cscript%3E.svg")[0] == 404
