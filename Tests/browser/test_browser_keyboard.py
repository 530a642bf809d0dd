"""The console's theme board by keyboard alone: Tab to a control, type, press Enter; no mouse."""
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys

NOTE_A = "Drone makers are growing in the region"
NOTE_B = "Small aircraft parts suppliers are expanding"

# What has the keyboard focus, as a person would identify it.
FOCUSED = """
const el = document.activeElement;
if (!el || el === document.body) return null;
const col = el.closest('.console-column');
const note = el.closest('.console-note');
return {
  id: el.id, tag: el.tagName.toLowerCase(), cls: el.className,
  label: el.getAttribute('aria-label') || (el.labels && el.labels[0] ? text(el.labels[0]) : null) || text(el).trim(),
  column: col ? text(col.querySelector('.column-label')) : null,
  note: note ? text(note.querySelector('.note-text')) : null,
};
"""

# Whether the focused element can be seen: an outline drawn, and not under the sticky bars.
FOCUS_VISIBLE = """
const el = document.activeElement;
const style = getComputedStyle(el);
const r = el.getBoundingClientRect();
const x = r.left + Math.min(r.width / 2, 20), y = r.top + r.height / 2;
const top = document.elementFromPoint(x, y);
return {
  outline: style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) >= 2,
  uncovered: !!top && (top === el || el.contains(top)),
  inViewport: r.top >= 0 && r.bottom <= innerHeight,
};
"""


class Keyboard:
    def __init__(self, console):
        self.console = console
        self.presses = 0

    def press(self, *keys):
        ActionChains(self.console.driver).send_keys(*keys).perform()
        self.presses += 1

    def focused(self):
        return self.console.js(FOCUSED)

    def tab_to(self, what, predicate, limit=200, backwards=False):
        """Presses Tab (or Shift+Tab) from wherever the focus is until the focused element
        matches (going round the page if need be); checks that it can be seen."""
        for _ in range(limit):
            if backwards:
                ActionChains(self.console.driver).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
            else:
                self.press(Keys.TAB)
            f = self.focused()
            if f and predicate(f):
                visible = self.console.js(FOCUS_VISIBLE)
                assert visible == {"outline": True, "uncovered": True, "inViewport": True}, \
                    f"the keyboard focus on {what} cannot be seen: {visible}"
                return f
        raise AssertionError(f"Tab never reached {what}")


def test_theme_board_by_keyboard(screens, facilitator, ws_phone):
    wall = screens.wall()
    console = screens.console()
    facilitator("setPhase", phase="opportunities")
    phone = ws_phone("Karen Lee", organization="Acme Machining")
    for note in (NOTE_A, NOTE_B):
        assert phone.post(note)["type"] == "ack"
    console.wait(lambda: sorted(n for c in console.columns() for n in c["notes"]) == sorted([NOTE_A, NOTE_B]),
                 "the notes on the console")
    keys = Keyboard(console)
    console.driver.execute_script("document.activeElement && document.activeElement.blur(); scrollTo(0, 0);")

    # The section links jump to the board with its heading in sight, not under the sticky bar.
    keys.tab_to("the Themes section link", lambda f: f["tag"] == "a" and f["label"] == "Themes")
    keys.press(Keys.ENTER)
    console.wait_js("return location.hash === '#board-section';", message="the jump to the board")
    heading = console.js("""
        const h = $('board-heading'), r = h.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + 5, r.top + r.height / 2);
        return {text: text(h), uncovered: top === h || h.contains(top)};""")
    assert heading == {"text": "Themes", "uncovered": True}, heading

    # Create two themes: Tab to the label field, type, Enter. (Their first letters match no
    # other option, whatever themes the server's clustering proposes from the notes' words.)
    for label in ("Flight", "Helicopters"):
        keys.tab_to("the new theme field", lambda f: f["id"] == "new-theme-label")
        keys.press(label, Keys.ENTER)
        console.wait(lambda label=label: console.column(label), f"theme {label!r} created from the keyboard")
        assert console.by_id("new-theme-label").get_attribute("value") == ""
    console.shot("themes-created")

    # Move each note: Tab to its card, Space selects it, Tab on to the theme's "Move here", Enter.
    for note, label in ((NOTE_A, "Flight"), (NOTE_B, "Helicopters")):
        # The grouping may already have put the note in the facilitator's theme its name
        # matches: then it goes to the other one, so every note is moved by the keyboard.
        if note in console.board().get(label, []):
            label = "Helicopters" if label == "Flight" else "Flight"
        f = keys.tab_to(f"the card of {note!r}", lambda f, note=note: f["tag"] == "button" and f["note"] == note and "note-card" in f["cls"])
        assert f["label"].startswith(note), f
        keys.press(Keys.SPACE)
        console.wait_js("return document.activeElement.getAttribute('aria-pressed') === 'true';", message="the card selected by Space")
        # Tab goes on to the columns after this one, Shift+Tab back to those before it.
        order = [c["label"] for c in console.columns()]
        here = next(c["label"] for c in console.columns() if note in c["notes"])
        f = keys.tab_to(f"Move here of {label}", lambda f, label=label: f["tag"] == "button" and "move-here" in f["cls"] and f["column"] == label,
                        backwards=order.index(label) < order.index(here))
        assert f["label"] == f"Move 1 selected note to “{label}”", f
        keys.press(Keys.ENTER)
        console.wait(lambda note=note, label=label: note in console.board().get(label, []),
                     f"{note!r} moved to {label!r} from the keyboard")
        wall.wait(lambda note=note, label=label: note in wall.board().get(label, []), f"{note!r} in {label!r} on the wall")
        # The keyboard stays on the note, now in its new column, so the next key acts on it.
        f = console.wait(lambda note=note: (lambda f: f if f and f["note"] == note else None)(keys.focused()),
                         "the focus to follow the moved note")
        assert f["column"] == label, f
    console.shot("notes-sent")

    # Merge "Helicopters" into "Flight": open "Merge" with Enter, choose, press Merge.
    keys.tab_to("Merge of Helicopters", lambda f: f["tag"] == "summary" and f["column"] == "Helicopters")
    keys.press(Keys.ENTER)
    keys.tab_to("the Merge into menu", lambda f: f["tag"] == "select" and f["column"] == "Helicopters" and "merge-into" in f["cls"])
    keys.press("F")
    f = keys.tab_to("the Merge button", lambda f: f["tag"] == "button" and f["column"] == "Helicopters")
    assert f["label"] == "Merge"
    keys.press(Keys.ENTER)
    console.wait(lambda: not console.column("Helicopters"), "Helicopters merged from the keyboard")
    # The keyboard goes on from the column it joined, not onto "Undo the merge" (a doubled
    # Enter would undo it).
    console.wait(lambda: (keys.focused() or {}).get("column") == "Flight", "the focus on Flight's Merge")
    assert sorted(console.board()["Flight"]) == sorted([NOTE_A, NOTE_B])
    wall.wait_equal(lambda: {k: v for k, v in wall.board().items() if v}, {"Flight": sorted([NOTE_A, NOTE_B])},
                    "the merged theme on the wall")
    console.shot("merged")
    wall.shot("merged")

    # Back up the page with Shift+Tab to the phase buttons: what scrolls in from above must not
    # hide under the sticky bars. Enter moves the meeting on.
    keys.tab_to("the Requirements phase button", lambda f: f["tag"] == "button" and f["label"] == "Requirements",
                backwards=True)
    keys.press(Keys.ENTER)
    wall.wait(lambda: wall.phase() == "Requirements", "the requirements phase, started from the keyboard")
    console.shot("requirements")


def test_arrow_keys_cross_the_board_and_m_moves_the_selection(screens, facilitator, ws_phone, settle):
    """Tab alone took 30 presses and more to go from a card to another theme's "Move here" on a
    25-note board: on a card, the arrow keys go from card to card, M moves the selection, and
    K keeps a note in place."""
    console = screens.console()
    facilitator("setPhase", phase="opportunities")
    phone = ws_phone("Karen Lee", organization="Acme Machining")
    notes = {"Flight": ["Drone makers are growing in the region", "Small aircraft parts suppliers are expanding"],
             "Boats": ["Boat builders want composite technicians", "The marina expansion needs welders"],
             "Trains": ["Rail car repair shop is hiring", "A freight rail spur for heavy parts"]}
    ids = {}
    for texts in notes.values():
        for text in texts:
            ids[text] = phone.post(text)["note"]
    settle()
    for label, texts in notes.items():
        theme = facilitator("createTheme", kind="opportunity", label=label)["theme"]
        for text in texts:
            facilitator("moveNote", note=ids[text], theme=theme)
    console.wait(lambda: {c: sorted(n) for c, n in console.board().items() if n} == {c: sorted(t) for c, t in notes.items()},
                 "the three themes on the console")
    def shown():
        return {c["label"]: c["notes"] for c in console.columns() if c["notes"]}   # in the order on screen
    order = list(shown())
    keys = Keyboard(console)
    first = order[0]
    console.js("""
        const card = [...document.querySelectorAll('.console-note')].find((li) => text(li.querySelector('.note-text')) === arguments[0]);
        card.querySelector('.note-card').focus();""", shown()[first][0])
    # Down within the column, then right to the next theme at the same height.
    keys.press(Keys.ARROW_DOWN)
    f = keys.focused()
    assert (f["column"], f["note"]) == (first, shown()[first][1]), f
    keys.press(Keys.ARROW_RIGHT)
    f = keys.focused()
    assert (f["column"], f["note"]) == (order[1], shown()[order[1]][1]), f
    assert console.js(FOCUS_VISIBLE) == {"outline": True, "uncovered": True, "inViewport": True}
    # Select it, go on to the third theme, M moves it there; the focus follows the note.
    picked = f["note"]
    keys.press(Keys.SPACE)
    console.wait_js("return document.activeElement.getAttribute('aria-pressed') === 'true';", message="the card selected by Space")
    keys.press(Keys.ARROW_RIGHT)
    assert keys.focused()["column"] == order[2]
    keys.press("m")
    console.wait(lambda: picked in shown().get(order[2], []), f"{picked!r} moved to {order[2]!r} by M")
    f = console.wait(lambda: (lambda f: f if f and f["note"] == picked else None)(keys.focused()), "the focus to follow the moved note")
    assert f["column"] == order[2]
    console.shot("moved by arrows and M")
    # Nothing is selected now: M moves nothing; the arrows stop at the board's edges.
    before = shown()
    keys.press(Keys.ARROW_RIGHT)
    keys.press("m")
    for _ in range(4):
        keys.press(Keys.ARROW_UP)
    f = keys.focused()
    assert f["note"] == shown()[f["column"]][0], f
    settle()
    assert shown() == before
    # K keeps the focused card's note in place when nothing is selected (a "Check" agreed with).
    extra = "Tugboat engines need rebuilding"
    phone.post(extra)
    console.wait(lambda: extra in [n for notes in shown().values() for n in notes], "the new note on the console")
    settle()
    console.js("""
        const card = [...document.querySelectorAll('.console-note')].find((li) => text(li.querySelector('.note-text')) === arguments[0]);
        card.querySelector('.note-card').focus();""", extra)
    assert not console.js("return document.activeElement.closest('.console-note').classList.contains('by-hand');")
    keys.press("k")
    console.wait_js("""return [...document.querySelectorAll('.console-note')].some((li) =>
        text(li.querySelector('.note-text')) === arguments[0] && li.classList.contains('by-hand'));""", extra,
                    message="the note kept in place by K")
    # A theme just created is empty: with a note selected, the arrows reach its "Move 1 here".
    facilitator("createTheme", kind="opportunity", label="Ferries")
    console.wait(lambda: console.column("Ferries") is not None, "the empty theme on the console")
    console.js("""
        const card = [...document.querySelectorAll('.console-note')].find((li) => text(li.querySelector('.note-text')) === arguments[0]);
        card.querySelector('.note-card').focus();""", extra)
    keys.press(Keys.SPACE)
    console.wait_js("return document.activeElement.getAttribute('aria-pressed') === 'true';", message="the card selected")
    labels = [c["label"] for c in console.columns()]
    here = next(c["label"] for c in console.columns() if extra in c["notes"])
    arrow = Keys.ARROW_RIGHT if labels.index("Ferries") > labels.index(here) else Keys.ARROW_LEFT
    for _ in range(len(labels)):
        f = keys.focused()
        if f and "move-here" in f["cls"]:
            break
        keys.press(arrow)
    assert f["column"] == "Ferries" and f["label"] == "Move 1 selected note to “Ferries”", f
    keys.press(Keys.ENTER)
    console.wait(lambda: extra in shown().get("Ferries", []), "the note moved into the empty theme from the keyboard")
