"""The console previews the summary and lists who may receive it by e-mail; the wall shows
the join QR code drawn by the server."""


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

    console.click(console.by_id("mail-recipients-button"))
    console.wait_js("return shown($('mail-form')) && text($('mail-recipients')).includes('karen@acme.example');",
                    message="the recipient list")
    console.shot("summary and recipients")
    console.click(console.driver.find_element("css selector", "#mail-form button[type=submit]"))
    console.wait(lambda: (console.message() or "").startswith("E-mail is not set up"), "the server's answer without mail settings")
