"""The console previews the summary and says what is still a draft; without e-mail set up it
says so up front; the wall shows the join QR code drawn by the server."""


def test_summary_preview_recipients_and_qr_code(screens, facilitator, server):
    wall = screens.wall()
    phone = screens.phone()
    phone.join("Karen Lee", "Acme Machining", email="karen@acme.example", consent=True)
    wall.wait_js("const img = $('welcome-qr'); return !img.hidden && img.complete && img.naturalWidth > 0;",
                 message="the QR code image on the wall")
    wall.shot("welcome with QR code")
    facilitator("setPhase", phase="opportunities")
    phone.post("Drone makers are growing <b>here</b>")

    console = screens.console()
    console.click(console.by_id("summary-preview-button"))
    console.wait_js("return shown($('summary-preview')) && text($('summary-preview')).includes('Drone makers are growing <b>here</b>');",
                    message="the summary preview with the note, as text")
    assert console.js("return $('summary-preview').querySelector('b') === null;"), "user text is never HTML"
    preview = console.js("return text($('summary-preview'));")
    assert "Priority opportunities" in preview and "Karen Lee, Acme Machining" in preview
    # A note in no theme yet is still what the room raised: never "no opportunities".
    assert "No opportunities were recorded" not in preview and "not yet grouped into themes" in preview, preview

    # In a theme whose sentence is still the suggestion: said beside the downloads, which go
    # out as they are.
    drones = facilitator("createTheme", kind="opportunity", label="Drones")["theme"]
    console.send_to("Drone makers are growing <b>here</b>", "Drones")
    console.click(console.by_id("summary-preview-button"))
    console.wait_js("return shown($('summary-drafts')) && text($('summary-drafts')).startsWith('1 theme still reads as suggested from the notes (“Drones”).');",
                    message="the warning that a theme still reads as suggested, beside the downloads")
    # Written, the warning goes at once (it stayed, out of date, until the next preview).
    console.click(console.by_id("summary-words-button"))
    area = console.wait(lambda: console.js(f"return $('synthesis-{drones}');"), "the sentence for Drones")
    area.clear()
    area.send_keys("Drone makers are growing here.")
    console.click(area.find_element("xpath", "./ancestor::form//button[@type='submit']"))
    console.wait_js("return !shown($('summary-drafts')) || !text($('summary-drafts')).includes('still reads as suggested');",
                    message="the warning gone once the sentence is written")
    # This server has no e-mail set up: the console says so before anyone presses Send, and
    # offers the downloads instead of a list of recipients (test_browser_summary_mail.py sends).
    assert console.js("return shown($('mail-unavailable')) && !shown($('mail-recipients-button'));")
    assert "E-mail is not set up on this server" in console.js("return text($('mail-unavailable'));")
    console.shot("summary without e-mail")


def test_the_facilitator_writes_the_summarys_words_and_corrects_a_note(screens, facilitator):
    """The opening and a sentence per theme, prefilled with suggestions, written in the
    console; a typo corrected for the summary while phones keep the author's words."""
    phone = screens.phone()
    phone.join("Karen Lee", "Acme Machining")
    facilitator("setPhase", phase="opportunities")
    phone.post("cant find welders!!")
    phone.post("Drone makers are growing")
    theme = facilitator("createTheme", kind="opportunity", label="Skilled workers")["theme"]
    console = screens.console()
    console.wait(lambda: "cant find welders!!" in [n for c in console.columns() for n in c["notes"]], "the note on the console")
    # (The grouping may already have put it in the facilitator's theme, whose name it matches.)
    if "cant find welders!!" not in console.board().get("Skilled workers", []):
        console.send_to("cant find welders!!", "Skilled workers")

    # Correct the typo for the summary: select the card, type, save.
    console.click(console.note_item("cant find welders!!").find_element("css selector", ".note-card"))
    # Folded until asked for (the selection bar keeps to two rows on a laptop).
    console.wait_js("return shown($('correct-open')) && !shown($('correct-form'));", message="'Correct for the summary…' for one selected note")
    console.click(console.by_id("correct-open"))
    console.wait_js("return shown($('correct-form')) && document.activeElement === $('correct-text');", message="the correction field, focused")
    field = console.by_id("correct-text")
    field.clear()
    field.send_keys("Welders are hard to find")
    console.click(console.driver.find_element("css selector", "#correct-form button[type=submit]"))
    console.wait_js("return Array.from(document.querySelectorAll('.note-card .corrected')).some((e) => !e.hidden && text(e) === 'In the summary: Welders are hard to find');",
                    message="the card showing both texts")
    assert "cant find welders!!" in [n for c in console.columns() for n in c["notes"]], "the author's words stay on the board"

    # Write the words: the opening is prefilled with the sample's sentence, the theme with a suggestion.
    console.click(console.by_id("summary-words-button"))
    console.wait_js("return shown($('summary-words')) && !!$('synthesis-" + theme + "');", message="the editors")
    opening = console.by_id("opening-text").get_attribute("value")
    assert opening.startswith("The Region X Light Manufacturing Sector Partnership met") and "identifying priority opportunities" in opening, opening
    suggestion = console.by_id("synthesis-" + theme).get_attribute("value")
    assert "Welders are hard to find" in suggestion, suggestion
    area = console.by_id("synthesis-" + theme)
    area.clear()
    area.send_keys("Expand the pool of qualified welders.")
    console.click(area.find_element("xpath", "./ancestor::form//button[@type='submit']"))
    console.wait(lambda: console.message() == "Sentence saved.", "the sentence saved")
    console.shot("summary words")

    console.click(console.by_id("summary-preview-button"))
    console.wait_js("return text($('summary-preview')).includes('Skilled workers: Expand the pool of qualified welders.');",
                    message="the sentence in the summary")
    preview = console.js("return text($('summary-preview'));")
    assert "Welders are hard to find" in preview and "cant find welders" not in preview
    # What everyone receives names no company behind a note (the wall showed none).
    assert "— Acme Machining" not in preview, preview
    # Phones keep the author's words.
    assert ("posted", "cant find welders!!") in phone.notes()
