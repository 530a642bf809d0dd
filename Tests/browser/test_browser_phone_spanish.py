"""A phone set to Spanish (360×740): the join page and the phone page speak Spanish, in the
workbook's terms (oportunidades, requisitos, áreas de estrategia, líderes); what people wrote
stays as written; the switch to English is remembered on the phone."""
from pages import describe_violations


def test_a_phone_set_to_spanish_takes_part_in_spanish(screens, facilitator, server, axe_source):
    facilitator("setPhase", phase="opportunities")
    phone = screens.phone("luis", languages="es-MX,es")
    assert phone.js("return navigator.languages[0];") == "es-MX"

    # The join-code page first, as someone typing the code from the screen sees it.
    phone.driver.get(f"{server.http}/index.html")
    phone.wait_js("return text(document.querySelector('h1')) === 'Unirse a la reunión';", message="the join-code page in Spanish")
    assert phone.js("return document.documentElement.lang;") == "es"
    assert phone.js("return text($('language'));") == "English"
    phone.type_into("code", "??")
    phone.click(phone.driver.find_element("css selector", "#code-form button[type=submit]"))
    assert phone.js("return text($('code-error'));") == "Escriba el código de seis caracteres que aparece en la pantalla."
    phone.shot("join code in Spanish")

    phone.driver.get(phone.url())
    phone.wait_ready()
    assert phone.js("return text($('join-heading'));") == "Unirse a la reunión"
    assert phone.js("return text(document.querySelector('label[for=join-name]'));") == "Su nombre"
    # A missing organization is said in Spanish, before anything reaches the server.
    phone.type_into("join-name", "Luis Ortega")
    phone.click(phone.driver.find_element("css selector", "#join-form button[type=submit]"))
    assert phone.js("return text($('join-error'));") == "Escriba su organización, por favor."
    phone.shot("join form in Spanish")
    phone.join("Luis Ortega", "Ortega Fabricación")

    assert phone.you() == "Luis Ortega, Ortega Fabricación · Empleador"
    assert phone.phase() == "Oportunidades"
    assert phone.question() == "¿Cuáles son las grandes oportunidades para nuestra industria en nuestra región?"
    assert phone.js("return text($('post-button'));") == "Publicar oportunidad"
    assert phone.js("return text($('status'));") == "Conectado"
    phone.type_into("note-text", "x" * 281)
    assert phone.js("return text($('note-count'));") == "1 carácter de más (280 como máximo)"
    phone.type_into("note-text", "")
    phone.post("Necesitamos soldadores certificados")
    place = phone.wait(lambda: phone.wall_places().get("Necesitamos soldadores certificados"), "where the note is")
    assert place in ("En la pantalla, aún sin tema",) or place.startswith("En la pantalla, en el tema “"), place
    assert phone.js("return text(document.querySelector('#notes .kind'));") == "Oportunidad"
    assert phone.js("return text(document.querySelector('#notes .edit'));") == "Editar"
    phone.shot("a note posted in Spanish")

    # A note being edited (in its round) keeps what was typed when the language changes.
    phone.click(phone.driver.find_element("css selector", "#notes .edit"))
    phone.wait_js("return shown(document.querySelector('#notes .edit-form'));", message="the edit form")
    phone.by_id("notes").find_element("css selector", ".edit-text").send_keys(" y soldadores de tubería")
    phone.click(phone.by_id("language"))
    phone.wait(lambda: phone.phase() == "Opportunities", "the page in English")
    assert phone.js("return document.querySelector('#notes .edit-text').value;") == \
        "Necesitamos soldadores certificados y soldadores de tubería"
    assert phone.js("return text(document.querySelector('#notes .edit-form button[type=submit]'));") == "Save"
    phone.click(phone.driver.find_element("css selector", "#notes .edit-form button.secondary"))
    phone.click(phone.by_id("language"))
    phone.wait(lambda: phone.phase() == "Oportunidades", "back in Spanish")
    violations = phone.run_axe(axe_source)
    assert not violations, describe_violations(violations)

    # An error from the server is said in Spanish, with the server's detail where it matters.
    said = phone.driver.execute_async_script("""
        const done = arguments[arguments.length - 1];
        import('./phone-words.js').then((m) => done([
          m.errorMessage({ code: 'rate_limited', message: 'Too many messages: wait a moment.' }),
          m.errorMessage({ code: 'invalid', message: 'The e-mail address is not valid.' }),
          m.errorMessage({ code: 'something_new', message: 'A new kind of error.' }),
        ]));""")
    assert said == ["Demasiados mensajes seguidos. Espere un momento y vuelva a intentarlo.",
                    "Algo de lo que escribió no es válido. (The e-mail address is not valid.)",
                    "A new kind of error."]

    # Strategy areas: the facilitator's title stays as written; the champion button is Spanish.
    facilitator("createTheme", kind="requirement", label="Welding apprenticeships")
    facilitator("setPhase", phase="commitments")
    phone.wait(lambda: phone.phase() == "Compromisos", "the commitments phase")
    assert phone.areas()["Welding apprenticeships"]["champions"] == "Aún sin líder"
    assert phone.areas()["Welding apprenticeships"]["button"] == "Seré líder"
    phone.champion("Welding apprenticeships")
    phone.wait(lambda: phone.areas()["Welding apprenticeships"]["champions"] == "Líderes: Luis Ortega", "Luis as champion")
    phone.shot("champion in Spanish")

    # The wrap-up's next steps, dates written the Spanish way.
    facilitator("setNextSteps", championsCallDate="2027-01-21T15:00", championsCallHost="Karen Lee", nextMeetingDate="2027-02-26")
    facilitator("setPhase", phase="wrap-up")
    notice = phone.wait(lambda: phone.closed_notice() if phone.phase() == "Cierre" else None, "the wrap-up notice")
    assert notice.startswith("Ya no se publican notas. ¡Gracias por sus notas!\nPróximos pasos:\n• La llamada"), notice
    assert "La llamada de los líderes será el jueves, 21 de enero de 2027" in notice and "la organiza Karen Lee" in notice, notice
    assert "La próxima reunión será el viernes, 26 de febrero de 2027." in notice, notice
    assert "3:00" in notice, notice   # the phone's Spanish (es-MX) writes the hour on a 12-hour clock
    assert ".." not in notice, notice   # "3:00 p.m." ends the sentence: no second full stop
    # The note's round is over: it stays as the room saw it (no Edit; Withdraw stays).
    assert not phone.js("return shown(document.querySelector('#notes .edit'));")
    assert phone.js("return shown(document.querySelector('#notes .withdraw'));")
    phone.shot("wrap-up in Spanish")

    # English at a touch, everything redrawn, and the choice kept when the page reloads.
    phone.click(phone.by_id("language"))
    phone.wait(lambda: phone.phase() == "Wrap-up", "the page in English")
    assert phone.js("return document.documentElement.lang;") == "en"
    assert phone.js("return text($('notes-heading'));") == "Your notes"
    assert phone.js("return text(document.querySelector('#notes .kind'));") == "Opportunity"
    assert phone.areas()["Welding apprenticeships"]["champions"] == "Champions: Luis Ortega"
    assert "hosted by Karen Lee" in phone.closed_notice()
    assert phone.js("return text($('language'));") == "Español"
    phone.reload()
    phone.wait(lambda: phone.phase() == "Wrap-up", "English after a reload")
    assert phone.js("return text($('notes-heading'));") == "Your notes"
    phone.shot("back in English")


def test_a_spanish_link_opens_the_phone_in_spanish(screens, facilitator, server):
    """A convener can hand out a Spanish link (`?lang=es`) to a phone set to English."""
    facilitator("setPhase", phase="requirements")
    phone = screens.phone("ana")
    assert phone.js("return text($('join-heading'));") == "Join the meeting"
    # The link to the join-code page, in Spanish; the choice carries to the phone page.
    phone.driver.get(f"{server.http}/index.html?lang=es")
    phone.wait_js("return text(document.querySelector('h1')) === 'Unirse a la reunión';", message="the join-code page in Spanish")
    phone.type_into("code", phone.meeting.code)
    phone.click(phone.driver.find_element("css selector", "#code-form button[type=submit]"))
    phone.wait_ready()
    assert phone.js("return text($('join-heading'));") == "Unirse a la reunión"
    phone.join("Ana Ruiz", "Ruiz Logistics", role="partner")
    assert phone.you() == "Ana Ruiz, Ruiz Logistics · Aliado de la comunidad"
    assert phone.phase() == "Requisitos"
    assert phone.question() == "¿Qué debemos abordar juntos para aprovechar estas oportunidades?"
    assert phone.closed_notice().startswith("En esta reunión solo los empleadores publican notas."), phone.closed_notice()
    phone.shot("a partner in Spanish")


def test_the_console_shows_the_english_a_spanish_note_was_read_in(screens, facilitator, settle, ws_phone):
    """A facilitator who reads no Spanish sees, under a Spanish note on the board, the English
    the grouping read it in (Apertium's); the note itself stays as typed (1366×768)."""
    facilitator("setPhase", phase="opportunities")
    notes = ["We cannot find certified welders", "Welding apprenticeships with the college",
             "Broadband at the industrial park is too slow", "Internet outages stop our machines",
             "la conexión a internet se cae cada tarde en la planta"]
    for i, text in enumerate(notes):
        facilitator("post", id=f"s{i}", kind="opportunity", text=text,
                    scribe={"name": f"Employer {i}", "organization": f"Plant {i}", "role": "employer"})
    settle(quiet=1.0)
    console = screens.console()
    spanish = notes[-1]
    console.wait(lambda: console.note_item(spanish) is not None, "the Spanish note on the board")
    reading = console.wait(lambda: console.js("""
        const li = arguments[0]; const r = li.querySelector('.reading');
        return shown(r) ? text(r) : null;""", console.note_item(spanish)), "the English reading under the Spanish note")
    assert reading.startswith("Machine English (check it): ") and "connection" in reading.lower(), reading
    assert console.js("return text(arguments[0].querySelector('.note-text'));", console.note_item(spanish)) == spanish
    # English notes have no reading.
    assert not console.js("return shown(arguments[0].querySelector('.reading'));", console.note_item(notes[0]))
    console.note_item(spanish).location_once_scrolled_into_view
    console.shot("a Spanish note read in English")

    # An English note offers no reading to copy.
    console.click(console.note_item(notes[0]).find_element("css selector", ".note-card"))
    # Folded until asked for (the selection bar keeps to two rows on a laptop).
    console.wait_js("return shown($('correct-open')) && !shown($('correct-form'));", message="'Correct for the summary…' for one selected note")
    console.click(console.by_id("correct-open"))
    console.wait_js("return shown($('correct-form')) && document.activeElement === $('correct-text');", message="the correction field, focused")
    assert not console.js("return shown($('correct-english'));"), "an English note has no reading to use"
    console.click(console.by_id("selection-clear"))
    # The summary may carry the English: the reading fills the correction, which the
    # facilitator touches up and saves; the board keeps the note as typed.
    console.click(console.note_item(spanish).find_element("css selector", ".note-card"))
    console.wait_js("return shown($('correct-open'));", message="the correction folded again for another note")
    console.click(console.by_id("correct-open"))
    console.wait_js("return shown($('correct-english'));", message="'Start from the machine English' for the Spanish note")
    assert console.by_id("correct-text").get_attribute("value") == spanish, "the field starts with the author's words"
    console.click(console.by_id("correct-english"))
    english = reading.removeprefix("Machine English (check it): ")
    assert console.by_id("correct-text").get_attribute("value") == english
    console.shot("the English reading ready to save")
    console.click(console.driver.find_element("css selector", "#correct-form button[type=submit]"))
    console.wait_js("return Array.from(document.querySelectorAll('.note-card .corrected')).some((e) => !e.hidden && text(e) === 'In the summary: ' + arguments[0]);",
                    english, message="the card showing the summary's English")
    assert console.js("return text(arguments[0].querySelector('.note-text'));", console.note_item(spanish)) == spanish
    summary = facilitator("summary", format="text")["content"]
    assert english in summary and spanish not in summary, summary

    # A Spanish note its author edits: the English of the old words goes at once, the new
    # words' English comes a moment later, with no other change on the board.
    maria = ws_phone("María", organization="Empacadora del Valle")
    posted = maria.post("necesitamos más soldadores certificados")
    assert posted["type"] == "ack", posted
    first = console.wait(lambda: console.js("""const li = arguments[0]; const r = li && li.querySelector('.reading');
        return r && shown(r) ? text(r) : null;""", console.note_item("necesitamos más soldadores certificados")), "the first reading")
    edited = maria.command({"type": "edit", "note": posted["note"], "text": "la planta necesita un autobús para el turno de noche"})
    assert edited["type"] == "ack", edited
    second = console.wait(lambda: console.js("""const li = arguments[0]; const r = li && li.querySelector('.reading');
        return r && shown(r) ? text(r) : null;""", console.note_item("la planta necesita un autobús para el turno de noche")),
        "the new words' reading", timeout=20)
    assert second != first and "bus" in second.lower(), (first, second)
