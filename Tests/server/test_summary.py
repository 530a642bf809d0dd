"""The summary is available any time: from the console over the WebSocket and from the
command line, identical, with hidden notes left out."""
import subprocess

from conftest import BIN, console_for, phone_for


def test_console_and_command_line_export_the_same_summary(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    phone = phone_for(server, "Karen", organization="Avionics Works")
    keep = phone.post("Drone makers are growing here")["note"]
    hidden = phone.post("something to hide")["note"]
    console.command({"type": "hideNote", "note": hidden})
    theme = console.command({"type": "createTheme", "kind": "opportunity", "label": "Unmanned aircraft"})["theme"]
    console.command({"type": "moveNote", "note": keep, "theme": theme})
    console.command({"type": "setNextSteps", "championsCallDate": "2027-01-21T15:00", "championsCallHost": "Karen"})
    for fmt in ["markdown", "html", "text", "json", "csv"]:
        reply = console.command({"type": "summary", "format": fmt})
        assert reply["type"] == "ack", reply
        content = reply["content"]
        assert "Drone makers are growing here" in content
        assert "something to hide" not in content
        cli = subprocess.run([BIN, "export", server.meeting.code, "--format", fmt, "--data", server.data],
                             capture_output=True, check=True).stdout.decode()  # bytes: keep CSV's CRLF
        assert cli == content, fmt
    assert "Champions' call on Thursday, January 21, 2027 at 3:00 p.m., hosted by Karen" in console.command({"type": "summary", "format": "text"})["content"]
    assert phone.command({"type": "summary", "format": "text"})["code"] == "forbidden"


def test_export_of_an_unknown_meeting_fails_clearly(server):
    r = subprocess.run([BIN, "export", "ZZZZZZ", "--data", server.data], capture_output=True, text=True)
    assert r.returncode != 0 and "No meeting" in r.stderr
