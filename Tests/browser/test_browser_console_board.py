"""The console's board on one laptop screen (1366×768, issue 12): a 25-note phase corrected
by drag, by tap and by multi-select; an empty theme deleted; a theme renamed in place; the
phase bar in reach after scrolling; a regroup proposal previewed, applied and undone."""
import json
import os
import sqlite3
import time

from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select

from conftest import harness

# The 25-note wall the real-server tests use too: four topics, interleaved as a room posts.
TOPICS, NOTES = harness.FOUR_TOPICS, harness.FOUR_TOPICS_NOTES


def post_phase(facilitator, settle):
    facilitator("setPhase", phase="opportunities")
    for i, text in enumerate(NOTES):
        facilitator("post", id=f"n{i}", kind="opportunity", text=text,
                    scribe={"name": f"Employer {i}", "organization": f"Plant {i}", "role": "employer"})
        time.sleep(0.06)
    settle(quiet=1.0)


def viewport_shot(screen, label):
    """What the facilitator sees without scrolling: the 1366×768 viewport only."""
    import base64
    data = screen.driver.execute_cdp_cmd("Page.captureScreenshot", {"format": "png"})["data"]
    screen.counter[0] += 1
    path = os.path.join(screen.shot_dir, f"{screen.counter[0]:02d}-{screen.name}-{label}.png")
    with open(path, "wb") as f:
        f.write(base64.b64decode(data))


def board_notes(console):
    return {n for c in console.columns() for n in c["notes"]}


def test_a_phase_corrected_on_one_laptop_screen(screens, facilitator, settle):
    post_phase(facilitator, settle)
    wall = screens.wall()
    console = screens.console()
    console.wait(lambda: board_notes(console) == set(NOTES), "the 25 notes on the console")
    assert console.js("return location.hash;") == "", "the facilitator key left the address bar"
    viewport_shot(console, "25 notes as grouped")

    # The whole board fits the laptop's width: every column starts on screen, side by side.
    layout = console.js("""return Array.from($('console-board').children, (c) => {
        const r = c.getBoundingClientRect(); return {left: r.left, right: r.right, top: r.top};});""")
    assert all(c["right"] <= 1366 for c in layout), layout
    assert len({round(c["top"]) for c in layout}) == 1, "the columns sit in one row"
    # Their first cards start on one line too, whether a title takes one line or two.
    firsts = console.js("""return Array.from($('console-board').children, (c) => {
        const card = c.querySelector('.note-card'), title = c.querySelector('.column-title');
        return card && {card: card.getBoundingClientRect().top, lines: Math.round(title.getBoundingClientRect().height
            / parseFloat(getComputedStyle(title).lineHeight))};}).filter(Boolean);""")
    # (Unsorted's dashed border is a pixel wider than a theme's.)
    assert max(c["card"] for c in firsts) - min(c["card"] for c in firsts) <= 2, firsts
    # Column titles read whole: no word broken mid-word ("apprenticeshi|p") or past its column.
    assert console.words_not_whole("#console-board .label-button") == []
    # Compact cards: one to four lines of text and the author, no control rows.
    heights = console.js("return Array.from(document.querySelectorAll('#console-board .note-card'), (c) => c.getBoundingClientRect().height);")
    assert max(heights) <= 110, f"a note card is {max(heights)} px tall"

    # What the column's buttons and the cards' marks do, one click away (closed, it is one line).
    assert console.js("return !$('board-help').open;")
    console.click(console.driver.find_element(By.CSS_SELECTOR, "#board-help summary"))
    terms = console.js("return Array.from(document.querySelectorAll('#board-help dt'), (d) => text(d));")
    assert {"Lock", "Spotlight", "Split", "Merge", "Keep in place", "Split off"} <= set(terms), terms
    assert console.js("return $('board-help').getBoundingClientRect().bottom;") < 768, "the help fits on the laptop's screen"
    viewport_shot(console, "the board's help")
    console.click(console.driver.find_element(By.CSS_SELECTOR, "#board-help summary"))

    theme = console.create_theme("Welding workforce")
    # By drag and drop.
    console.drag_to(TOPICS["welding"][0], "Welding workforce")
    # By tap: select the card, press "Move here".
    console.send_to(TOPICS["welding"][1], "Welding workforce")
    # Several at once: select three cards, choose the theme in the selection bar, Move.
    for text in TOPICS["welding"][2:5]:
        console.click(console.note_item(text).find_element(By.CSS_SELECTOR, ".note-card"))
    console.wait_js("return text($('selection-count')) === '3 notes selected';", message="three notes selected")
    viewport_shot(console, "three selected")
    # Nothing moves on a hurried click: "Move" waits for a choice (Unsorted is the last one).
    assert console.js("return $('selection-move').disabled && $('selection-target').value === '';")
    assert console.js("return Array.from($('selection-target').options).at(-1).text;") == "Unsorted"
    console.choose(console.by_id("selection-target"), "Welding workforce")
    assert console.js("return !$('selection-move').disabled;")
    console.click(console.by_id("selection-move"))
    console.wait(lambda: set(TOPICS["welding"][:5]) <= set(console.board().get("Welding workforce", [])), "five welding notes moved")
    wall.wait(lambda: set(TOPICS["welding"][:5]) <= set(wall.board().get("Welding workforce", [])), "the moves on the wall")
    assert console.js("return $('selection-bar').hidden;"), "the selection is cleared after the move"

    # Rename in place: click the title, type, Enter.
    console.rename("Welding workforce", "Skilled welders")
    wall.wait(lambda: "Skilled welders" in wall.board(), "the new name on the wall")

    # The lock says what it does.
    tip = console.column("Skilled welders").find_element(By.CSS_SELECTOR, ".lock").get_attribute("title")
    assert "regroup" in tip and "move notes by hand" in tip, tip

    # An empty theme can be deleted (and only an empty one offers it).
    console.create_theme("Parking lot")
    assert not console.column("Skilled welders").find_element(By.CSS_SELECTOR, ".delete-theme").is_displayed()
    console.click(console.column("Parking lot").find_element(By.CSS_SELECTOR, ".delete-theme"))
    console.wait(lambda: not console.column("Parking lot"), "the empty theme deleted")
    assert theme in console.theme_ids()

    # The phase bar stays in reach after scrolling down the page.
    console.driver.execute_script("scrollTo(0, document.body.scrollHeight / 2);")
    bar = console.js("""const b = document.querySelector('#phase-buttons [data-phase=requirements]'), r = b.getBoundingClientRect();
        const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
        return {top: r.top, uncovered: top === b || b.contains(top), scrolled: scrollY > 0};""")
    assert bar["scrolled"] and bar["top"] >= 0 and bar["uncovered"], bar
    console.click(console.driver.find_element(By.CSS_SELECTOR, "#phase-buttons [data-phase=requirements]"))
    wall.wait(lambda: wall.phase() == "Requirements", "the phase changed from the sticky bar")
    # A phase with no note yet says what will happen, instead of an empty "Unsorted 0" box.
    wall.wait_js("return shown($('board-empty')) && !shown($('board')) && text($('board-empty')).includes('requirements');",
                 message="the empty requirements wall explains itself")
    console.driver.execute_script("scrollTo(0, 0);")
    console.click(console.driver.find_element(By.CSS_SELECTOR, "input[name=board-kind][value=opportunity]"))
    # The room now posts requirements while the board shows opportunities: the console says so.
    console.wait_js("return shown($('board-other-phase'));", message="the other phase noted")
    assert console.js("return text($('board-other-phase-text'));") == \
        "The room is posting requirements; this board shows the opportunities."
    viewport_shot(console, "corrected")
    console.click(console.by_id("board-follow-phase"))
    console.wait_js("return !shown($('board-other-phase')) && document.querySelector('input[name=board-kind][value=requirement]').checked;",
                    message="back on the room's phase")


def append_event(data_dir, body):
    """Appends an event to the meeting's log, as the server would have written it."""
    db = sqlite3.connect(os.path.join(data_dir, "convene.sqlite"))
    meeting, seq = db.execute("SELECT meeting, MAX(seq) FROM events GROUP BY meeting").fetchone()
    db.execute("INSERT INTO events (meeting, seq, body) VALUES (?, ?, ?)", (meeting, seq + 1, json.dumps(body)))
    db.commit()
    db.close()


def offer_proposal(server, movers, label):
    """Writes the proposal a checkpoint would make (the movers to a new theme) to the stopped
    server's log, as the clustering would."""
    append_event(server.data, {"type": "proposalOffered", "at": int(time.time() * 1000), "kind": "opportunity",
                               "proposal": {"newThemes": [{"id": "p1", "label": label}],
                                            "moves": [{"note": n["id"], "from": n["theme"], "to": "p1"} for n in movers],
                                            "removedThemes": []}})


def test_a_proposal_replaced_on_screen_says_so_and_apply_takes_the_one_shown(screens, server, facilitator, settle, console_ws):
    # The facilitator is reading a proposal when the grouping replaces it (here across a
    # restart of the server, which the console rides out): the box says it changed, and Apply
    # carries out the proposal on screen.
    post_phase(facilitator, settle)
    by_text = {n["text"]: n for n in console_ws().welcome["snapshot"]["notes"]}
    broadband = [by_text[t] for t in TOPICS["broadband"][:3]]
    server.stop()
    offer_proposal(server, broadband[:2], "Broadband & fiber")
    server.start()
    facilitator.client = console_ws()
    console = screens.console()
    console.wait_js("return shown($('proposal'));", message="the proposal on the console")
    assert "moving 2 notes" in console.js("return text($('proposal-text'));")
    assert console.js("return text($('proposal-updated'));") == "", "a first proposal is not an update"
    server.stop()
    offer_proposal(server, broadband, "Broadband & fiber")
    server.start()
    console.wait_js("return text($('proposal-text')).includes('moving 3 notes');", message="the new proposal on the console", timeout=20)
    assert console.js("return text($('proposal-updated'));") == "Updated just now, as the wall changed."
    assert console.js("return $('proposal').classList.contains('updated');")
    viewport_shot(console, "proposal updated")
    console.click(console.by_id("proposal-apply"))
    console.wait(lambda: sorted(console.board().get("Broadband & fiber", [])) == sorted(n["text"] for n in broadband),
                 "the proposal on screen applied: all three notes")
    console.wait_js("return $('proposal').hidden;", message="the box gone after Apply")


def test_a_regroup_proposal_is_previewed_applied_and_undone(screens, server, facilitator, settle, console_ws):
    post_phase(facilitator, settle)
    # The proposal a checkpoint would make, written to the log as the clustering would: two
    # notes to a new theme. (What the engine proposes is tested in WallPlacementTests; this
    # is about the console showing it.) Two notes the clustering placed, not by hand; a title
    # the titler could write (every word from the notes: one that no longer fits is rewritten).
    state = console_ws().welcome["snapshot"]
    by_text = {n["text"]: n for n in state["notes"]}
    movers = [by_text[TOPICS["broadband"][0]], by_text[TOPICS["broadband"][1]]]
    server.stop()
    append_event(server.data, {"type": "proposalOffered", "at": int(time.time() * 1000), "kind": "opportunity",
                               "proposal": {"newThemes": [{"id": "p1", "label": "Broadband & fiber"}],
                                            "moves": [{"note": n["id"], "from": n["theme"], "to": "p1"} for n in movers],
                                            "removedThemes": []}})
    server.start()
    facilitator.client = console_ws()
    wall = screens.wall()
    console = screens.console()
    console.wait_js("return shown($('proposal'));", message="the proposal on the console")
    preview = console.js("""return {text: text($('proposal-text')),
        marked: Array.from(document.querySelectorAll('#console-board .console-note.in-proposal'), (li) =>
          [text(li.querySelector('.note-text')), text(li.querySelector('.proposed'))])};""")
    assert "moving 2 notes" in preview["text"] and "“Broadband & fiber”" in preview["text"], preview
    assert sorted(preview["marked"]) == sorted([[n["text"], "→ new: Broadband & fiber"] for n in movers])
    # Nothing has moved: a proposal is not a change.
    assert "Broadband & fiber" not in wall.board()
    assert console.js("return $('undo-regroup-button').hidden;"), "nothing to undo yet: no Undo button"
    viewport_shot(console, "proposal previewed")

    console.click(console.by_id("proposal-apply"))
    console.wait(lambda: sorted(console.board().get("Broadband & fiber", [])) == sorted(n["text"] for n in movers),
                 "the proposal applied")
    wall.wait(lambda: sorted(wall.board().get("Broadband & fiber", [])) == sorted(n["text"] for n in movers), "applied on the wall")
    # The theme it opened keeps the title the facilitator saw in it, also once the grouping
    # has titled what the moves changed (in a walk-through one came up under another name).
    time.sleep(3)
    assert sorted(wall.board().get("Broadband & fiber", [])) == sorted(n["text"] for n in movers), wall.board()
    assert console.js("return $('proposal').hidden;")
    # Undo is offered now, also after a reload (the console's snapshot says so); the focus,
    # on Apply, went to the board's heading rather than back to the top of the page (and not
    # onto Undo, where a doubled Enter would undo it).
    console.wait_js("return shown($('undo-regroup-button'));", message="Undo offered")
    console.wait_js("return document.activeElement === $('board-heading');", message="the focus on the board after Apply")
    assert console_ws().welcome["snapshot"]["undoable"] == {"opportunity": 2}

    # The themes the notes left are titled again for what they now hold, a moment later
    # (on the clustering thread): no title keeps a word only the departed notes used.
    def stale_titles():
        import re
        stale = []
        for title, notes in console.board().items():
            if title in ("Unsorted", "Broadband & fiber"):
                continue
            words = [w for w in re.findall(r"[a-z0-9-]+", title.lower()) if w not in ("and",)]
            text = " ".join(notes).lower()
            stale += [f"{title}: {w}" for w in words if w not in text]
        return stale
    console.wait(lambda: not stale_titles(), "titles that fit the notes the columns now hold", timeout=15)
    viewport_shot(console, "proposal applied")

    # One step back, asked first: where the notes would go, by the names the columns will
    # carry (the titles the undo gives back: checked once it is done).
    console.click(console.by_id("undo-regroup-button"))
    console.wait_js("return shown($('undo-confirm'));", message="Undo asks first")
    question = console.js("return text($('undo-confirm-text'));")
    assert question.startswith("Undo the last regrouping? 2 notes go back"), question
    assert console.js("return document.activeElement === $('undo-confirm-no');"), "a doubled Enter does not undo"
    assert sorted(console.board().get("Broadband & fiber", [])) == sorted(n["text"] for n in movers), "asking moves nothing"
    viewport_shot(console, "undo asks first")
    console.click(console.by_id("undo-confirm-no"))
    console.wait_js("return $('undo-confirm').hidden;", message="the question goes")
    assert sorted(console.board().get("Broadband & fiber", [])) == sorted(n["text"] for n in movers), "kept as it is"
    console.click(console.by_id("undo-regroup-button"))
    console.wait_js("return shown($('undo-confirm'));", message="Undo asks again")
    console.click(console.by_id("undo-confirm-yes"))
    console.wait(lambda: all(n["text"] not in console.board().get("Broadband & fiber", []) for n in movers), "the proposal undone")
    undone = console_ws().welcome["snapshot"]
    back = {n["text"]: n["theme"] for n in undone["notes"]}
    assert all(back[n["text"]] == n["theme"] for n in movers), "each note is back where it was"
    labels = {t["id"]: t["label"] for t in undone["themes"]}
    assert all(f"“{labels[n['theme']]}”" in question for n in movers), (question, labels)
    console.wait_js("return $('undo-regroup-button').hidden;", message="nothing left to undo: the button goes")


def test_a_note_is_left_out_of_a_proposal_without_being_pinned(screens, server, facilitator, settle, console_ws):
    """A walk-through took a note out of a proposal with "Keep in place", and the note was then
    marked as placed by hand in a column it did not belong in. "Leave out" takes its move out
    and nothing else: the note stays, unpinned, and the rest of the proposal applies."""
    post_phase(facilitator, settle)
    by_text = {n["text"]: n for n in console_ws().welcome["snapshot"]["notes"]}
    movers = [by_text[t] for t in TOPICS["broadband"][:3]]
    server.stop()
    offer_proposal(server, movers, "Broadband & fiber")
    server.start()
    facilitator.client = console_ws()
    console = screens.console()
    console.wait_js("return shown($('proposal'));", message="the proposal on the console")
    assert "moving 3 notes" in console.js("return text($('proposal-text'));")
    assert "press “Leave out”" in console.js("return text($('proposal-how'));")
    assert console.js("return $('selection-leave-out').hidden;"), "nothing selected: no Leave out"
    out = movers[0]
    # The whole note and who wrote it, a mouse rest away (a card shows four lines).
    title = console.note_item(out["text"]).find_element(By.CSS_SELECTOR, ".note-card").get_attribute("title")
    assert title.startswith(out["text"] + "\n— ") and "Plant" in title, title
    console.click(console.note_item(out["text"]).find_element(By.CSS_SELECTOR, ".note-card"))
    console.wait_js("return shown($('selection-leave-out'));", message="Leave out offered for a card the proposal moves")
    viewport_shot(console, "a proposed card selected")
    console.click(console.by_id("selection-leave-out"))
    console.wait_js("return text($('message')).startsWith('Left out of the proposal: 1 note.');", message="the console says so")
    console.wait_js("return text($('proposal-text')).includes('moving 2 notes');", message="the proposal without it")
    note = next(n for n in console_ws().welcome["snapshot"]["notes"] if n["id"] == out["id"])
    assert not note["placedByHand"] and note["theme"] == out["theme"], note
    assert console.js("""for (const li of document.querySelectorAll('#console-board .console-note'))
        if (text(li.querySelector('.note-text')) === arguments[0]) return !li.classList.contains('in-proposal') && !li.classList.contains('by-hand');
        return false;""", out["text"]), "no arrow, no ✓ on the card left out"
    # "Broadband" was the left-out note's word only: the new theme is titled again for the
    # two notes still going there, and the console says so.
    title = console_ws().welcome["snapshot"]["proposals"]["opportunity"]["newThemes"][0]["label"]
    assert "broadband" not in title.lower(), title
    assert f"The new theme “Broadband & fiber” is now called “{title}”." in console.js("return text($('message'));")
    console.click(console.by_id("proposal-apply"))
    console.wait(lambda: sorted(console.board().get(title, [])) == sorted(n["text"] for n in movers[1:]),
                 "the rest of the proposal applied, under the title previewed")
    assert out["text"] not in console.board().get(title, [])


def test_split_on_a_column_of_notes_you_placed_says_why_it_proposes_nothing(screens, facilitator):
    """A walk-through merged two themes into seven notes and found no Split, and nothing saying
    why: the grouping never moves notes the facilitator placed (a merge places them, as moves
    by hand do: here both). The button stays on the merged column, and says so when pressed."""
    facilitator("setPhase", phase="opportunities")
    themes = {label: facilitator("createTheme", kind="opportunity", label=label)["theme"] for label in ("Welding", "Machining")}
    for i, (label, text) in enumerate([("Welding", "We cannot find certified welders"), ("Welding", "Weld inspectors are scarce"),
                                       ("Welding", "Teach welding in high schools"), ("Machining", "CNC machinists are retiring"),
                                       ("Machining", "Shared 5-axis machines at the college"), ("Machining", "Night shift machinists wanted")]):
        facilitator("post", id=f"m{i}", kind="opportunity", text=text, scribe={"name": "E", "organization": "Shop", "role": "employer"})
        facilitator("moveNote", note=f"m{i}", theme=themes[label])
    console = screens.console()
    console.wait(lambda: len(console.board().get("Machining", [])) == 3, "the notes placed")
    console.merge("Machining", "Welding")
    column = console.column("Welding")
    split = column.find_element(By.CSS_SELECTOR, ".split-meaning")
    assert split.is_displayed(), "Split is offered on six notes"
    before = console.board()
    console.click(split)
    message = console.wait(lambda: console.js("return text($('message'));") or None, "the console's answer")
    assert message == ("You placed the notes of “Welding” yourself (a merge places them too), so the grouping will not split them: "
                       "select the notes to split off, name the new theme in the bar and press “Split off”."), message
    assert console.board() == before and not console.js("return shown($('proposal'));")


def test_a_merge_is_undone_from_the_console(screens, facilitator):
    """A merge is done at once, and "Undo the merge of “…”" brings the theme back on the
    console and the wall: its name, its place among the columns and its notes, which the
    facilitator had placed (a walk-through's hurried merge took four actions and the name
    retyped to take back, and then the console asked before every merge instead)."""
    facilitator("setPhase", phase="opportunities")
    themes = {label: facilitator("createTheme", kind="opportunity", label=label)["theme"]
              for label in ("Welding", "Machining", "Trucking")}
    placed = [("Welding", "We cannot find certified welders"), ("Welding", "Weld inspectors are scarce"),
              ("Machining", "CNC machinists are retiring"), ("Machining", "Shared 5-axis machines at the college"),
              ("Trucking", "CDL drivers for the night runs")]
    for i, (label, text) in enumerate(placed):
        facilitator("post", id=f"u{i}", kind="opportunity", text=text, scribe={"name": "E", "organization": "Shop", "role": "employer"})
        facilitator("moveNote", note=f"u{i}", theme=themes[label])
    console, wall = screens.console(), screens.wall()
    before = {label: sorted(t for l, t in placed if l == label) for label in themes}
    console.wait_equal(lambda: {k: v for k, v in console.board().items() if v}, before, "the notes placed")
    wall.wait_equal(lambda: {k: v for k, v in wall.board().items() if v}, before, "the wall")
    undo = console.by_id("undo-merge-button")
    assert not undo.is_displayed(), "nothing to undo yet"

    console.merge("Machining", "Welding")
    assert console.message() == "Merged “Machining” into “Welding”. “Undo the merge” puts it back."
    assert undo.is_displayed() and undo.text == "Undo the merge of “Machining”", undo.text
    wall.wait(lambda: "Machining" not in wall.board(), "Machining off the wall")
    viewport_shot(console, "merged")

    console.click(undo)
    console.wait(lambda: console.message() == "“Machining” is back with its 2 notes.", "the console's answer")
    console.wait_equal(lambda: [c["label"] for c in console.columns() if c["label"] != "Unsorted"],
                       ["Welding", "Machining", "Trucking"], "Machining back in its place")
    assert {k: v for k, v in console.board().items() if v} == before
    wall.wait_equal(lambda: [c["label"] for c in wall.columns() if c["notes"]], ["Welding", "Machining", "Trucking"],
                    "Machining back on the wall, in its place")
    assert {k: v for k, v in wall.board().items() if v} == before
    # The facilitator had placed these notes: they are still theirs (the ✓), and nothing is left to undo.
    assert console.js("""return Array.from(document.querySelectorAll('#console-board .console-note'))
        .every((li) => li.classList.contains('by-hand'));""")
    assert not undo.is_displayed()
    viewport_shot(console, "merge-undone")
    wall.shot("merge-undone")


def test_an_undone_merge_of_strategy_areas_reads_the_same_on_a_live_wall_and_a_fresh_one(screens, facilitator):
    """In the commitments phase, with champions signed up: a wall that follows the merge and its
    undo event by event shows the areas and their champions as a wall opened afterwards does."""
    facilitator("setPhase", phase="requirements")
    areas = {label: facilitator("createTheme", kind="requirement", label=label)["theme"] for label in ("Training", "Permits", "Housing")}
    for i, (label, text) in enumerate([("Training", "Shared welding instructor"), ("Training", "Apprenticeships across firms"),
                                       ("Permits", "One county permit desk"), ("Permits", "Faster dock permits"),
                                       ("Housing", "Rooms for crews near the plant")]):
        facilitator("post", id=f"r{i}", kind="requirement", text=text, scribe={"name": "E", "organization": "Shop", "role": "employer"})
        facilitator("moveNote", note=f"r{i}", theme=areas[label])
    facilitator("setPhase", phase="commitments")
    people = [facilitator("addAttendee", name=name, organization=org, role="employer")["participant"]
              for name, org in (("Ana Ruiz", "Ruiz Welding"), ("Bo Chen", "Chen Marine"))]
    facilitator("signUp", participant=people[0], theme=areas["Training"])
    facilitator("signUp", participant=people[1], theme=areas["Training"])
    facilitator("signUp", participant=people[1], theme=areas["Permits"])
    wall, console = screens.wall(), screens.console()
    wall.wait(lambda: (wall.areas() or {}).get("Training", {}).get("champions") == ["Ana Ruiz", "Bo Chen"], "the champions on the wall")
    console.js("document.querySelector('input[name=board-kind][value=requirement]').click();")   # the strategy areas' board
    console.wait(lambda: "Training" in console.board(), "the strategy areas on the console")
    console.merge("Training", "Permits")
    wall.wait(lambda: "Training" not in (wall.areas() or {}), "Training merged away on the wall")
    undo = console.by_id("undo-merge-button")
    assert undo.text == "Undo the merge of “Training”", undo.text
    console.click(undo)
    wall.wait(lambda: "Training" in (wall.areas() or {}), "Training back on the wall")
    fresh = screens.wall(name="fresh-wall")
    fresh.wait(lambda: "Training" in (fresh.areas() or {}), "a wall opened afterwards")
    wall.wait_equal(lambda: wall.areas(), fresh.areas(), "the live wall as a fresh one")
    assert wall.areas()["Training"]["champions"] == ["Ana Ruiz", "Bo Chen"] and wall.areas()["Permits"]["champions"] == ["Bo Chen"]
    wall.shot("areas after undo")


def test_a_column_is_split_by_meaning_as_a_preview(screens, facilitator, settle, console_ws):
    """A column that mixes two things: "Split" on it asks the clustering which notes would
    leave for a new theme; the cards show it, nothing moves, and dismissing it leaves the
    board as it was. Small columns offer no "Split"."""
    post_phase(facilitator, settle)
    # The facilitator's own regroup first: the board then depends on the notes alone, not on
    # when each arrived.
    facilitator("updateMeeting", targetThemes=3)
    facilitator("regroup", kind="opportunity")
    settle(quiet=1.0)
    console = screens.console()
    console.wait(lambda: len(board_notes(console)) == len(NOTES), "every note on the console")
    columns = [c for c in console.columns() if c["label"] != "Unsorted"]
    offered = console.js("""return Array.from($('console-board').children).map((col) =>
        [text(col.querySelector('.column-label')), shown(col.querySelector('.split-meaning') || document.createElement('i'))]);""")
    for label, shown in offered:
        notes = next((c["notes"] for c in columns if c["label"] == label), [])
        assert shown == (len(notes) >= 6), (label, len(notes), shown)
    before = console.board()
    # The largest columns first, until one has a split to offer (a split must leave three
    # notes on each side; the console says so when it has none).
    big = None
    for column in sorted((c for c in columns if len(c["notes"]) >= 6), key=lambda c: -len(c["notes"])):
        console.click(console.column(column["label"]).find_element(By.CSS_SELECTOR, ".split-meaning"))
        console.wait_js("return /^(Splitting|No split to suggest)/.test(text($('message')));", message="the console's answer")
        if console.js("return text($('message'));").startswith("Splitting"):
            big = column
            break
        assert console.board() == before
        console.js("$('message').textContent = '';")
    assert big, f"no column of {[len(c['notes']) for c in columns]} notes could be split"
    console.wait_js("return shown($('proposal'));", message="the split previewed")
    preview = console.js("""return {heading: text($('proposal-heading')), text: text($('proposal-text')), status: text($('message')),
        marked: Array.from(document.querySelectorAll('#console-board .console-note.in-proposal'), (li) =>
          [text(li.closest('.console-column').querySelector('.column-label')), text(li.querySelector('.proposed'))])};""")
    # The proposal says it is the split the facilitator asked for, of which column, and that
    # once applied it is theirs.
    assert f"split “{big['label']}”: move" in preview["text"] and "to a new theme “" in preview["text"], preview
    assert "the split is yours" in preview["text"] and preview["heading"] == "Split proposal", preview
    assert f"Splitting “{big['label']}” would move" in preview["status"], preview
    assert len(preview["marked"]) >= 3 and len(big["notes"]) - len(preview["marked"]) >= 3, preview
    assert all(col == big["label"] and to.startswith("→ new: ") for col, to in preview["marked"]), preview
    assert console.board() == before, "a preview moves nothing"
    viewport_shot(console, "split previewed")
    # A note of the proposal the facilitator then places by hand (here: keeps where it is)
    # would not move on "Apply": its card no longer says it would.
    proposal = console_ws().welcome["snapshot"]["proposals"]["opportunity"]
    kept = proposal["moves"][0]
    facilitator("moveNote", note=kept["note"], theme=kept["from"])
    console.wait_js("return document.querySelectorAll('#console-board .console-note.in-proposal').length === arguments[0];",
                    len(proposal["moves"]) - 1, message="the card placed by hand no longer marked")
    n = len(proposal["moves"]) - 1
    assert f"move {n} {'note' if n == 1 else 'notes'} to a new theme" in console.js("return text($('proposal-text'));")
    before = console.board()
    console.click(console.by_id("proposal-dismiss"))
    console.wait_js("return !shown($('proposal'));", message="the split dismissed")
    assert console.board() == before


def test_the_notes_to_check_first_are_marked(screens, facilitator, settle, console_ws):
    """The console marks the notes the grouping is least sure of ("Check: could also go in …",
    naming another column), says how many in the board's summary, and drops the mark once
    the facilitator has placed the note by hand."""
    post_phase(facilitator, settle)
    console = screens.console()
    console.wait(lambda: board_notes(console) == set(NOTES), "the 25 notes on the console")
    console.wait_js("return document.querySelectorAll('#console-board .console-note.doubtful').length > 0;",
                    message="the notes to check marked")
    marked = console.js("""return Array.from(document.querySelectorAll('#console-board .console-note.doubtful'), (li) => ({
        text: text(li.querySelector('.note-text')), check: text(li.querySelector('.doubt')),
        column: text(li.closest('.console-column').querySelector('.column-label'))}));""")
    labels = {c["label"] for c in console.columns()}
    for m in marked:
        assert m["check"].startswith("Check: could also go in “"), m
        other = m["check"][len("Check: could also go in “"):-1]
        assert other in labels and other != m["column"], (m, labels)
    placed = sum(len(c["notes"]) for c in console.columns() if c["label"] != "Unsorted")
    assert 1 <= len(marked) <= -(-placed // 5), (len(marked), placed)
    assert f"{len(marked)} marked “Check”" in console.js("return text($('board-legend'));")
    viewport_shot(console, "notes to check")
    # A crowded column scrolls inside itself: its head says how many of its notes are marked,
    # and a press brings the next one into view, focused.
    heads = console.js("""return Array.from(document.querySelectorAll('#console-board .console-column'), (col) => ({
        label: text(col.querySelector('.column-label')), marked: col.querySelectorAll('.console-note.doubtful').length,
        head: shown(col.querySelector('.to-check')) ? text(col.querySelector('.to-check')) : ''}));""")
    for c in heads:
        assert c["head"] == (f"{c['marked']} to check" if c["marked"] else ""), c
    column = max(heads, key=lambda c: c["marked"])["label"]   # the column with the most marks
    button = console.js("""for (const col of document.querySelectorAll('#console-board .console-column'))
        if (text(col.querySelector('.column-label')) === arguments[0]) return col.querySelector('.to-check');""", column)
    console.click(button)
    first = console.wait_js("""const card = document.activeElement, li = card && card.closest('.console-note');
        if (!li || !li.classList.contains('doubtful') || text(li.closest('.console-column').querySelector('.column-label')) !== arguments[0]) return false;
        const list = li.closest('.console-notes').getBoundingClientRect(), r = card.getBoundingClientRect();
        return r.top >= list.top - 1 && r.bottom <= list.bottom + 1 && li.dataset.key;""", column, message="a marked note of that column in view, focused")
    # The next press goes to the next marked card of the column (and round again to the first).
    count = next(c["marked"] for c in heads if c["label"] == column)
    seen = [first]
    for _ in range(count):
        console.click(button)   # (the handler focuses the card before the click returns)
        seen.append(console.js("return document.activeElement?.closest('.console-note.doubtful')?.dataset.key;"))
    assert len(set(seen[:count])) == count and seen[count] == seen[0], (count, seen)
    # Selecting a card offers "Move 1 here" on the other columns without pushing their cards
    # down under the pointer.
    # (Measured from each column's top: the page itself may scroll the clicked card into view.)
    tops = lambda: console.js("""return Array.from(document.querySelectorAll('#console-board .console-column'), (col) => {
        const list = col.querySelector('.console-notes');
        return Math.round(list.getBoundingClientRect().top - col.getBoundingClientRect().top); });""")
    before = tops()
    # The facilitator reads it, agrees, and keeps it in place: it is theirs now.
    console.click(console.note_item(marked[0]["text"]).find_element(By.CSS_SELECTOR, ".note-card"))
    console.wait_js("return shown($('selection-keep'));", message="Keep in place offered")
    assert console.js("return Array.from(document.querySelectorAll('#console-board .move-here')).filter(shown).length;") >= 1
    assert tops() == before, (before, tops())
    viewport_shot(console, "a marked note selected")
    console.click(console.by_id("selection-keep"))
    console.wait_js("return text($('message')).startsWith('Kept in place: 1 note.');", message="the console says so")
    note = next(n for n in console_ws().welcome["snapshot"]["notes"] if n["text"] == marked[0]["text"])
    assert note["placedByHand"] and note["theme"], note
    assert console.column(marked[0]["column"]) and marked[0]["text"] in console.board()[marked[0]["column"]], "kept where it was"
    console.wait_js("""return !Array.from(document.querySelectorAll('#console-board .console-note.doubtful'),
        (li) => text(li.querySelector('.note-text'))).includes(arguments[0]);""", marked[0]["text"], message="the mark dropped")
    # Or, in one press on the card itself: "Fine here" (on a note still marked now that the
    # marks were asked again).
    still = console.js("""return Array.from(document.querySelectorAll('#console-board .console-note.doubtful'), (li) =>
        [text(li.querySelector('.note-text')), text(li.closest('.console-column').querySelector('.column-label'))]);""")
    if still:
        second, column_of_second = still[0]
        console.wait_js("""for (const li of document.querySelectorAll('#console-board .console-note'))
            if (text(li.querySelector('.note-text')) === arguments[0]) return shown(li.querySelector('.doubt-ok'));
            return false;""", second, message="Fine here on the marked card")
        console.click(console.note_item(second).find_element(By.CSS_SELECTOR, ".doubt-ok"))
        console.wait_js("""for (const li of document.querySelectorAll('#console-board .console-note'))
            if (text(li.querySelector('.note-text')) === arguments[0]) return li.classList.contains('by-hand') && !li.classList.contains('doubtful');
            return false;""", second, message="the note kept in place, its mark gone")
        assert second in console.board()[column_of_second], "kept where it was"
    # A locked column is the facilitator's: none of its notes is marked.
    column = next(m["column"] for m in marked[1:]) if len(marked) > 1 else marked[0]["column"]
    theme = next(t["id"] for t in console_ws().welcome["snapshot"]["themes"] if t["label"] == column)
    facilitator("lockTheme", theme=theme, locked=True)
    console.wait_js("""return !Array.from(document.querySelectorAll('#console-board .console-note.doubtful'),
        (li) => text(li.closest('.console-column').querySelector('.column-label'))).includes(arguments[0]);""",
                    column, message="no mark in the locked column")


def test_on_behalf_of_people_without_a_phone_and_a_second_device_merged(screens, facilitator, ws_phone, console_ws):
    """The facilitator adds an attendee without a phone, signs them up as a champion (the
    wall shows it), names someone to invite, and merges the two records of a person who
    joined on two devices."""
    karen = ws_phone("Karen Lee", organization="Acme Machining")
    karen_tablet = ws_phone("Karen Lee", organization="Acme Machining")   # the same person, on a second device
    facilitator("setPhase", phase="requirements")
    assert karen_tablet.post("Faster permits for plant expansions")["type"] == "ack"
    area = facilitator("createTheme", kind="requirement", label="Permitting")["theme"]
    facilitator("setPhase", phase="commitments")
    assert karen_tablet.command({"type": "champion", "theme": area})["type"] == "ack"
    wall = screens.wall()
    console = screens.console()

    # Add Ruth, who has no phone, then sign her up for "Permitting" from the area's card.
    console.type_into("attendee-name", "Ruth Okafor")
    console.type_into("attendee-org", "Okafor Tool & Die")
    console.click(console.driver.find_element(By.CSS_SELECTOR, "#attendee-form button[type=submit]"))
    console.wait(lambda: any(p[0] == "Ruth Okafor" for p in console.participants()), "Ruth on the attendee list")
    card = console.wait(lambda: console.js("""
        for (const li of $('champion-areas').children) if (text(li.querySelector('.area-label')) === 'Permitting') return li;
        return null;"""), "the Permitting card")
    console.choose(card.find_element(By.CSS_SELECTOR, "select"), "Ruth Okafor, Okafor Tool & Die")
    console.click(card.find_element(By.CSS_SELECTOR, ".sign-up"))
    wall.wait(lambda: "Ruth Okafor" in ((wall.areas() or {}).get("Permitting", {}).get("champions", [])), "Ruth as a champion on the wall")

    # Two notes posted for Rita, who has no phone: she is listed among the participants, once,
    # and can be signed up like anyone else.
    for text in ("CDL school seats - waitlist is 3 months", "Paid CDL training for new hires"):
        console.type_into("scribe-name", "Rita Gomez")
        console.type_into("scribe-org", "Corridor CDL Academy")
        console.choose(console.by_id("scribe-kind"), "Requirement")
        console.type_into("scribe-text", text)
        console.click(console.driver.find_element(By.CSS_SELECTOR, "#scribe-form button[type=submit]"))
        console.wait(lambda t=text: any(n["text"] == t and n["scribed"]["name"] == "Rita Gomez"
                                        for n in console_ws().welcome["snapshot"]["notes"] if n.get("scribed")), f"{text!r} posted")
    assert [p[0] for p in console.participants()].count("Rita Gomez") == 1, console.participants()
    assert "Rita Gomez, Corridor CDL Academy" in console.js(
        "return Array.from(document.querySelectorAll('#champion-areas select option'), (o) => text(o));")

    # Name someone to invite on behalf of the room.
    console.type_into("fnom-name", "Sam Patel")
    console.type_into("fnom-org", "County Permits Office")
    console.choose(console.by_id("fnom-area"), "Permitting")
    console.click(console.driver.find_element(By.CSS_SELECTOR, "#facilitator-nominate-form button[type=submit]"))
    console.wait(lambda: any(n[0] == "Sam Patel" and n[3] == "Permitting" and n[4] == "Facilitator" for n in console.nominations()),
                 "Sam among the people to invite")
    # His e-mail was mistyped: "Edit" loads him into the form, and saving corrects him in place.
    console.type_into("fnom-name", "Ana Ruiz")
    console.type_into("fnom-org", "Valley Welding")
    console.type_into("fnom-contact", "ana@valleywelding.exmaple")
    console.click(console.driver.find_element(By.CSS_SELECTOR, "#facilitator-nominate-form button[type=submit]"))
    console.wait(lambda: any(n[0] == "Ana Ruiz" for n in console.nominations()), "Ana among the people to invite")
    console.click(console.driver.find_element(By.CSS_SELECTOR, "#nominations button[aria-label='Edit Ana Ruiz']"))
    assert console.js("return $('fnom-contact').value;") == "ana@valleywelding.exmaple"
    assert console.js("return text($('fnom-submit'));") == "Save the changes"
    console.js("$('fnom-contact').value = '';")
    console.type_into("fnom-contact", "ana@valleywelding.example")
    console.choose(console.by_id("fnom-area"), "Permitting")
    viewport_shot(console, "a nomination corrected")
    console.click(console.by_id("fnom-submit"))
    console.wait(lambda: ("Ana Ruiz", "Valley Welding", "ana@valleywelding.example", "Permitting", "Facilitator") in console.nominations(),
                 "Ana corrected in place")
    assert [n[0] for n in console.nominations()] == ["Sam Patel", "Ana Ruiz"], console.nominations()
    assert console.js("return text($('fnom-submit'));") == "Add to the people to invite", "the form names someone new again"
    assert console.js("return $('fnom-name').value;") == ""

    # Karen appears twice: merge the tablet's record into the phone's, confirmed.
    people = [p for p in console.participants() if p[0] == "Karen Lee"]
    assert len(people) == 2
    rows = console.driver.find_elements(By.CSS_SELECTOR, "#people tr")
    tablet_row = rows[1]   # joined second
    Select(tablet_row.find_element(By.CSS_SELECTOR, "select.merge-into")).select_by_index(1)
    console.click(tablet_row.find_element(By.CSS_SELECTOR, ".merge-button"))
    confirm = console.wait(lambda: console.js("return Array.from(document.querySelectorAll('#people .confirm-row')).find((r) => !r.hidden) || null;"),
                           "the confirmation")
    assert "cannot be undone" in confirm.text and "1 note" in confirm.text
    viewport_shot(console, "merge confirmation")
    console.click(confirm.find_element(By.CSS_SELECTOR, ".confirm-yes"))
    console.wait(lambda: [p[0] for p in console.participants()].count("Karen Lee") == 1, "one Karen left")
    snap = console_ws().welcome["snapshot"]
    karen_id = next(p["id"] for p in snap["participants"] if p["name"] == "Karen Lee")
    assert karen_id == karen.participant, "the phone's (first) record survives"
    assert [n["author"] for n in snap["notes"] if not n.get("scribed")] == [karen_id], "the tablet's note is now Karen's"
    assert {"participant": karen_id, "theme": area} in snap["champions"]
    # The tablet goes on as Karen: it can still withdraw the note it posted.
    note = snap["notes"][0]["id"]
    assert karen_tablet.command({"type": "withdraw", "note": note})["type"] == "ack"
    wall.wait(lambda: "Karen Lee" in ((wall.areas() or {}).get("Permitting", {}).get("champions", [])), "Karen still a champion on the wall")


def test_a_name_typed_in_lower_case_is_written_right_everywhere(screens, facilitator):
    """A walk-through's chair typed "tom becker" on the phone: the wall, the attendees, the summary
    and "Dear tom becker," kept it so. The facilitator corrects it from the attendee list, and the
    wall and the person's own phone read it at once."""
    phone = screens.phone()
    phone.join("tom becker", "riverbend senior living")
    wall = screens.wall()
    console = screens.console()
    console.wait(lambda: any(p[0] == "tom becker" for p in console.participants()), "tom on the attendee list")
    row = console.driver.find_element(By.CSS_SELECTOR, "#people tr")
    # The console points at it: typed so, it would go into the letters so.
    assert console.js("return shown(arguments[0].querySelector('.typed-case')) && text(arguments[0].querySelector('.typed-case'));", row) \
        == "typed in small letters: “Edit name” offers it with capitals — check it and save"
    assert console.people_summary().endswith(
        "1 name was typed all in capitals or in small letters (or its organization): correct it below before the summary goes out.")
    console.click(row.find_element(By.CSS_SELECTOR, ".rename-button"))
    form = console.wait(lambda: console.js("return Array.from(document.querySelectorAll('#people .rename-row')).find((r) => !r.hidden) || null;"),
                        "the fields to correct the name")
    # Offered with capitals, to check and save (a walk-through's "jen tran" opened as typed,
    # and Save kept it so).
    assert console.js("return [arguments[0].querySelector('.rename-name').value, arguments[0].querySelector('.rename-org').value];",
                      form) == ["Tom Becker", "Riverbend Senior Living"], "filled with the name written as it should read"
    assert console.js("return document.activeElement.classList.contains('rename-name');"), "the keyboard in the name field"
    viewport_shot(console, "correcting a name")
    console.click(form.find_element(By.CSS_SELECTOR, "button[type=submit]"))
    console.wait(lambda: console.participants()[0][:2] == ("Tom Becker", "Riverbend Senior Living"), "the corrected record")
    assert "Saved: Tom Becker, Riverbend Senior Living." in console.message()
    assert console.js("return document.querySelector('#people .rename-row').hidden;"), "the fields close once saved"
    assert console.js("return document.activeElement.classList.contains('rename-button');"), "the keyboard back on Edit name"
    phone.wait(lambda: (phone.you() or "").startswith("Tom Becker, Riverbend Senior Living"), "the phone's own line")
    assert not console.js("return shown(document.querySelector('#people .typed-case'));") and "typed all" not in console.people_summary()
    wall.wait_js("return Array.from($('joined-orgs').children, text).includes('Riverbend Senior Living');", message="the organization on the wall")


def test_notes_from_several_columns_are_put_in_a_new_theme_at_once(screens, facilitator):
    """A walk-through selected three notes from two columns and Unsorted to make a theme of
    them, and had to create it and move them one by one: the selection bar puts notes from
    several columns in a new theme in one step."""
    facilitator("setPhase", phase="opportunities")
    texts = {"a": "Mexico carriers need US partners for cross-border loads",
             "b": "Nearshoring plants in Monterrey ship north on I-35 and I-80",
             "c": "Cold storage near the rail ramp"}
    first = facilitator("createTheme", kind="opportunity", label="Freight hub")["theme"]
    second = facilitator("createTheme", kind="opportunity", label="Cold chain")["theme"]
    for key, text in texts.items():
        facilitator("post", id=key, kind="opportunity", text=text,
                    scribe={"name": f"Employer {key}", "organization": f"Carrier {key}", "role": "employer"})
    facilitator("moveNote", note="a", theme=first)
    facilitator("moveNote", note="b", theme=second)
    facilitator("moveNote", note="c", theme=second)
    console = screens.console()
    console.wait(lambda: sorted(console.board().get("Cold chain", [])) == sorted([texts["b"], texts["c"]]), "the notes on the console")
    for key in ("a", "b"):
        console.click(console.wait(lambda k=key: console.note_item(texts[k]), "the card").find_element(By.CSS_SELECTOR, ".note-card"))
    console.wait_js("return text($('selection-count')) === '2 notes selected';", message="two notes selected")
    assert console.js("return shown($('split-form')) && text(document.querySelector('label[for=split-label]'));") == "Put in a new theme"
    console.type_into("split-label", "Mexico trade")
    console.click(console.driver.find_element(By.CSS_SELECTOR, "#split-form button[type=submit]"))
    console.wait(lambda: sorted(console.board().get("Mexico trade", [])) == sorted([texts["a"], texts["b"]]),
                 "both notes in the new theme")
    assert texts["c"] in console.board()["Cold chain"]
    assert "Moved 2 notes to “Mexico trade”." in console.message()
    # Placed by the facilitator, as any move by hand: each card carries the console's "✓ placed by you".
    marks = console.js("""for (const col of $('console-board').children)
          if (text(col.querySelector('.column-label')) === 'Mexico trade')
            return Array.from(col.querySelectorAll('.console-note'), (li) => li.classList.contains('by-hand'));""")
    assert marks == [True, True], marks
    viewport_shot(console, "put in a new theme")
    # A selection with a note already in the theme it goes to: the answer counts it apart
    # (a walk-through read "Moved 1 note" for two, and nothing about the other).
    for key in ("a", "c"):
        console.click(console.note_item(texts[key]).find_element(By.CSS_SELECTOR, ".note-card"))
    console.wait_js("return text($('selection-count')) === '2 notes selected';", message="two notes selected again")
    console.choose(console.by_id("selection-target"), "Mexico trade")
    console.click(console.by_id("selection-move"))
    console.wait(lambda: texts["c"] in console.board().get("Mexico trade", []), "the cold storage note moved")
    assert console.message() == "Moved 1 note to “Mexico trade”. 1 was there already.", console.message()
    # Six themes and Unsorted still fit side by side on the laptop's screen (a walk-through's
    # Unsorted column was cut off at the right, behind a sideways scroll).
    for label in ("Apprenticeships and new talent", "Permitting, siting and interconnection", "New truck technology"):
        facilitator("createTheme", kind="opportunity", label=label)
    console.wait(lambda: len(console.columns()) == 7, "six themes and Unsorted")
    layout = console.js("""return Array.from($('console-board').children, (c) => c.getBoundingClientRect().right);""")
    assert max(layout) <= console.js("return $('console-board').getBoundingClientRect().right;") + 0.5, layout
    assert console.js("return $('console-board').scrollWidth <= $('console-board').clientWidth;"), "no sideways scroll"
    # No title runs under its column's counts (a walk-through saw "Apprenticeships" over "4 notes").
    overlaps = console.js("""return Array.from($('console-board').children).filter((col) => {
        const t = col.querySelector('.label-button'), n = col.querySelector('.column-counts');
        if (!t || !n) return false;
        const a = t.getBoundingClientRect(), b = n.getBoundingClientRect();
        const range = document.createRange(); range.selectNodeContents(t);
        return Array.from(range.getClientRects()).some((r) => r.right > b.left + 1 && r.left < b.right && r.bottom > b.top + 1 && r.top < b.bottom);
      }).map((col) => text(col.querySelector('.label-button')));""")
    assert overlaps == [], overlaps
    # Unsorted's name stays whole beside "0 notes + 2 hidden" (a walk-through read "Unsor ted").
    for i in range(2):
        facilitator("post", id=f"hid{i}", kind="opportunity", text=f"Hello everyone {i}",
                    scribe={"name": "Guest", "organization": "Visitor", "role": "employer"})
        facilitator("hideNote", note=f"hid{i}", hidden=True)
    console.wait(lambda: "hidden" in (console.js("""return text(Array.from($('console-board').children)
        .find((c) => c.classList.contains('unsorted')).querySelector('.column-counts'));""") or ""), "the hidden notes counted")
    lines = console.js("""const h = Array.from($('console-board').children).find((c) => c.classList.contains('unsorted')).querySelector('h3');
        const r = document.createRange(); r.selectNodeContents(h);
        return new Set(Array.from(r.getClientRects(), (x) => Math.round(x.top))).size;""")
    assert lines == 1, f"“Unsorted” broken over {lines} lines"
    viewport_shot(console, "six themes and Unsorted")
    # A seventh theme: the themes scroll sideways, and Unsorted stays in view at the right edge.
    facilitator("createTheme", kind="opportunity", label="Electrification")
    console.wait(lambda: len(console.columns()) == 8, "seven themes and Unsorted")
    unsorted = console.js("""const b = $('console-board').getBoundingClientRect();
        const u = Array.from($('console-board').children).find((c) => c.classList.contains('unsorted')).getBoundingClientRect();
        return u.left >= b.left - 0.5 && u.right <= b.right + 0.5;""")
    assert unsorted, "Unsorted in view"
    viewport_shot(console, "seven themes and Unsorted")
