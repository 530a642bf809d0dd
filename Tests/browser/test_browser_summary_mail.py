"""The summary e-mailed from the console through a real SMTP server on loopback (aiosmtpd):
the recipients listed, the draft sentences said before sending, one message each, and the
phones of people who agreed promised it by e-mail."""
import email
import email.policy
import shutil
import tempfile

import time

import pytest
from aiosmtpd.controller import Controller
from conftest import harness, meeting_server   # the real-server harness, as the browser conftest loads it


class Mailbox:
    def __init__(self):
        self.messages = []

    async def handle_DATA(self, server, session, envelope):
        self.messages.append((list(envelope.rcpt_tos), email.message_from_bytes(envelope.content, policy=email.policy.default)))
        return "250 Message accepted for delivery"


@pytest.fixture
def mailbox():
    box = Mailbox()
    controller = Controller(box, hostname="127.0.0.1", port=harness.free_port())
    controller.start()
    box.port = controller.port
    yield box
    controller.stop()


@pytest.fixture
def server(mailbox):
    """This module's server sends e-mail (the other browser tests' does not)."""
    data = tempfile.mkdtemp(prefix="convene-browser-mail-")
    with meeting_server(data, ["--smtp-url", f"smtp://127.0.0.1:{mailbox.port}", "--mail-from", "convener@example.org",
                               "--smtp-timeout", "3"]) as s:
        yield s
    shutil.rmtree(data, ignore_errors=True)


def test_the_summary_is_sent_from_the_console_and_promised_on_the_phone(screens, facilitator, mailbox):
    phone = screens.phone()
    phone.join("Karen Lee", "Acme Machining", email="karen@acme.example", consent=True)
    # Someone who took part without asking for the summary by e-mail.
    facilitator("addAttendee", name="Luis Ortega", organization="Bytewise Software", role="employer", consent=False)
    # And someone who gave an address without asking for the summary: told apart from Luis.
    facilitator("addAttendee", name="Kevin O'Neal", organization="Delta Co-op", role="employer", email="kevin@delta.example", consent=False)
    # Two chairs sign the letters; one never joined from a phone.
    facilitator("updateMeeting", chairs=["Karen Lee", "Marcus Oyelaran (Harbor Grill)"])
    facilitator("setPhase", phase="opportunities")
    phone.post("Drone makers are growing here")
    phone.post("Buyers in Mexico want our parts")
    facilitator("createTheme", kind="opportunity", label="Drones")
    exports = facilitator("createTheme", kind="opportunity", label="Exports")["theme"]
    console = screens.console()
    console.send_to("Drone makers are growing here", "Drones")
    console.send_to("Buyers in Mexico want our parts", "Exports")
    # Someone named to invite with a phone number only: no message can reach him.
    facilitator("setPhase", phase="commitments")
    facilitator("nominate", id="nom-jorge", name="Jorge Medina", organization="Basin Pipe", contact="555-0142")
    # The meeting closes: Karen agreed to receive the summary and this server sends e-mail, so
    # her phone says it will come (once: its thanks does not say it too), and the wall that it
    # will follow.
    facilitator("setPhase", phase="closed")
    wall = screens.wall()
    phone.wait(lambda: "The meeting summary will come to your e-mail." in (phone.closed_notice() or ""), "the e-mail promise")
    wall.wait_js("return text($('question')) === 'Thank you! The meeting summary will follow.';", message="the wall's promise")
    assert phone.question() == "Thank you for taking part!", phone.question()
    # E-mail is set up: no notice, the recipients on request, the draft sentence said first.
    assert console.js("return !shown($('mail-unavailable')) && shown($('mail-recipients-button'));")
    console.click(console.by_id("mail-recipients-button"))
    console.wait_js("return shown($('mail-form')) && text($('mail-recipients')).includes('karen@acme.example');",
                    message="the recipient list")
    console.wait_js("return shown($('mail-unwritten')) && text($('mail-unwritten')).includes('“Drones”');",
                    message="the warning that a theme still reads as suggested")
    # The convener is told whom no message will reach, to reach them another way.
    assert console.js("return shown($('mail-not-reached')) && text($('mail-not-reached'));") == (
        "No e-mail address for one person named to invite — reach them another way: Jorge Medina (Basin Pipe), 555-0142.")
    assert console.js("return shown($('mail-not-asked')) && text($('mail-not-asked'));") == (
        "Not on the list — share the summary with these 2 attendees another way. No e-mail address given: Luis Ortega "
        "(Bytewise Software). An address given, but “Send me the meeting summary” not ticked: Kevin O'Neal (Delta Co-op). "
        "The letters are signed by a chair who did not join from a phone, and so gets none: Marcus Oyelaran.")
    console.shot("recipients")
    # The first press only asks again: two sentences still read as suggested from the notes.
    console.click(console.by_id("mail-send"))
    console.wait_js("return text($('mail-send')) === 'Send anyway, with 2 suggested sentences';", message="Send asks once more")
    assert "press the button again to send it as it is" in console.message()
    time.sleep(1)
    assert mailbox.messages == [], "nothing sent on the first press"
    # One written meanwhile: the button says what is left (it kept "2", out of date).
    console.click(console.by_id("summary-words-button"))
    area = console.wait(lambda: console.js(f"return $('synthesis-{exports}');"), "the sentence for Exports")
    area.clear()
    area.send_keys("Buyers abroad want our parts.")
    console.click(area.find_element("xpath", "./ancestor::form//button[@type='submit']"))
    console.wait_js("return text($('mail-send')) === 'Send anyway, with 1 suggested sentence';", message="the button's count brought up to date")
    console.click(console.by_id("mail-send"))
    console.wait_js("return text($('mailings')).includes('karen@acme.example: delivered');", message="the delivery on the console")
    assert [rcpt for rcpt, _ in mailbox.messages] == [["karen@acme.example"]]
    assert "Drone makers are growing here" in mailbox.messages[0][1].get_body(("plain",)).get_content()
    # Sent: neither still promises it (a walk-through's wall said "will follow" after the letters went out).
    phone.wait(lambda: phone.question() == "Thank you! The meeting summary has been sent by e-mail.", "the summary said sent")
    # Said once, above: the notice under it does not repeat it (a walk-through's phone did).
    assert "e-mail" not in phone.closed_notice() and phone.closed_notice().startswith("The meeting is closed."), phone.closed_notice()
    wall.wait_js("return text($('question')) === 'Thank you! The meeting summary has gone out by e-mail to everyone who asked for it.';", message="the wall says sent")
    phone.shot("closed, summary by e-mail")
    # A screen opened afresh knows it too (the snapshot says so, without any address).
    phone.driver.refresh()
    phone.wait(lambda: phone.question() == "Thank you! The meeting summary has been sent by e-mail.", "sent, after a reload")
