"""Small things on the phone (issue 12, 360×740): a note over the limit says by how much and
the error goes once it is fixed; a new phase starts at the top; the wrap-up shows the next
steps the facilitator recorded instead of a generic line."""
from selenium.webdriver.common.keys import Keys


def test_over_the_limit_says_by_how_much_and_the_error_clears(screens, facilitator):
    facilitator("setPhase", phase="opportunities")
    phone = screens.phone()
    phone.join("Karen Lee", "Acme Machining")
    phone.type_into("note-text", "x" * 314)
    assert phone.js("return text($('note-count'));") == "34 characters too long (280 at most)"
    assert phone.js("return $('post-button').disabled;")
    phone.shot("34 characters too long")
    # Empty, then pressed: an error; typing a real note clears it.
    phone.by_id("note-text").send_keys(Keys.CONTROL, "a")
    phone.by_id("note-text").send_keys(Keys.DELETE)
    assert phone.js("return text($('note-count'));") == "0 / 280"
    phone.click(phone.by_id("post-button"))
    phone.wait_js("return text($('post-error')) === 'Write your note first.';", message="the empty-note error")
    phone.by_id("note-text").send_keys("Drone makers are growing")
    phone.wait_js("return text($('post-error')) === '';", message="the stale error to clear")
    assert phone.js("return text($('note-count'));") == "24 / 280"


def test_a_note_half_typed_survives_a_reload_and_stays_in_its_round(screens, facilitator):
    facilitator("setPhase", phase="opportunities")
    phone = screens.phone()
    phone.join("Karen Lee", "Acme Machining")
    phone.type_into("note-text", "Drone makers are moving here")
    phone.driver.refresh()
    phone.wait_ready()
    phone.wait_js("return $('note-text').value === 'Drone makers are moving here';", message="the draft back after the reload")
    assert phone.js("return text($('note-count'));") == "28 / 280"
    phone.shot("draft kept")
    # Posted, the draft is gone: a reload shows an empty box, not the note again.
    phone.click(phone.by_id("post-button"))
    phone.wait(lambda: phone.notes() and phone.notes()[0][1] == "Drone makers are moving here", "the note posted")
    phone.driver.refresh()
    phone.wait_ready()
    phone.wait(lambda: phone.notes() and phone.notes()[0][1] == "Drone makers are moving here", "the note after the reload")
    assert phone.js("return $('note-text').value;") == ""
    # An opportunity half typed is not offered back as a requirement once the round is over,
    # even when the phone reloads on what it remembered before the room moved on (it saves at
    # most once a second), so that its welcome is a replay whose events bring the new round.
    phone.type_into("note-text", "Defense contracts nearby")
    remembered_js = "return localStorage.getItem(Object.keys(localStorage).find((k) => k.startsWith('convene.state.')));"
    before = phone.wait(lambda: (s := phone.js(remembered_js)) and '"phase":"opportunities"' in s and s, "the phone to remember the round")
    facilitator("setPhase", phase="requirements")
    phone.wait(lambda: '"phase":"requirements"' in (phone.js(remembered_js) or ""), "the phone to remember the new round")
    phone.js("localStorage.setItem(Object.keys(localStorage).find((k) => k.startsWith('convene.state.')), arguments[0]);", before)
    # (Still what the refresh finds: the phone saves at most once a second, and had just saved.)
    assert phone.js(remembered_js) == before
    phone.driver.refresh()
    phone.wait_ready()
    phone.wait(lambda: phone.phase() == "Requirements", "the requirements phase")
    assert phone.js("return $('note-text').value;") == ""


def test_a_note_begun_before_the_room_moved_on_says_so_and_is_kept(screens, facilitator):
    facilitator("setPhase", phase="opportunities")
    phone = screens.phone()
    phone.join("Karen Lee", "Acme Machining")
    phone.type_into("note-text", "autonomous yard trucks at the DCs")
    assert phone.js("return shown($('note-other-round'));") is False
    # The facilitator moves the room on while the opportunity is still in the box.
    facilitator("setPhase", phase="requirements")
    phone.wait(lambda: phone.phase() == "Requirements", "the requirements phase")
    notice = phone.wait(lambda: phone.js("return shown($('note-other-round')) && text($('note-other-round'));"),
                        "the notice over the note")
    assert notice == ("You started this note while the room posted opportunities. "
                      "It now posts requirements: post it if it is one, or change it."), notice
    assert phone.js("return $('note-text').value;") == "autonomous yard trucks at the DCs", "the typing is kept"
    phone.shot("a note begun in the last round")
    # Changed under the new question, it is a requirement now: the notice goes.
    phone.by_id("note-text").send_keys(" need charging bays")
    phone.wait_js("return !shown($('note-other-round'));", message="the notice gone once the note is edited")
    phone.click(phone.by_id("post-button"))
    phone.wait(lambda: phone.notes() and phone.notes()[0][1] == "autonomous yard trucks at the DCs need charging bays", "posted")
    assert phone.js("return shown($('note-other-round'));") is False


def test_a_new_phase_starts_at_the_top_and_the_wrap_up_shows_the_next_steps(screens, facilitator):
    facilitator("setPhase", phase="opportunities")
    phone = screens.phone()
    phone.join("Karen Lee", "Acme Machining")
    for i in range(6):
        phone.post(f"Opportunity number {i} with enough words to take some room on a small screen")
    phone.js("scrollTo(0, document.body.scrollHeight);")
    phone.wait_js("return scrollY > 100;", message="the phone scrolled down its notes")
    facilitator("setPhase", phase="requirements")
    phone.wait(lambda: phone.phase() == "Requirements", "the requirements phase")
    phone.wait_js("return scrollY === 0;", message="the page back at the top with the new question")
    facilitator("setNextSteps", championsCallDate="2027-01-21T15:00", championsCallHost="Karen Lee", nextMeetingDate="2027-02-26",
                other="- Send invitations to the peers named today\n2) Share the summary with other employers")
    facilitator("setPhase", phase="wrap-up")
    notice = phone.wait(lambda: phone.closed_notice() if phone.phase() == "Wrap-up" else None, "the wrap-up notice")
    assert "Thursday, January 21, 2027" in notice and "3:00" in notice and "hosted by Karen Lee" in notice, notice
    assert "Friday, February 26, 2027" in notice, notice
    # A list, a step a line: each step, the facilitator's other steps included, starts a line
    # of its own on screen with its bullet (one run-on paragraph was hard to read).
    lines = phone.js("""const el = $('post-closed'), out = [], cs = getComputedStyle(el);
        const start = el.getBoundingClientRect().left + parseFloat(cs.borderLeftWidth) + parseFloat(cs.paddingLeft);
        const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
        for (let node = walker.nextNode(); node; node = walker.nextNode()) {
          for (const phrase of ["• The champions' call", '• The next meeting', '• Send invitations', '• Share the summary']) {
            const i = node.data.indexOf(phrase);
            if (i < 0) continue;
            const r = document.createRange(); r.setStart(node, i); r.setEnd(node, i + 1);
            out.push([phrase, Math.round(r.getBoundingClientRect().left - start)]);
          }
        }
        return out;""")
    assert [p for p, _ in lines] == ["• The champions' call", "• The next meeting", "• Send invitations", "• Share the summary"], lines
    assert all(left <= 1 for _, left in lines), f"each other step starts a line: {lines}"
    phone.shot("wrap-up next steps")
    # The wall lists the same steps, without the dash and number they were typed with.
    wall = screens.wall()
    wall.wait(lambda: (wall.next_steps() or {}).get("Also") == "Send invitations to the peers named today\nShare the summary with other employers",
              "the other next steps on the wall, a line each")


def test_with_the_keyboard_open_the_note_and_its_post_button_share_the_screen(screens, facilitator):
    """A phone whose keyboard is open has about 400 px of screen: the header scrolls away, and
    the note being typed and its Post button are both in view."""
    facilitator("setPhase", phase="opportunities")
    phone = screens.phone()
    phone.join("Karen Lee", "Acme Machining")
    phone.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride", {"width": 360, "height": 400, "deviceScaleFactor": 3, "mobile": True})
    phone.by_id("note-text").click()
    where = phone.js("""$('note-text').scrollIntoView({block: 'start'});
        const box = $('note-text').getBoundingClientRect(), post = $('post-button').getBoundingClientRect();
        const bar = document.querySelector('.topbar').getBoundingClientRect();
        return {note: box.top, post: post.bottom, height: innerHeight, barCovers: bar.bottom > box.top && bar.top < box.bottom};""")
    assert not where["barCovers"], where
    assert where["note"] >= 0 and where["post"] <= where["height"], where
    phone.shot("keyboard open")


def test_with_joining_closed_the_wall_stops_inviting_and_a_new_phone_is_told_at_once(screens, facilitator):
    """The facilitator closes joining (Settings): the wall's corner no longer shows the code
    and QR code, and a phone opening the link is told joining is closed before filling in a
    form it could not send; opened again, both come back."""
    facilitator("setPhase", phase="opportunities")
    wall = screens.wall()
    wall.wait_js("return shown($('join-box'));", message="the join box in the wall's corner")
    assert facilitator("updateMeeting", joiningOpen=False)["type"] == "ack"
    wall.wait_js("return !shown($('join-box'));", message="the join box gone")
    phone = screens.phone("phone-late")
    phone.wait_js("return shown($('join-closed'));", message="the joining-closed notice")
    assert phone.js("return shown($('join'));") is False
    assert phone.js("return text($('join-closed-heading'));") == "Joining is closed"
    assert "ask them to open it again" in phone.js("return text($('join-closed-text'));")
    phone.shot("joining closed")
    wall.shot("joining closed")
    assert facilitator("updateMeeting", joiningOpen=True)["type"] == "ack"
    wall.wait_js("return shown($('join-box'));", message="the join box back")
    phone.wait_js("return shown($('join-form'));", message="the join form back")
    phone.join("Karen Lee", "Acme Machining")


def test_a_note_the_facilitator_hides_stays_on_its_authors_phone_marked_hidden(screens, facilitator, console_ws, server):
    """A walk-through: the facilitator hid Dave's "+1", and it vanished from his "Your notes"
    without a word. Its author's phone keeps it, marked, also after a reload; no other phone
    and not the wall gets its text."""
    facilitator("setPhase", phase="opportunities")
    dave = screens.phone("dave")
    dave.join("Dave Ortiz", "Ortiz Foods")
    dave.post("+1 on the cold storage idea")
    dave.post("Export help for small packers")
    other = screens.phone("other")
    other.join("Ana Ruiz", "Ruiz Farms")
    wall = screens.wall()
    wall.wait(lambda: "+1 on the cold storage idea" in sum(wall.board().values(), []), "the note on the wall")
    note = next(n["id"] for n in console_ws().welcome["snapshot"]["notes"] if n["text"] == "+1 on the cold storage idea")
    assert facilitator("hideNote", note=note, hidden=True)["type"] == "ack"
    hidden = "Hidden from the wall by the facilitator"
    dave.wait(lambda: dave.wall_places().get("+1 on the cold storage idea") == hidden, "the note marked hidden on its author's phone")
    wall.wait(lambda: "+1 on the cold storage idea" not in sum(wall.board().values(), []), "the note gone from the wall")
    dave.shot("own note hidden")
    # No Edit on it: its new words would reach no screen, not even this one.
    assert not dave.js("""for (const li of document.querySelectorAll('#notes > li'))
        if (text(li.querySelector('.note-text')) === arguments[0]) return shown(li.querySelector('.edit'));""", "+1 on the cold storage idea")
    # A reload with what the phone remembered (the events it missed), and one without it (a
    # snapshot, which has no hidden note: the welcome brings the phone's own), keep it marked,
    # in its place among the phone's notes.
    for forget in (False, True):
        if forget:
            dave.js("localStorage.removeItem(arguments[0]);", f"convene.state.{server.meeting.code}")
        dave.driver.refresh()
        dave.wait_ready()
        dave.wait(lambda: dave.wall_places().get("+1 on the cold storage idea") == hidden, f"still marked after a reload (state forgotten: {forget})")
        assert [text for _, text in dave.notes()] == ["Export help for small packers", "+1 on the cold storage idea"], dave.notes()
    assert "+1 on the cold storage idea" not in other.js("return JSON.stringify(Array.from(document.body.innerText));")
    # Shown again: back on the wall, and no longer marked.
    assert facilitator("hideNote", note=note, hidden=False)["type"] == "ack"
    dave.wait(lambda: dave.wall_places().get("+1 on the cold storage idea") not in (hidden, None), "the mark gone")


def test_a_partner_who_may_post_is_still_asked_to_support_not_champion(screens, facilitator):
    """A walk-through: with everyone allowed to post, the community college's phone said "Sign up
    below to champion strategy areas" above buttons saying "I'll support this"."""
    facilitator("updateMeeting", everyoneMayPost=True)
    facilitator("setPhase", phase="opportunities")
    phone = screens.phone()
    phone.join("Dana Whitfield", "Region X Community College", role="partner")
    phone.wait(lambda: phone.may_post(), "a partner may post in this meeting")
    facilitator("setPhase", phase="commitments")
    phone.wait(lambda: phone.phase() == "Commitments", "the commitments phase")
    notice = phone.closed_notice()
    assert "support strategy areas" in notice and "champion" not in notice, notice
    phone.shot("partner in commitments")
