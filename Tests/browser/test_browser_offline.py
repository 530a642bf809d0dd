"""Flaky venue Wi-Fi: a note typed on a phone without a connection waits on the phone and is
delivered exactly once: after the network comes back, after a reload while offline, and
when the server's answer was lost on the way."""
import os
import signal
import time

ONLINE = "Posted while online"
OFFLINE = "Typed while the phone was offline"
RELOADED = "Typed offline, then the page was reloaded"
UNANSWERED = "Sent, but the answer never came back"


def count(texts, note):
    return sum(t == note for t in texts)


def wall_texts(wall):
    return [n for c in (wall.columns() or []) for n in c["notes"]]


def server_notes(snapshot, note):
    return [n for n in snapshot()["notes"] if n["text"] == note]


def assert_delivered_once(phone, wall, snapshot, note, note_id):
    phone.wait(lambda: count([t for s, t in phone.notes() if s == "posted"], note) == 1, f"{note!r} posted on the phone")
    wall.wait(lambda: count(wall_texts(wall), note) == 1, f"{note!r} on the wall")
    phone.wait_equal(phone.outbox, [], "the phone's outbox emptied")
    phone.wait_equal(phone.status, "Connected", "the phone's status")
    time.sleep(0.5)  # a late duplicate would arrive within this
    assert [t for _, t in phone.notes()].count(note) == 1, phone.notes()
    assert count(wall_texts(wall), note) == 1, wall.columns()
    stored = server_notes(snapshot, note)
    assert len(stored) == 1, stored
    assert stored[0]["id"] == note_id, "the server stored the note under another id than the phone queued"


def go_offline(phone):
    phone.set_offline(True)
    phone.wait(lambda: phone.status().startswith("Reconnecting"), "the phone to say it is not connected")


def queue_note(phone, note):
    phone.post(note, wait_posted=False)
    phone.wait(lambda: phone.notes() and phone.notes()[0] == ("pending", note), f"{note!r} shown as pending")
    queued = phone.outbox()
    assert [e["text"] for e in queued] == [note], queued
    return queued[0]["id"]


def test_offline_note_is_delivered_exactly_once(screens, facilitator, snapshot, server):
    wall = screens.wall()
    phone = screens.phone()
    phone.join("Karen Lee", "Acme Machining")
    phone.wait_js("return !!navigator.serviceWorker.controller;", message="the service worker to keep the page")
    facilitator("setPhase", phase="opportunities")
    phone.post(ONLINE)
    wall.wait(lambda: ONLINE in wall_texts(wall), "the first note on the wall")

    # ---- 1. The phone loses its network, a note is typed, the network comes back ----
    go_offline(phone)
    note_id = queue_note(phone, OFFLINE)
    assert phone.status() == "Reconnecting… 1 note is saved on this phone and will be sent."
    # Said calmly: a status, not the error line.
    assert phone.js("return text($('post-saved'));") == "Saved on this phone. It will be sent when the connection is back."
    assert phone.js("return text($('post-error'));") == ""
    assert phone.js("return $('post-saved').getAttribute('role');") == "status"
    phone.shot("offline-pending")
    time.sleep(0.5)
    assert server_notes(snapshot, OFFLINE) == [], "the server has a note the phone could not have sent"
    assert OFFLINE not in wall_texts(wall)
    phone.set_offline(False)
    assert_delivered_once(phone, wall, snapshot, OFFLINE, note_id)
    # Sent: the phone no longer says it is waiting (a walk-through's kept saying so, inviting
    # the same note a second time).
    phone.wait(lambda: phone.js("return text($('post-saved'));") == "", "the saved-offline line gone once the note is sent")
    phone.shot("offline-delivered")

    # ---- 2. Offline again; the page is reloaded before the network is back ----
    go_offline(phone)
    note_id = queue_note(phone, RELOADED)
    phone.driver.refresh()
    # The page comes from the service worker's copy (127.0.0.1 is a secure context, like
    # HTTPS): it shows who the phone is and the note still waiting, and keeps trying.
    phone.wait_ready()
    assert phone.driver.execute_script("return location.protocol;") == "http:"
    assert phone.you() == "Karen Lee, Acme Machining · Employer", "the phone forgot who it is"
    phone.wait(lambda: phone.notes() and phone.notes()[0] == ("pending", RELOADED), "the queued note shown after the reload")
    phone.wait(lambda: phone.status().startswith("Reconnecting"), "the reloaded page to say it is not connected")
    assert server_notes(snapshot, RELOADED) == []
    phone.shot("reloaded-offline")
    phone.set_offline(False)
    assert_delivered_once(phone, wall, snapshot, RELOADED, note_id)
    phone.shot("reloaded-delivered")

    # ---- 3. The note reaches the server but its answer does not reach the phone ----
    # The server is frozen while the phone sends, and the phone reloads before the server
    # wakes: it re-sends the note from its outbox, and the server must recognise it.
    os.kill(server.proc.pid, signal.SIGSTOP)
    try:
        phone.post(UNANSWERED, wait_posted=False)
        phone.wait(lambda: phone.notes() and phone.notes()[0] == ("pending", UNANSWERED), "the unanswered note pending")
        queued = phone.outbox()
        assert [e["text"] for e in queued] == [UNANSWERED]
        note_id = queued[0]["id"]
        phone.shot("unanswered-pending")
        # Later than this command's return: the driver would otherwise wait for the new page,
        # which the frozen server cannot send.
        phone.driver.execute_script("window.beforeReload = true; setTimeout(() => location.reload(), 200);")
        time.sleep(0.8)
    finally:
        os.kill(server.proc.pid, signal.SIGCONT)
    phone.wait_ready()
    assert phone.js("return window.beforeReload === undefined;"), "the page was not reloaded"
    assert_delivered_once(phone, wall, snapshot, UNANSWERED, note_id)
    phone.shot("unanswered-delivered")

    # Nothing else was doubled on the way.
    texts = [n["text"] for n in snapshot()["notes"]]
    assert sorted(texts) == sorted([ONLINE, OFFLINE, RELOADED, UNANSWERED]), texts
    assert sorted(wall_texts(wall)) == sorted(texts)
    wall.shot("end-of-offline")
