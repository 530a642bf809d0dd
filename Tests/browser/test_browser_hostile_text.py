"""Markup typed into a phone or the console is shown as the characters typed, on every
screen: nothing in it runs, and no element is made from it."""
from selenium.common.exceptions import NoAlertPresentException
from selenium.webdriver.common.by import By

NAME = "<b>Eve</b> Ortiz"
ORG = "<i>Evil</i> & Sons <script>alert(2)</script>"
NOTE = "<img src=x onerror=alert(1)>"
NOTE_2 = '"><svg onload=alert(3)> &amp; &lt;b&gt;'
THEME = "<img src=x onerror=alert(4)> Drones"
AREA = "<b>Talent</b> pipeline"
NOMINEE = "<img src=x onerror=alert(5)>"
HOST = "<b>Host</b> & co"

# Elements the markup above would make if a page inserted it as HTML (the pages use no <b>,
# <i>, inline <script> or on… attributes of their own).
SUSPICIOUS = "b, i, script:not([src]), [onerror], [onload]"

# Runs before each page's own scripts: records any alert/confirm/prompt, and any element that
# markup from the test could have produced, even one removed again at once.
WATCH = r"""
window.__hostile = [];
for (const f of ['alert', 'confirm', 'prompt']) {
  window[f] = (...args) => { window.__hostile.push(`${f}(${args.join(',')})`); };
}
const suspicious = (el) => el.matches('""" + SUSPICIOUS + r"""');
new MutationObserver((records) => {
  for (const r of records) for (const n of r.addedNodes) {
    if (n.nodeType !== 1) continue;
    for (const el of [n, ...n.querySelectorAll('*')]) if (suspicious(el)) window.__hostile.push(el.outerHTML.slice(0, 120));
  }
}).observe(document, { childList: true, subtree: true });
"""


def assert_nothing_ran(screen):
    try:
        alert = screen.driver.switch_to.alert
        text = alert.text
        alert.dismiss()
        raise AssertionError(f"{screen.name}: a dialog opened: {text!r}")
    except NoAlertPresentException:
        pass
    assert screen.js("return window.__hostile;") == [], f"{screen.name}: markup from user text became elements or ran"
    assert screen.js("return document.querySelectorAll(arguments[0]).length;", SUSPICIOUS) == 0
    # No image points at the "x" of the note's markup.
    assert screen.js("return Array.from(document.images).filter((i) => i.getAttribute('src') === 'x').length;") == 0


def test_markup_in_user_text_is_shown_as_text(screens):
    screens.preload = WATCH
    console = screens.console()
    wall = screens.wall()
    phone = screens.phone()

    phone.join(NAME, ORG)
    assert phone.you() == f"{NAME}, {ORG} · Employer"
    wall.wait_equal(lambda: wall.js("return Array.from($('joined-orgs').children, text);"), [ORG], "the organization on the wall")
    console.wait(lambda: console.participants(), "the participant on the console")
    assert console.participants()[0][:2] == (NAME, ORG)

    console.set_phase("opportunities")
    phone.post(NOTE)
    phone.post(NOTE_2)
    assert phone.notes() == [("posted", NOTE_2), ("posted", NOTE)]
    console.create_theme(THEME)
    assert console.message() == f"Created “{THEME}”."
    console.send_to(NOTE, THEME)
    # The other note may follow it there (a still-unsorted note follows the facilitator's
    # correction when it is like the note moved): either way each shows once, as typed.
    wall.wait(lambda: NOTE in (wall.board().get(THEME) or []), "the note in the theme on the wall")
    # The other note is somewhere on the wall, once (unsorted, or in a theme the server's
    # clustering made: its label comes from the note's words, and is text too). A note not
    # yet placed waits a moment before it shows in Unsorted, so this may take that moment.
    wall.wait(lambda: [n for c in wall.columns() for n in c["notes"]].count(NOTE_2) == 1, "the other note on the wall, once")
    cols = {c["label"]: c for c in console.columns()}
    assert NOTE in cols[THEME]["notes"] and set(cols[THEME]["notes"]) <= {NOTE, NOTE_2}, cols[THEME]["notes"]
    assert set(cols[THEME]["authors"]) == {f"{NAME}, {ORG}"}
    # The note's own controls name it (for screen readers) as text too.
    short = NOTE if len(NOTE) <= 60 else NOTE[:60] + "…"
    assert console.note_item(NOTE).find_element(By.CSS_SELECTOR, ".note-card").get_attribute("aria-label") == f"{short} — {NAME}, {ORG}"
    for s in (phone, wall, console):
        s.shot("opportunities")
        assert_nothing_ran(s)

    console.set_phase("requirements")
    phone.post("A pipeline of machinists")
    console.create_theme(AREA)
    console.set_phase("commitments")
    phone.champion(AREA)
    phone.nominate(NOMINEE, ORG, area=AREA)
    assert phone.nominations() == [(f"{NOMINEE}, {ORG}", f"for {AREA}")]
    wall.wait(lambda: (wall.areas() or {}).get(AREA, {}).get("champions") == [NAME], "the champion on the wall")
    assert wall.areas()[AREA]["orgs"] == [ORG]
    console.wait_equal(lambda: console.champion_cards().get(AREA), f"Champions: {NAME}, {ORG}", "the champion on the console")
    console.wait(lambda: console.nominations(), "the nomination on the console")
    assert console.nominations()[0][:2] == (NOMINEE, ORG)
    assert console.nominations()[0][3:] == (AREA, f"{NAME}, {ORG}")

    console.set_phase("wrap-up")
    console.type_into("call-host", HOST)
    console.click(console.driver.find_element(By.CSS_SELECTOR, "#next-steps-form button[type=submit]"))
    wall.wait(lambda: (wall.next_steps() or {}).get("Champions' call", "").endswith(f"hosted by {HOST}"), "the host on the wall")

    for s in (phone, wall, console):
        s.shot("wrap-up")
        assert_nothing_ran(s)
    # A fresh load (a snapshot rather than live events) draws the same text the same way.
    for s in (phone, wall, console):
        s.reload()
        assert_nothing_ran(s)
    assert phone.you() == f"{NAME}, {ORG} · Employer"
    assert NOTE in [t for _, t in phone.notes()]
    assert wall.areas()[AREA]["champions"] == [NAME]
