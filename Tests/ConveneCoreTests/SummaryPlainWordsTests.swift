@testable import ConveneCore
import ConveneLanguage
import ConveneJSON
import Foundation
import XCTest

/// What a convener reading the summary before sending it would catch: a summary that says
/// nothing was recorded when notes were posted, steps run together, titles blurred in a
/// list, a supporter left out, a meeting title that is not a team's name.
final class SummaryPlainWordsTests: XCTestCase {
    func text(_ state: MeetingState, appendix: Bool = true) -> String {
        SummaryRenderer.render(MeetingSummary(state), as: .text, appendix: appendix, jsonSerializer: { JSONCodec.serializeString($0) })
    }

    func testOpportunitiesPostedButNeverGroupedAreStillInTheSummary() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.opportunities)
        try m.run(.post(id: "o1", kind: nil, text: "Drone makers are growing here", scribed: nil), as: .participant(karen))
        try m.run(.post(id: "o2", kind: nil, text: "Reshoring from Asia", scribed: nil), as: .participant(karen))
        for appendix in [true, false] {
            let main = text(m.state, appendix: appendix).components(separatedBy: "Appendix: the notes")[0]
            XCTAssertFalse(main.contains("No opportunities were recorded"), main)
            XCTAssertTrue(main.contains("The team raised these opportunities, not yet grouped into themes:"), main)
            XCTAssertTrue(main.contains("Drone makers are growing here\n") && main.contains("Reshoring from Asia\n"), main)
        }
        // With themes, the notes left in none are counted (the appendix lists them) or listed.
        let drones = m.theme(.opportunity, "Drones")
        try m.run(.moveNote(note: "o1", theme: drones), as: .facilitator)
        XCTAssertTrue(text(m.state).contains("Also raised, in no theme: 1 more opportunity (listed in the appendix)."))
        let short = text(m.state, appendix: false)
        XCTAssertTrue(short.contains("Also raised, in no theme:") && short.contains("Reshoring from Asia"), short)
        // Listed once: with no theme at all, the appendix does not list them again.
        var bare = MeetingDriver()
        let al = bare.join("Al")
        bare.phase(.opportunities)
        try bare.run(.post(id: "b1", kind: nil, text: "Drone makers are growing here", scribed: nil), as: .participant(al))
        XCTAssertEqual(text(bare.state).components(separatedBy: "Drone makers are growing here").count, 2, text(bare.state))
        // Nothing posted at all: said plainly.
        XCTAssertTrue(text(MeetingDriver().state).contains("No opportunities were recorded."))
    }

    func testTheLettersComeFromThePartnershipNotTheSoftware() {
        XCTAssertEqual(SummaryMail.senderName("High Sierra Precision Machining Sector Partnership launch"), "High Sierra Precision Machining Sector Partnership")
        XCTAssertEqual(SummaryMail.senderName("Region X Light Manufacturing Sector Strategy — launch meeting"), "Region X Light Manufacturing Sector Strategy")
        XCTAssertEqual(SummaryMail.senderName("Tri-County Health Care Partnership"), "Tri-County Health Care Partnership")
        XCTAssertEqual(SummaryMail.senderName("Launch"), "Launch", "nothing but the word: kept")
    }

    func testEachOtherNextStepIsAStepOfItsOwn() throws {
        var m = MeetingDriver()
        var steps = NextSteps()
        steps.nextMeetingDate = "2027-02-26"
        steps.other = "1) Priority teams refine action areas\n- Send invitations to those missing from the table\n\n  2. set a date for the site visit  "
        try m.run(.setNextSteps(steps), as: .facilitator)
        let summary = text(m.state)
        XCTAssertTrue(summary.contains("2) Priority teams refine action areas\n"), summary)
        XCTAssertTrue(summary.contains("3) Send invitations to those missing from the table\n"), summary)
        XCTAssertTrue(summary.contains("4) set a date for the site visit\n"), summary)
        XCTAssertEqual(SummaryWording.otherSteps("2027 budget request\n10) Ten\n•bullet\n3.5 FTE hires\n4.\n"),
                       ["2027 budget request", "Ten", "bullet", "3.5 FTE hires"])
    }

    func testAreasNobodyDrivesReadApartAndTheirSupportersAreNamed() throws {
        var m = MeetingDriver()
        let dana = m.join("Dana", role: .partner)
        m.phase(.requirements)
        let rides = m.theme(.requirement, "Rides & childcare")
        let housing = m.theme(.requirement, "Housing and zoning")
        try m.run(.post(id: "r1", kind: nil, text: "Bus to the park", scribed: Scribed(name: "Al", organization: "Al Co", role: .employer)), as: .facilitator)
        try m.run(.moveNote(note: "r1", theme: rides), as: .facilitator)
        try m.run(.post(id: "r2", kind: nil, text: "Zoning for homes", scribed: Scribed(name: "Al", organization: "Al Co", role: .employer)), as: .facilitator)
        try m.run(.moveNote(note: "r2", theme: housing), as: .facilitator)
        m.phase(.commitments)
        try m.run(.champion(theme: rides), as: .participant(dana))
        let summary = text(m.state)
        XCTAssertTrue(summary.contains("Not a priority right now: “Rides & childcare” and “Housing and zoning” (no employer champion yet)."), summary)
        XCTAssertTrue(summary.contains("Community partner Dana (Dana Co) offered to support Rides & childcare."), summary)
    }

    func testASentenceTypedWithoutItsFullStopEndsBeforeTheChampions() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.requirements)
        let training = m.theme(.requirement, "Train more CNAs")
        let rates = m.theme(.requirement, "Pay & Medicaid rates")
        try m.run(.post(id: "r1", kind: nil, text: "CNA classes fill in a day", scribed: Scribed(name: "Al", organization: "Al Co", role: .employer)), as: .facilitator)
        try m.run(.moveNote(note: "r1", theme: training), as: .facilitator)
        try m.run(.post(id: "r2", kind: nil, text: "medicaid rates too low", scribed: Scribed(name: "Al", organization: "Al Co", role: .employer)), as: .facilitator)
        try m.run(.moveNote(note: "r2", theme: rates), as: .facilitator)
        try m.run(.setSynthesis(theme: training, text: "Build a CNA-LPN-RN ladder and faster state testing  "), as: .facilitator)
        try m.run(.setSynthesis(theme: rates, text: "Ask the state for “fair rates!”"), as: .facilitator)
        m.phase(.commitments)
        try m.run(.champion(theme: training), as: .participant(karen))
        try m.run(.champion(theme: rates), as: .participant(karen))
        for format in [SummaryFormat.text, .markdown, .html] {
            let summary = SummaryRenderer.render(MeetingSummary(m.state), as: format, jsonSerializer: { JSONCodec.serializeString($0) })
            XCTAssertTrue(summary.contains("faster state testing. Initial champion: Karen"), summary)
        }
        // Its own ending, inside a quote, stays as typed.
        let plain = text(m.state)
        XCTAssertTrue(plain.contains("Ask the state for “fair rates!” Initial champion: Karen"), plain)
    }

    /// A walk-through's EV charging sentence quoted the Spanish note first: typed without
    /// accents on a phone set to Spanish, it showed no sign of Spanish.
    func testANoteFromASpanishPhoneIsQuotedAfterTheEnglishOnes() {
        let texts = ["Flotas municipales pasando a vehiculos electricos", "EV charging along I-80 for fleets and trucks"]
        XCTAssertEqual(SummaryWording.suggestedSynthesis(texts, writers: [.spanish, nil]),
                       "Notes here point to “EV charging along I-80 for fleets and trucks”.")
    }

    func testATitleWithPunctuationOfItsOwnIsQuotedInASentence() throws {
        var m = MeetingDriver()
        let dana = m.join("Dana", role: .partner, email: "dana@college.example")
        m.phase(.requirements)
        let supports = m.theme(.requirement, "Worker supports: childcare, housing, transit")
        try m.run(.post(id: "r1", kind: nil, text: "Bus to the park", scribed: Scribed(name: "Al", organization: "Al Co", role: .employer)), as: .facilitator)
        try m.run(.moveNote(note: "r1", theme: supports), as: .facilitator)
        m.phase(.commitments)
        try m.run(.champion(theme: supports), as: .participant(dana))
        let summary = text(m.state)
        XCTAssertTrue(summary.contains("Not a priority right now: “Worker supports: childcare, housing, transit” (no employer champion yet)."), summary)
        XCTAssertTrue(summary.contains("Community partner Dana (Dana Co) offered to support “Worker supports: childcare, housing, transit”."), summary)
        // In the facilitator's copy with contacts, each address stays inside its person's brackets.
        let own = SummaryRenderer.render(MeetingSummary(m.state, includeContacts: true), as: .text, jsonSerializer: { JSONCodec.serializeString($0) })
        XCTAssertTrue(own.contains("Community partner Dana (Dana Co, dana@college.example) offered to support “Worker supports: childcare, housing, transit”."), own)
    }

    func testALongNoteIsQuotedToTheEndOfItsFirstThought() {
        // A walk-through's suggestion quoted all 270 characters of this note.
        let long = "Biggest opportunity: the whole region gets rebuilt electrically over 20 yrs - generation, transmission, "
            + "storage, EV charging, data centers - and if we dont train people here the work goes to crews from out of state "
            + "who leave when the job is done"
        let sentence = SummaryWording.suggestedSynthesis([long]) ?? ""
        XCTAssertEqual(sentence, "Notes here point to “Biggest opportunity: the whole region gets rebuilt electrically over 20 yrs…”.")
        XCTAssertEqual(SummaryWording.shortened("Short notes stay whole"), "Short notes stay whole")
        // An abbreviation's full stop is no sentence's end.
        let abbreviation = "Exports to the U.S. market and to Canada grow every year for our valley's growers and packers, "
            + "and the new port makes shipping cheaper"
        XCTAssertEqual(SummaryWording.shortened(abbreviation), "Exports to the U.S. market and to Canada grow every year for our valley's growers and packers…")
        let unbroken = String(repeating: "word ", count: 40)
        XCTAssertTrue(SummaryWording.shortened(unbroken).count <= SummaryWording.longestQuote + 1)
    }

    func testTheSuggestedSentenceQuotesPointsNotDoubtsOrQuestions() {
        // "HOUSING", the question and "same as…" share the most words with the rest of the theme.
        let notes = ["honestly not sure what working together on housing looks like",
                     "who owns the housing for workers question?",
                     "Rent near the plant is more than a new hire earns",
                     "same as the housing comment",
                     "Workers commute an hour because housing near the plant is scarce",
                     "HOUSING"]
        let sentence = SummaryWording.suggestedSynthesis(notes)
        XCTAssertEqual(sentence, "Notes here point to “Workers commute an hour because housing near the plant is scarce” and “Rent near the plant is more than a new hire earns”.")
        // A theme of nothing but questions still gets a sentence to edit.
        XCTAssertEqual(SummaryWording.suggestedSynthesis(["what about housing?"]), "Notes here point to “What about housing”.")
        // Quoted as a sentence begins; a shouted note only when no calmer one says as much.
        XCTAssertEqual(SummaryWording.suggestedSynthesis(["HOUSING NEAR THE PLANT IS SCARCE!!", "housing near the plant costs too much"]),
                       "Notes here point to “Housing near the plant costs too much” and “HOUSING NEAR THE PLANT IS SCARCE”.")
        // With one point only, it is quoted alone: the question's mark is gone once quoted.
        XCTAssertEqual(SummaryWording.suggestedSynthesis(["Housing costs too high for hires", "who pays housing costs?",
                                                          "honestly not sure what that looks like for housing costs"]),
                       "Notes here point to “Housing costs too high for hires”.")
    }

    func testTheSuggestedSentenceQuotesEnglishNotesBeforeSpanishOnes() {
        // The Spanish notes share the most words with the rest of the theme; the summary is in
        // English, so its sentence quotes the English points.
        let notes = ["Necesitamos vivienda cerca de la planta para los trabajadores",
                     "Workers commute an hour because housing near the plant is scarce",
                     "La vivienda cerca de la planta cuesta más de lo que gana un trabajador",
                     "Rent near the plant is more than a new hire earns"]
        XCTAssertEqual(SummaryWording.suggestedSynthesis(notes),
                       "Notes here point to “Workers commute an hour because housing near the plant is scarce” and “Rent near the plant is more than a new hire earns”.")
        // With one English point, it is quoted alone rather than beside a Spanish one.
        XCTAssertEqual(SummaryWording.suggestedSynthesis(Array(notes.prefix(3))),
                       "Notes here point to “Workers commute an hour because housing near the plant is scarce”.")
        // A theme whose every point is in Spanish still gets a sentence to edit: nothing is invented.
        XCTAssertEqual(SummaryWording.suggestedSynthesis([notes[0], notes[2]]),
                       "Notes here point to “Necesitamos vivienda cerca de la planta para los trabajadores” and “La vivienda cerca de la planta cuesta más de lo que gana un trabajador”.")
        // A question in English does not come before a point in Spanish: points first.
        XCTAssertEqual(SummaryWording.suggestedSynthesis(["who builds the housing?", notes[0]]),
                       "Notes here point to “Necesitamos vivienda cerca de la planta para los trabajadores”.")
    }

    func testTheSuggestedSentenceQuotesEmployersAndTwoDifferentPoints() {
        // A walk-through: "Specialty care close to home" quoted two near-identical notes, and
        // "Grow our own nurses & CNAs" only the community college's two, though four employers
        // had posted there.
        let care = ["Keep patients in the valley instead of sending them to the city for cardiology and ortho",
                    "Keep patients in the valley instead of sending them to the city for cardiology & ortho",
                    "Hospital at home programs for patients in the valley", "Behavioral health beds in the valley"]
        let sentence = try! XCTUnwrap(SummaryWording.suggestedSynthesis(care))
        XCTAssertTrue(sentence.hasPrefix("Notes here point to “Keep patients in the valley instead of sending them to the city for cardiology and ortho” and “"), sentence)
        XCTAssertFalse(sentence.contains("cardiology & ortho"), "the second quote repeats the first: \(sentence)")
        let nurses = ["TFCC can expand the RN cohort if employers provide clinical sites and preceptors",
                      "TFCC nursing faculty waitlist is two years for the RN program",
                      "We lose CNAs to the hospital in Billings every spring",
                      "Grow our own nurses with paid CNA training onsite"]
        let byEmployer = [false, false, true, true]
        let quoted = try! XCTUnwrap(SummaryWording.suggestedSynthesis(nurses, byEmployer: byEmployer))
        XCTAssertFalse(quoted.contains("TFCC"), "employers' points first: \(quoted)")
        XCTAssertEqual(SummaryWording.suggestedSynthesis(Array(nurses.prefix(2)), byEmployer: [false, false])?.contains("TFCC"), true,
                       "a theme of partners' notes only still gets a sentence")
    }

    func testAQuoteBegunWithAnAcronymTypedInLowerCaseIsWrittenAsTheThemeTypesIt() {
        // A walk-through's summary quoted "PFAS treatment upgrades…" and "Pfas monitoring…".
        let notes = ["PFAS treatment upgrades required at three plants by 2029",
                     "pfas monitoring will create work for local labs and contractors"]
        let sentence = try! XCTUnwrap(SummaryWording.suggestedSynthesis(notes))
        XCTAssertTrue(sentence.contains("“PFAS monitoring will create work"), sentence)
        XCTAssertFalse(sentence.contains("Pfas"), sentence)
        // A word nobody typed in capitals is begun with a capital, as a sentence is.
        XCTAssertEqual(SummaryWording.clean("pipe crews are short"), "Pipe crews are short")
        // Vowelless shorthand nobody typed in capitals is left as typed, not "Cdl drivers…".
        XCTAssertEqual(SummaryWording.clean("cdl drivers could move to the oil patch"), "cdl drivers could move to the oil patch")
        XCTAssertEqual(SummaryWording.clean("yearly audits cost us"), "Yearly audits cost us")
        // A shouted note's words are no acronyms, nor a small word or a word in capitals for
        // emphasis that the notes use in lower case as often.
        XCTAssertEqual(SummaryWording.typedInCapitals(["WE NEED PIPE CREWS NOW PLEASE"]), [:])
        let emphasis = ["IT helpdesk staff are hard to find", "it takes six months to hire", "We NEED more hands",
                        "we need housing near the lodge", "need a shuttle"]
        XCTAssertEqual(SummaryWording.typedInCapitals(emphasis), [:])
        let sentence2 = try! XCTUnwrap(SummaryWording.suggestedSynthesis(["it takes six months to hire a cook", "IT helpdesk staff are hard to find"]))
        XCTAssertFalse(sentence2.contains("IT takes"), sentence2)
    }

    func testACommunityPartnersLetterAndTheSummarysFirstLine() throws {
        // A walk-through: the college's letter asked it to share the summary "with other
        // employers"; the summary's line under its title began "water & wastewater utilities…".
        var m = MeetingDriver()
        try m.run(.join(name: "Renee", organization: "Coldwater College", role: .partner, email: "renee@college.example",
                        consent: true), as: .guest)
        try m.run(.join(name: "Kofi", organization: "Acme", role: .employer, email: "kofi@acme.example", consent: true), as: .guest)
        let recipients = m.state.summaryRecipients()
        let renee = try XCTUnwrap(recipients.first { $0.name == "Renee" }), karen = try XCTUnwrap(recipients.first { $0.name == "Kofi" })
        XCTAssertTrue(SummaryMail.introduction(for: renee, state: m.state).intro.contains("share it with others in your network"))
        XCTAssertTrue(SummaryMail.introduction(for: karen, state: m.state).intro.contains("share it with other employers"))
        try m.run(.updateMeeting({ var u = MeetingUpdate(); u.industry = "water & wastewater utilities"; return u }()), as: .facilitator)
        XCTAssertTrue(MeetingSummary(m.state).partnership.hasPrefix("Water & wastewater utilities sector partnership, "),
                      MeetingSummary(m.state).partnership)
    }

    func testAChairsLetterSaysItIsTheOneEveryoneReceived() throws {
        // A chair received "Thank you for taking part…" signed with their own name.
        var m = MeetingDriver()
        try m.run(.updateMeeting({ var u = MeetingUpdate(); u.chairs = ["Dana Lee (Acme)", "Isabel Ruiz"]; return u }()), as: .facilitator)
        try m.run(.join(name: "dana  LEE", organization: "Acme", role: .employer, email: "dana@acme.example", consent: true), as: .guest)
        try m.run(.join(name: "Isabel Ruiz", organization: "Ruiz Farms", role: .employer, email: "i@ruiz.example", consent: true,
                        language: "es"), as: .guest)
        try m.run(.join(name: "Dana", organization: "Other Co", role: .employer, email: "d@other.example", consent: true), as: .guest)
        let letters = Dictionary(uniqueKeysWithValues: m.state.summaryRecipients().map { ($0.email, SummaryMail.introduction(for: $0, state: m.state).intro) })
        XCTAssertTrue(try XCTUnwrap(letters["dana@acme.example"]).hasPrefix("Thank you for chairing the launch meeting of the light manufacturing sector partnership in Region X. Here is the summary as everyone who took part received it"),
                      letters["dana@acme.example"] ?? "")
        XCTAssertTrue(try XCTUnwrap(letters["i@ruiz.example"]).hasPrefix("Gracias por presidir la reunión"), letters["i@ruiz.example"] ?? "")
        let dana = try XCTUnwrap(m.state.summaryRecipients().first { $0.email == "dana@acme.example" })
        XCTAssertEqual(SummaryMail.introduction(for: dana, state: m.state).greeting, "Dear Dana Lee,", "greeted as the organizer wrote the name")
        // One chair: the letter is signed with their name. A chair entered by first name alone
        // cannot be told from anyone who joins under it: no chair's letter then.
        var one = m
        try one.run(.updateMeeting({ var u = MeetingUpdate(); u.chairs = ["Dana Lee"]; return u }()), as: .facilitator)
        XCTAssertTrue(SummaryMail.introduction(for: dana, state: one.state).intro.hasSuffix("signed with your name."))
        try one.run(.updateMeeting({ var u = MeetingUpdate(); u.chairs = ["Dana"]; return u }()), as: .facilitator)
        let anyDana = try XCTUnwrap(one.state.summaryRecipients().first { $0.email == "d@other.example" })
        XCTAssertTrue(SummaryMail.introduction(for: anyDana, state: one.state).intro.hasPrefix("Thank you for taking part"))
        XCTAssertTrue(try XCTUnwrap(letters["d@other.example"]).hasPrefix("Thank you for taking part"), "another Dana is no chair")
    }

    func testATitleWithAColonAndAnOrganizationWithBracketsReadPlainly() throws {
        // A walk-through's summary: "Talent: apprenticeships & remote hiring: Notes here…" and
        // "Dana Kowalski (Keystone Managed IT (MSP))".
        var m = MeetingDriver()
        let dana = try XCTUnwrap(try m.run(.join(name: "Dana Kowalski", organization: "Keystone Managed IT (MSP)", role: .employer, email: nil, consent: false),
                                             as: .guest).reply.first { $0.0 == "participant" }?.1.stringValue)
        m.phase(.requirements)
        let talent = m.theme(.requirement, "Talent: apprenticeships & remote hiring")
        try m.run(.post(id: "r1", kind: nil, text: "shared apprenticeship across MSPs", scribed: nil), as: .participant(dana))
        try m.run(.moveNote(note: "r1", theme: talent), as: .facilitator)
        // Beside it, a title without a colon is dashed too: one summary, one way (a walk-through's
        // read "**Compete for talent: pay, housing** — …" among "**Label:** …" as a slip).
        let housing = m.theme(.requirement, "Housing near the plants")
        try m.run(.post(id: "r2", kind: nil, text: "rentals for new hires near the plant", scribed: nil), as: .participant(dana))
        try m.run(.moveNote(note: "r2", theme: housing), as: .facilitator)
        m.phase(.commitments)
        try m.run(.champion(theme: talent), as: .participant(dana))
        try m.run(.champion(theme: housing), as: .participant(dana))
        let text = SummaryRenderer.render(MeetingSummary(m.state), as: .text, jsonSerializer: { JSONCodec.serializeString($0) })
        XCTAssertTrue(text.contains("Talent: apprenticeships & remote hiring — "), text)
        XCTAssertTrue(text.contains("Housing near the plants — "), text)
        XCTAssertFalse(text.contains("hiring:") || text.contains("plants:"), text)
        XCTAssertTrue(text.contains("Dana Kowalski (Keystone Managed IT [MSP])"), text)
    }

    func testPointsThatUseTheWordsOfADoubtOrAnAgreementAreStillPoints() {
        for point in ["Childcare has become too expensive", "There is no ideal site for a training center",
                      "Parents are not sure manufacturing is a career", "Students don't know these jobs exist here",
                      "Entry wages are the same as at the warehouses", "Employers need to agree with the college on hours",
                      "2+1 apprenticeship programs with the college", "Apply at https://example.org/jobs?id=4 for the grant",
                      "Who pays? Employers should co-fund it", "¿Quién paga? Los patrones deben aportar"] {
            XCTAssertTrue(SummaryWording.statesSomething(point), point)
        }
        for aside in ["same as the bus comment", "+1 to what Karen said", "agree with the housing one", "me too on the rent thing",
                      "honestly not sure what 'collectively' looks like", "I'm not sure this is a requirement", "idk maybe housing",
                      "Who owns the housing question?", "¿quién va a pagar por eso?", "igual que lo del autobús", "HOUSING", "cobots!!"] {
            XCTAssertFalse(SummaryWording.statesSomething(aside), aside)
        }
    }

    func testPeopleToInviteForAnAreaWhoseNotesAllMovedAwayAreStillInTheSummary() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.requirements)
        let rides = m.theme(.requirement, "Rides & childcare")
        let housing = m.theme(.requirement, "Housing and zoning")
        try m.run(.post(id: "r1", kind: nil, text: "Bus to the park", scribed: Scribed(name: "Al", organization: "Al Co", role: .employer)), as: .facilitator)
        try m.run(.moveNote(note: "r1", theme: housing), as: .facilitator)
        m.phase(.commitments)
        try m.run(.nominate(id: "x1", name: "Tom Reyes", organization: "Valley Transit", contact: nil, theme: housing), as: .participant(karen))
        // The facilitator puts the bus note where it belongs: Housing and zoning holds nothing now.
        try m.run(.moveNote(note: "r1", theme: rides), as: .facilitator)
        XCTAssertTrue(m.state.keepsWhenEmpty(housing))
        let summary = text(m.state)
        XCTAssertTrue(summary.contains("Tom Reyes, Valley Transit — for “Housing and zoning”"), summary)
        // Named for another area and for the partnership as a whole too: one line, every area.
        try m.run(.nominate(id: "x2", name: "Tom Reyes", organization: "Valley Transit", contact: nil, theme: rides), as: .participant(karen))
        try m.run(.nominate(id: "x3", name: "tom reyes", organization: "Valley Transit", contact: nil, theme: nil), as: .participant(karen))
        let again = text(m.state)
        XCTAssertTrue(again.contains("Tom Reyes, Valley Transit — for “Rides & childcare”, “Housing and zoning” and the partnership as a whole")
                      || again.contains("Tom Reyes, Valley Transit — for “Housing and zoning”, “Rides & childcare” and the partnership as a whole"), again)
        XCTAssertEqual(again.components(separatedBy: "Valley Transit —").count, 2, "one line for Tom")
    }

    func testSomeoneWhoJoinedFromTwoDevicesIsOneAttendeeAndOneChampion() throws {
        var m = MeetingDriver()
        let phone = m.join("Maria Delgado")
        let tablet = m.join("maria  delgado ", email: "maria@delgado.example")
        _ = m.join("Ana Ruiz")
        // Two people who typed only a first name at one employer, with their own addresses: two people.
        _ = m.join("Chris", email: "chris.a@boeing.example")
        _ = m.join("Chris", email: "chris.b@boeing.example")
        m.phase(.requirements)
        let area = m.theme(.requirement, "Housing")
        m.phase(.commitments)
        try m.run(.champion(theme: area), as: .participant(phone))
        try m.run(.champion(theme: area), as: .participant(tablet))
        let summary = MeetingSummary(m.state, includeContacts: true)
        XCTAssertEqual(summary.attendees.map(\.name), ["Maria Delgado", "Ana Ruiz", "Chris", "Chris"])
        XCTAssertEqual(summary.attendees.first?.email, "maria@delgado.example", "the address either record gave")
        XCTAssertEqual(summary.areas.first?.champions.map(\.name), ["Maria Delgado"], "one champion, not two")
    }

    func testADownloadIsNamedForItsMeeting() throws {
        var m = MeetingDriver()
        XCTAssertEqual(m.state.summaryFileName(.html), "region-x-light-manufacturing-summary-2026-12-18.html")
        m.state.info.date = "2027-01-14"
        m.state.info.title = "Café Owners' Roundtable — Valle Sur / 2027"
        XCTAssertEqual(m.state.summaryFileName(.markdown), "café-owners-roundtable-valle-sur-2027-summary-2027-01-14.md")
        m.state.info.title = "¡¿…?!"
        m.state.info.date = "2027-01-14T09:00"
        XCTAssertEqual(m.state.summaryFileName(.csv), "meeting-summary-2027-01-14.csv")
        XCTAssertEqual(m.state.summaryFileName(.html, withContacts: true), "meeting-summary-2027-01-14-with-contacts.html",
                       "the copy with e-mail addresses says so")
        m.state.info.title = String(repeating: "संगठन ", count: 40)
        let long = m.state.summaryFileName(.markdown)
        XCTAssertLessThanOrEqual(long.utf8.count, 160, long)
        XCTAssertTrue(long.hasSuffix("-summary-2027-01-14.md") && !long.contains("--"), long)
    }

    func testTheOpeningNamesATeamNotAMeetingOrAnIndustry() {
        func opening(_ title: String) -> String {
            var s = MeetingSummary(MeetingDriver().state)
            s.title = title
            return SummaryWording.defaultOpening(s)
        }
        XCTAssertTrue(opening("Region X Light Manufacturing").hasPrefix("The Region X Light Manufacturing sector partnership met on"))
        XCTAssertTrue(opening("Region X Light Manufacturing Sector Partnership launch").hasPrefix("The Region X Light Manufacturing Sector Partnership met on"))
        XCTAssertTrue(opening("Region X Manufacturing Alliance: launch meeting").hasPrefix("The Region X Manufacturing Alliance met on"))
        XCTAssertTrue(opening("The Valley Health Care Partnership").hasPrefix("The Valley Health Care Partnership met on"))
    }

    func testTheEmailIsALetterToEachReader() throws {
        var m = MeetingDriver()
        _ = m.join("Karen")
        let state = m.state
        func body(_ kind: String) -> String {
            let r = MailRecipient(email: "x@example.com", name: "Ruth\nOkafor", organization: "Okafor Farms", kind: kind)
            let (greeting, intro) = SummaryMail.introduction(for: r, state: state)
            return greeting + " " + intro
        }
        XCTAssertTrue(body("participant").hasPrefix("Dear Ruth Okafor, Thank you for taking part in the launch meeting of the light manufacturing sector partnership in Region X."), body("participant"))
        XCTAssertTrue(body("nominee").contains("you were named as someone who should be involved"))
        XCTAssertFalse(body("nominee").contains("Thank you for taking part"))
        // Someone named for strategy areas is told which.
        var named = MeetingDriver()
        let karen = named.join("Karen")
        named.phase(.requirements)
        let housing = named.theme(.requirement, "Worker housing")
        let rides = named.theme(.requirement, "Rides to the plants")
        named.phase(.commitments)
        try named.run(.nominate(id: "x1", name: "Ruth", organization: "Okafor Farms", contact: "X@example.com", theme: housing), as: .participant(karen))
        try named.run(.nominate(id: "x2", name: "Ruth", organization: "Okafor Farms", contact: "x@example.com", theme: rides), as: .participant(karen))
        let ruth = MailRecipient(email: "x@example.com", name: "Ruth", organization: "Okafor Farms", kind: "nominee")
        XCTAssertTrue(SummaryMail.introduction(for: ruth, state: named.state).intro
            .hasPrefix("At the launch meeting of the light manufacturing sector partnership in Region X, you were named as someone who should be involved in “Worker housing” and “Rides to the plants”."),
                      SummaryMail.introduction(for: ruth, state: named.state).intro)
        // Nobody drives those areas yet: no champions are promised (a walk-through's letter did).
        XCTAssertTrue(SummaryMail.introduction(for: ruth, state: named.state).intro
            .hasSuffix("nobody has yet offered to champion “Worker housing” and “Rides to the plants”, and the partnership would be glad of your help to get them started."),
                      SummaryMail.introduction(for: ruth, state: named.state).intro)
        var led = named
        try led.run(.champion(theme: housing), as: .participant(karen))
        XCTAssertTrue(SummaryMail.introduction(for: ruth, state: led.state).intro.hasSuffix("the champions would be glad to have you join them."),
                      SummaryMail.introduction(for: ruth, state: led.state).intro)
        // Someone who joined from a phone in Spanish: the letter opens in Spanish, and says the
        // summary below is in English; the record survives the log.
        var spanish = MeetingDriver()
        try spanish.run(.join(name: "Marisol", organization: "Reyes Cold Storage", role: .employer, email: "m@reyes.example",
                              consent: true, language: "es"), as: .guest)
        let stored = try XCTUnwrap(spanish.log.last)
        XCTAssertEqual(try StoredEvent(meeting: stored.meeting, seq: stored.seq, storage: stored.storageJSON()), stored, "kept in the log")
        let marisol = try XCTUnwrap(spanish.state.summaryRecipients().first)
        XCTAssertEqual(marisol.language, "es")
        let letter = SummaryMail.introduction(for: marisol, state: spanish.state)
        XCTAssertEqual(letter.greeting, "Hola, Marisol:")
        // The meeting by its title (which often says "launch" already), not "la reunión de lanzamiento de “… launch”".
        XCTAssertTrue(letter.intro.hasPrefix("Gracias por participar en la reunión “\(spanish.state.info.title)”.") && letter.intro.contains("en inglés"), letter.intro)
        XCTAssertEqual(SummaryMail.subject(spanish.state, language: "es"), "Resumen de la reunión: " + spanish.state.info.title)
        // Someone named, who was not there, is invited: the subject says so (a walk-through's
        // invitee got "Meeting summary: …"), by the partnership's name when the title gives one.
        XCTAssertEqual(SummaryMail.subject(named.state, invited: true),
                       "An invitation to join the light manufacturing sector partnership in Region X, with its launch meeting's summary")
        var titled = named
        var retitled = MeetingUpdate()
        retitled.title = "Inland Port Logistics Sector Partnership launch"
        try titled.run(.updateMeeting(retitled), as: .facilitator)
        XCTAssertEqual(SummaryMail.subject(titled.state, invited: true),
                       "An invitation to join the Inland Port Logistics Sector Partnership, with its launch meeting's summary")
        // Named for the partnership as a whole only, or as well: said so, after the areas.
        var whole = MeetingDriver()
        let luis = whole.join("Luis")
        whole.phase(.commitments)
        try whole.run(.nominate(id: "w1", name: "Sam", organization: "Workforce Board", contact: "sam@example.com", theme: nil), as: .participant(luis))
        let sam = MailRecipient(email: "sam@example.com", name: "Sam", organization: "Workforce Board", kind: "nominee")
        XCTAssertTrue(SummaryMail.introduction(for: sam, state: whole.state).intro.contains("should be involved in the partnership as a whole."),
                      SummaryMail.introduction(for: sam, state: whole.state).intro)
        try named.run(.nominate(id: "x3", name: "Ruth", organization: "Okafor Farms", contact: "x@example.com", theme: nil), as: .participant(karen))
        XCTAssertTrue(SummaryMail.introduction(for: ruth, state: named.state).intro
            .contains("should be involved in “Worker housing”, “Rides to the plants” and the partnership as a whole."),
                      SummaryMail.introduction(for: ruth, state: named.state).intro)
        XCTAssertEqual(SummaryMail.signature(state), ["With thanks,", "Karen, chair"])
        // A letter that opens in Spanish closes in Spanish (a walk-through's closed "With thanks, … chairs").
        XCTAssertEqual(SummaryMail.signature(state, language: "es"), ["Con agradecimiento,", "Karen, en nombre de la presidencia de la alianza"])
        var two = state
        two.info.chairs = ["Dana Lee", "Isabel Ruiz"]
        XCTAssertEqual(SummaryMail.signature(two, language: "es")?.last, "Dana Lee e Isabel Ruiz, en nombre de la presidencia de la alianza",
                       "“y” is “e” before an i sound")
        // The message as sent: the sign-off closes the letter, on two lines, before the
        // appendix of notes, in both parts.
        let message = SummaryMail.message(forSending: "s1", to: "x@example.com", state: state,
                                          settings: MailSettings(from: "convener@example.org"), date: "Mon, 1 Feb 2027 10:00:00 +0000", index: 0)
        let parts = try Self.decodedParts(message)
        XCTAssertEqual(parts.count, 2)
        for (body, signOff) in zip(parts, ["With thanks,\nKaren, chair", "With thanks,<br>Karen, chair"]) {
            let signed = try XCTUnwrap(body.range(of: signOff), body), appendix = try XCTUnwrap(body.range(of: "Appendix: the notes"))
            XCTAssertLessThan(signed.lowerBound, appendix.lowerBound, body)
        }
        // An industry typed as a title reads in lower case inside the sentence; acronyms stay.
        XCTAssertEqual(SummaryWording.inSentence("Light Manufacturing"), "light manufacturing")
        XCTAssertEqual(SummaryWording.inSentence("IT Services"), "IT services")
        XCTAssertEqual(SummaryWording.inSentence("HVAC and eCommerce"), "HVAC and eCommerce")
        XCTAssertEqual(SummaryWording.inSentence("Craft beverages (breweries, wineries, cideries, distilleries)"), "craft beverages")
        XCTAssertEqual(SummaryWording.inSentence("(HVAC)"), "(HVAC)", "nothing but brackets: kept")
        XCTAssertEqual(SummaryWording.inSentence("Food processing (dairy (cheese))"), "food processing")
    }

    /// The text and HTML parts of a message, decoded from their base64 lines.
    static func decodedParts(_ message: String) throws -> [String] {
        message.components(separatedBy: "Content-Transfer-Encoding: base64\r\n\r\n").dropFirst().compactMap { chunk in
            let base64 = chunk.components(separatedBy: "\r\n--")[0].replacingOccurrences(of: "\r\n", with: "")
            return Data(base64Encoded: base64).flatMap { String(data: $0, encoding: .utf8) }
        }
    }

    func testNoAttendeesNoEmptyList() {
        let html = SummaryRenderer.render(MeetingSummary(MeetingDriver().state), as: .html, jsonSerializer: { JSONCodec.serializeString($0) })
        XCTAssertFalse(html.contains("Attendees"))
        XCTAssertFalse(html.contains("<ul></ul>") || html.contains("<ul>\n</ul>"), html)
    }
}
