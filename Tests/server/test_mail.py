"""E-mailing the summary through a real SMTP server on loopback (aiosmtpd): one message per
recipient, correct headers and both parts; failures reported and retried without ever
sending twice to someone who already got it."""
import asyncio
import email
import email.policy
import socket
import subprocess
import threading
import time

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult

from conftest import BIN, Server, console_for, free_port, phone_for


class Mailbox:
    """Stores every message received; refuses recipients whose address contains 'refuse'."""

    def __init__(self, delay=0.0):
        self.messages = []
        self.delay = delay

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):
        if "refuse" in address:
            return "550 No such user here"
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):
        if self.delay:
            await asyncio.sleep(self.delay)
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content, policy=email.policy.default)))
        return "250 Message accepted for delivery"

    def to(self, address):
        return [m for rcpt, m in self.messages if address in rcpt]


@pytest.fixture
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=free_port())
    controller.start()
    box.controller = controller
    yield box
    controller.stop()


def mail_server(data_dir, smtp_port, extra=()):
    s = Server(data_dir, extra_args=["--smtp-url", f"smtp://127.0.0.1:{smtp_port}", "--mail-from", "convener@example.org",
                                     "--reply-to", "karen@avionics.example", "--smtp-timeout", "3", *extra])
    s.meeting = s.create_meeting(title="Région X Manufacturing — launch")
    return s


def prepare_meeting(server):
    console = console_for(server)
    console.command({"type": "setPhase", "phase": "opportunities"})
    karen = phone_for(server, "Karen Müller", organization="Avionics Works", email="karen@example.com", consent=True)
    phone_for(server, "Paul", organization="Drone Dynamics", email="paul@example.com", consent=True)
    phone_for(server, "Private", organization="Quiet Co", email="private@example.com", consent=False)
    karen.post("Drones (UAS) makers are growing here — señor")
    console.command({"type": "setPhase", "phase": "commitments"})
    karen.command({"type": "nominate", "id": "nom1", "name": "Tom Ruiz", "organization": "Valley Welding", "contact": "tom@example.com"})
    return console


def wait_for_outcomes(server, count, timeout=20):
    deadline = time.time() + timeout
    while time.time() < deadline:
        mailings = console_for(server).welcome["snapshot"]["mailings"]
        outcomes = [r for m in mailings for r in m["recipients"] if r["status"] != "sending"]
        if len(outcomes) >= count:
            return mailings
        time.sleep(0.2)
    raise AssertionError("sending did not finish in time")


def test_one_correct_message_per_chosen_recipient(data_dir, mailbox):
    server = mail_server(data_dir, mailbox.controller.port).start()
    try:
        console = prepare_meeting(server)
        recipients = console.command({"type": "mailRecipients"})["recipients"]
        assert sorted(r["email"] for r in recipients) == ["karen@example.com", "paul@example.com", "tom@example.com"], \
            "consenting participants and nominees with an e-mail; nobody who did not consent"
        # The facilitator unticks Paul.
        reply = console.command({"type": "sendSummary", "recipients": ["karen@example.com", "tom@example.com"]})
        assert reply["type"] == "ack", reply
        wait_for_outcomes(server, 2)
        assert len(mailbox.messages) == 2
        assert mailbox.to("paul@example.com") == []
        for address in ["karen@example.com", "tom@example.com"]:
            [msg] = mailbox.to(address)
            rcpt = [r for r, m in mailbox.messages if m is msg][0]
            assert rcpt == [address], "one recipient per message: nobody sees another's address"
            assert address in msg["To"] and "example.com" in msg["To"]
            assert "paul@" not in str(msg) and "private@" not in msg["To"]
            if address == "tom@example.com":
                # Named by the room, not there: the letter says it is an invitation.
                assert msg["Subject"].startswith("An invitation to join the ") and msg["Subject"].endswith(
                    "sector partnership in Region X, with its launch meeting's summary"), msg["Subject"]
            else:
                assert msg["Subject"] == "Meeting summary: Région X Manufacturing — launch", "UTF-8 subject decoded"
            assert msg["Date"] and msg["Message-ID"].startswith("<") and msg["From"].addresses[0].addr_spec == "convener@example.org"
            # From the partnership, by the meeting's title without its "launch" (not "Convene").
            assert msg["From"].addresses[0].display_name == "Région X Manufacturing", msg["From"]
            assert msg["Reply-To"] == "karen@avionics.example"
            assert msg.get_content_type() == "multipart/alternative"
            text = msg.get_body(("plain",)).get_content()
            html = msg.get_body(("html",)).get_content()
            assert "Drones (UAS) makers are growing here — señor" in text
            # No company is named behind a note: the wall showed none, and invitees read it too.
            assert "señor — Avionics Works" not in text and "señor — Avionics Works" not in html
            assert "Drones (UAS) makers are growing here — señor" in html and "<h1" in html
            assert "Tom Ruiz" in text
        [karen] = mailbox.to("karen@example.com")
        assert "Karen Müller" == karen["To"].addresses[0].display_name, "UTF-8 name encoded properly"
        # Each reads a letter to them: someone who took part is thanked; someone the room named
        # (not there) is invited, never thanked for coming. The industry reads as in a sentence.
        karen_text = karen.get_body(("plain",)).get_content()
        assert karen_text.startswith("Dear Karen Müller,") and "Thank you for taking part in the launch meeting of the light manufacturing sector partnership in Region X." in karen_text
        [tom] = mailbox.to("tom@example.com")
        tom_text, tom_html = tom.get_body(("plain",)).get_content(), tom.get_body(("html",)).get_content()
        assert tom_text.startswith("Dear Tom Ruiz,") and "you were named as someone who should be involved" in tom_text
        assert "Thank you for taking part" not in tom_text and "Thank you for taking part" not in tom_html
        assert "Dear Tom Ruiz," in tom_html
        # A second send to everyone never reaches those who already have it.
        again = console.command({"type": "sendSummary", "recipients": ["karen@example.com", "tom@example.com", "paul@example.com"]})
        assert again["type"] == "ack" and again["recipients"] == ["paul@example.com"]
        wait_for_outcomes(server, 3)
        assert len(mailbox.to("karen@example.com")) == 1 and len(mailbox.to("paul@example.com")) == 1
        assert console.command({"type": "sendSummary", "recipients": ["karen@example.com"]})["code"] == "conflict"
        assert console.command({"type": "sendSummary", "recipients": ["stranger@evil.example"]})["code"] == "invalid"
    finally:
        server.stop()


def test_refused_recipient_and_server_down_are_reported_and_retried(data_dir):
    port = free_port()   # nothing listens here yet: the mail server is "down"
    server = mail_server(data_dir, port).start()
    box = Mailbox()
    try:
        console = prepare_meeting(server)
        console.command({"type": "nominate", "id": "nom2", "name": "Nobody", "organization": "X", "contact": "refuse-me@example.com"})
        console.command({"type": "sendSummary", "recipients": ["karen@example.com", "refuse-me@example.com"]})
        mailings = wait_for_outcomes(server, 2)
        reasons = {r["email"]: r.get("reason", "") for r in mailings[-1]["recipients"]}
        assert all(r["status"] == "failed" for r in mailings[-1]["recipients"])
        assert "could not be reached" in reasons["karen@example.com"]
        # The mail server comes up; the facilitator retries.
        controller = Controller(box, hostname="127.0.0.1", port=port)
        controller.start()
        try:
            console.command({"type": "sendSummary", "recipients": ["karen@example.com", "refuse-me@example.com"]})
            mailings = wait_for_outcomes(server, 4)
            last = {r["email"]: r for r in mailings[-1]["recipients"]}
            assert last["karen@example.com"]["status"] == "delivered"
            assert last["refuse-me@example.com"]["status"] == "failed" and "refused" in last["refuse-me@example.com"]["reason"]
            assert len(box.to("karen@example.com")) == 1
            # Retrying again sends only to the one still failing.
            reply = console.command({"type": "sendSummary", "recipients": ["karen@example.com", "refuse-me@example.com"]})
            assert reply["recipients"] == ["refuse-me@example.com"]
            wait_for_outcomes(server, 5)
            assert len(box.to("karen@example.com")) == 1
        finally:
            controller.stop()
    finally:
        server.stop()


def test_restart_mid_send_resumes_and_never_resends_a_recorded_delivery(data_dir):
    slow = Mailbox(delay=1.0)
    controller = Controller(slow, hostname="127.0.0.1", port=free_port())
    controller.start()
    try:
        server = mail_server(data_dir, controller.port).start()
        console = prepare_meeting(server)
        console.command({"type": "sendSummary", "recipients": ["karen@example.com", "paul@example.com", "tom@example.com"]})
        wait_for_outcomes(server, 1)
        server.kill()
        server.start()
        mailings = wait_for_outcomes(server, 3)
        assert all(r["status"] == "delivered" for r in mailings[-1]["recipients"])
        for address in ["karen@example.com", "paul@example.com", "tom@example.com"]:
            assert 1 <= len(slow.to(address)) <= 2
        # The first delivery was recorded before the kill: it was never sent again.
        first = next(r["email"] for r in mailings[-1]["recipients"])
        assert len(slow.to(first)) == 1
        server.stop()
    finally:
        controller.stop()


class Authenticator:
    def __call__(self, server, session, envelope, mechanism, auth_data):
        text = lambda v: v.decode() if isinstance(v, bytes) else v
        return AuthResult(success=text(auth_data.login) == "convene" and text(auth_data.password) == "right", handled=False)


def test_command_line_send_with_time_out_and_auth_failure(data_dir, tmp_path):
    server = Server(data_dir)
    server.meeting = server.create_meeting()
    server.start()
    prepare_meeting(server)
    server.stop()
    code = server.meeting.code

    dry = subprocess.run([BIN, "send-summary", code, "--dry-run", "--data", data_dir], capture_output=True, text=True)
    assert dry.returncode == 0 and "karen@example.com" in dry.stdout and "private@" not in dry.stdout

    # A mail server that accepts the connection and never answers.
    silent = socket.socket()
    silent.bind(("127.0.0.1", 0))
    silent.listen(5)
    try:
        t0 = time.time()
        r = subprocess.run([BIN, "send-summary", code, "--data", data_dir, "--smtp-url", f"smtp://127.0.0.1:{silent.getsockname()[1]}",
                            "--mail-from", "convener@example.org", "--smtp-timeout", "2"], capture_output=True, text=True)
        assert r.returncode != 0 and "did not answer in time" in r.stdout + r.stderr
        assert time.time() - t0 < 20
    finally:
        silent.close()

    box = Mailbox()
    auth = Controller(box, hostname="127.0.0.1", port=free_port(), authenticator=Authenticator(), auth_required=True,
                      auth_require_tls=False)
    auth.start()
    password = tmp_path / "password"
    try:
        password.write_text("wrong\n")
        base = [BIN, "send-summary", code, "--data", data_dir, "--smtp-url", f"smtp://127.0.0.1:{auth.port}", "--smtp-timeout", "5",
                "--mail-from", "convener@example.org", "--smtp-user", "convene", "--smtp-password-file", str(password),
                "--smtp-insecure"]   # this test server offers no TLS: the password goes in clear only when told so
        r = subprocess.run(base, capture_output=True, text=True)
        assert r.returncode != 0 and "refused the user name or password" in r.stdout + r.stderr
        assert box.messages == []
        password.write_text("right\n")
        r = subprocess.run(base, capture_output=True, text=True)
        assert r.returncode == 0, r.stdout + r.stderr
        assert sorted(a for rcpt, _ in box.messages for a in rcpt) == ["karen@example.com", "paul@example.com", "tom@example.com"]
        r = subprocess.run(base, capture_output=True, text=True)
        assert len(box.messages) == 3, "a second run sends nothing twice"
        assert "already received" in r.stdout + r.stderr
    finally:
        auth.stop()


def test_no_mailed_message_carries_anyone_elses_contact_and_names_cannot_add_recipients(data_dir, mailbox):
    """Issue 13 item 7 / issue 14 items 6–7: a mailed summary holds no nominee contact and no
    e-mail other than its own recipient's; a display name full of addresses stays a name."""
    server = mail_server(data_dir, mailbox.controller.port).start()
    try:
        console = console_for(server)
        console.command({"type": "setPhase", "phase": "opportunities"})
        sneaky = phone_for(server, "ceo@bigcorp.example, Dana", organization="Big Corp", email="dana@example.com", consent=True)
        phone_for(server, "Lee \"the boss\" Park", organization="Park Tools", email="lee@example.com", consent=True)
        sneaky.post("Drone makers are growing here")
        console.command({"type": "setPhase", "phase": "commitments"})
        sneaky.command({"type": "nominate", "id": "nom1", "name": "Tom Ruiz", "organization": "Valley Welding", "contact": "tom@example.com"})
        sneaky.command({"type": "nominate", "id": "nom2", "name": "Ana Diaz", "organization": "Diaz Co", "contact": "+1 555 0100, ask for Ana"})
        everyone = ["dana@example.com", "lee@example.com", "tom@example.com"]
        assert console.command({"type": "sendSummary", "recipients": everyone, "appendix": False})["type"] == "ack"
        wait_for_outcomes(server, 3)
        assert len(mailbox.messages) == 3
        private = everyone + ["+1 555 0100", "bigcorp"]
        for rcpt, msg in mailbox.messages:
            assert len(rcpt) == 1
            own = rcpt[0]
            # The envelope and the To: header name one address: the recipient's.
            assert [a.addr_spec for a in msg["To"].addresses] == [own], msg["To"]
            whole = msg.get_body(("plain",)).get_content() + msg.get_body(("html",)).get_content() + str(msg["To"])
            for other in private:
                if other != own and other != "bigcorp":
                    assert other not in whole, f"{other} leaked into the message to {own}"
            assert "Tom Ruiz" in whole, "the nominee's name is there, their contact is not"
            assert "Appendix" not in whole, "sent without the appendix, as chosen"
        [dana] = mailbox.to("dana@example.com")
        assert dana["To"].addresses[0].display_name == "ceo@bigcorp.example, Dana"
        [lee] = mailbox.to("lee@example.com")
        assert lee["To"].addresses[0].display_name == 'Lee "the boss" Park'
    finally:
        server.stop()


def test_a_password_never_crosses_the_network_in_clear(data_dir, mailbox, monkeypatch):
    """With an SMTP user name, smtp:// must switch to TLS: against a server that offers no
    STARTTLS, the send fails with a sentence saying so, and no message leaves."""
    monkeypatch.setenv("CONVENE_SMTP_PASSWORD", "hunter2")
    server = mail_server(data_dir, mailbox.controller.port, extra=["--smtp-user", "convener"]).start()
    try:
        console = prepare_meeting(server)
        assert console.command({"type": "sendSummary", "recipients": ["karen@example.com"]})["type"] == "ack"
        mailings = wait_for_outcomes(server, 1)
        [outcome] = mailings[-1]["recipients"]
        assert outcome["status"] == "failed" and "secure (TLS)" in outcome["reason"], outcome
        assert mailbox.messages == []
    finally:
        server.stop()


def test_a_participant_whose_phone_was_in_spanish_gets_a_letter_that_opens_in_spanish(data_dir, mailbox):
    server = mail_server(data_dir, mailbox.controller.port).start()
    try:
        console = console_for(server)
        console.command({"type": "setPhase", "phase": "opportunities"})
        assert console.command({"type": "updateMeeting", "chairs": ["Dana Whitfield", "Tom Becker"]})["type"] == "ack"
        phone_for(server, "Marisol Reyes", organization="Reyes Cold Storage", email="marisol@example.com", consent=True, language="es")
        phone_for(server, "Karen", organization="Avionics Works", email="karen@example.com", consent=True, language="fr")
        # A chair typed in lower case on their phone: theirs is the letter everyone got, and it says so.
        phone_for(server, "tom becker", organization="Becker Tool", email="tom@example.com", consent=True)
        assert console.command({"type": "sendSummary", "recipients": ["marisol@example.com", "karen@example.com", "tom@example.com"]})["type"] == "ack"
        wait_for_outcomes(server, 3)
        [marisol] = mailbox.to("marisol@example.com")
        text = marisol.get_body(("plain",)).get_content()
        assert marisol["Subject"] == "Resumen de la reunión: Région X Manufacturing — launch"
        assert text.startswith("Hola, Marisol Reyes:\n\nGracias por participar en la reunión “Région X Manufacturing — launch”."), text[:200]
        assert "en inglés" in text, "the letter says the summary below is in English"
        # It closes in Spanish too, signed by the chairs.
        assert "Con agradecimiento,\nDana Whitfield y Tom Becker, en nombre de la presidencia de la alianza" in text, text[-400:]
        assert "With thanks" not in text
        assert "Hola, Marisol Reyes:" in marisol.get_body(("html",)).get_content()
        # A language the server does not write letters in is English.
        [karen] = mailbox.to("karen@example.com")
        assert karen["Subject"] == "Meeting summary: Région X Manufacturing — launch"
        assert karen.get_body(("plain",)).get_content().startswith("Dear Karen,")
        assert "With thanks,\nDana Whitfield and Tom Becker, chairs" in karen.get_body(("plain",)).get_content()
        [tom] = mailbox.to("tom@example.com")
        tom_text = tom.get_body(("plain",)).get_content()
        assert tom_text.startswith("Dear Tom Becker,\n\nThank you for chairing the launch meeting of"), tom_text[:200]
        assert "as everyone who took part received it, signed by the chairs" in tom_text and "Thank you for taking part" not in tom_text
    finally:
        server.stop()
