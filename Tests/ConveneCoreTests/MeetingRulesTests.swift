@testable import ConveneCore
import ConveneJSON
import XCTest

final class MeetingRulesTests: XCTestCase {
    func testAgendaDefaultsFollowTheWorkbook() {
        let m = MeetingDriver()
        XCTAssertEqual(m.state.phase, .welcome)
        XCTAssertEqual(Phase.allCases.map(\.rawValue), ["welcome", "opportunities", "requirements", "commitments", "wrap-up", "closed"])
        XCTAssertEqual(m.state.settings.timeboxes[.opportunities], 45)
        XCTAssertEqual(m.state.settings.timeboxes[.commitments], 20)
        XCTAssertEqual(m.state.settings.timeboxes[.wrapUp], 10)
        XCTAssertTrue(Phase.opportunities.question.contains("opportunities"))
        XCTAssertEqual(m.state.settings.targetThemes, 5)
    }

    func testEmployerPostsOnlyInTheRightPhase() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        XCTAssertRefused(.phaseClosed) { try m.run(.post(id: "n1", kind: nil, text: "Drones", scribed: nil), as: .participant(karen)) }
        m.phase(.opportunities)
        try m.run(.post(id: "n1", kind: nil, text: "Drones", scribed: nil), as: .participant(karen))
        XCTAssertEqual(m.state.notes["n1"]?.kind, .opportunity)
        XCTAssertEqual(m.state.notes["n1"]?.author, karen)
        XCTAssertRefused(.phaseClosed) { try m.run(.post(id: "n2", kind: .requirement, text: "Welders", scribed: nil), as: .participant(karen)) }
        m.phase(.requirements)
        try m.run(.post(id: "n2", kind: nil, text: "Welders", scribed: nil), as: .participant(karen))
        XCTAssertEqual(m.state.notes["n2"]?.kind, .requirement)
    }

    func testOnlyEmployersPostByDefaultAndTheSettingOpensIt() throws {
        var m = MeetingDriver()
        let college = m.join("College", role: .partner)
        m.phase(.opportunities)
        XCTAssertRefused(.notAllowed) { try m.run(.post(id: "n1", kind: nil, text: "x", scribed: nil), as: .participant(college)) }
        var update = MeetingUpdate()
        update.everyoneMayPost = true
        try m.run(.updateMeeting(update), as: .facilitator)
        try m.run(.post(id: "n1", kind: nil, text: "Apprenticeships", scribed: nil), as: .participant(college))
        XCTAssertNotNil(m.state.notes["n1"])
    }

    func testRetriedPostIsNotDuplicated() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen"), paul = m.join("Paul")
        m.phase(.opportunities)
        let first = try m.run(.post(id: "n1", kind: nil, text: "Drones", scribed: nil), as: .participant(karen))
        XCTAssertEqual(first.events.count, 1)
        let again = try m.run(.post(id: "n1", kind: nil, text: "Drones", scribed: nil), as: .participant(karen))
        XCTAssertTrue(again.events.isEmpty)
        XCTAssertEqual(again.alreadyDoneAt, m.state.notes["n1"]?.seq)
        XCTAssertEqual(m.state.visibleNotes().count, 1)
        XCTAssertRefused(.conflict) { try m.run(.post(id: "n1", kind: nil, text: "Mine", scribed: nil), as: .participant(paul)) }
    }

    func testOnlyTheAuthorEditsAndWithdraws() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen"), paul = m.join("Paul")
        m.phase(.opportunities)
        try m.run(.post(id: "n1", kind: nil, text: "Drones", scribed: nil), as: .participant(karen))
        XCTAssertRefused(.forbidden) { try m.run(.edit(note: "n1", text: "Mine now"), as: .participant(paul)) }
        XCTAssertRefused(.forbidden) { try m.run(.withdraw(note: "n1"), as: .participant(paul)) }
        XCTAssertRefused(.forbidden) { try m.run(.edit(note: "n1", text: "x"), as: .wall) }
        try m.run(.edit(note: "n1", text: "Drones (UAS) makers growing"), as: .participant(karen))
        XCTAssertEqual(m.state.notes["n1"]?.text, "Drones (UAS) makers growing")
        XCTAssertEqual(m.state.notes["n1"]?.edited, true)
        try m.run(.withdraw(note: "n1"), as: .participant(karen))
        XCTAssertTrue(m.state.visibleNotes().isEmpty)
        XCTAssertTrue(try m.run(.withdraw(note: "n1"), as: .participant(karen)).events.isEmpty)
    }

    func testANoteTheFacilitatorHidIsNotEditedButCanBeWithdrawn() throws {
        // Its new words would reach no screen but the console's: phones get no hidden text.
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.opportunities)
        try m.run(.post(id: "n1", kind: nil, text: "Acme is laying people off", scribed: nil), as: .participant(karen))
        try m.run(.hideNote(note: "n1", hidden: true), as: .facilitator)
        XCTAssertRefused(.notAllowed, saying: "hidden this note") { try m.run(.edit(note: "n1", text: "Drones"), as: .participant(karen)) }
        XCTAssertEqual(m.state.notes["n1"]?.text, "Acme is laying people off")
        try m.run(.withdraw(note: "n1"), as: .participant(karen))
        XCTAssertEqual(m.state.notes["n1"]?.withdrawn, true)
    }

    func testParticipantsCanNeverRunFacilitatorCommands() {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        let commands: [Command] = [
            .setPhase(.closed), .hideNote(note: "n1", hidden: true), .createTheme(kind: .opportunity, label: "x"),
            .renameTheme(theme: "t1", label: "x"), .moveNote(note: "n1", theme: nil), .mergeThemes(from: "t1", into: "t2"),
            .splitTheme(theme: "t1", notes: ["n1"], label: "x"), .lockTheme(theme: "t1", locked: true),
            .setNextSteps(NextSteps()), .updateMeeting(MeetingUpdate()),
            .post(id: "n9", kind: .opportunity, text: "x", scribed: Scribed(name: "a", organization: "b", role: .employer)),
        ]
        for c in commands {
            for actor in [Actor.participant(karen), .guest, .wall] {
                XCTAssertRefused(.forbidden) { try m.run(c, as: actor) }
            }
        }
    }

    func testThemesMoveMergeSplitLock() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.requirements)
        for i in 1...4 { try m.run(.post(id: "n\(i)", kind: nil, text: "req \(i)", scribed: nil), as: .participant(karen)) }
        let talent = m.theme(.requirement, "Talent"), hub = m.theme(.requirement, "Hub")
        let opp = m.theme(.opportunity, "Drones")
        for n in ["n1", "n2", "n3"] { try m.run(.moveNote(note: n, theme: talent), as: .facilitator) }
        try m.run(.moveNote(note: "n4", theme: hub), as: .facilitator)
        XCTAssertTrue(m.state.notes["n1"]!.placedByHand)
        XCTAssertRefused(.invalid) { try m.run(.moveNote(note: "n1", theme: opp), as: .facilitator) }
        XCTAssertRefused(.invalid) { try m.run(.mergeThemes(from: talent, into: opp), as: .facilitator) }

        let split = try m.run(.splitTheme(theme: talent, notes: ["n3"], label: "Entry-level welders"), as: .facilitator)
        let welders = split.reply.first { $0.0 == "theme" }!.1.stringValue!
        XCTAssertEqual(m.state.notes["n3"]?.theme, welders)
        XCTAssertRefused(.invalid) { try m.run(.splitTheme(theme: talent, notes: ["n4"], label: "x"), as: .facilitator) }

        m.phase(.commitments)
        try m.run(.champion(theme: hub), as: .participant(karen))
        try m.run(.mergeThemes(from: hub, into: talent), as: .facilitator)
        XCTAssertNil(m.state.themes[hub])
        XCTAssertEqual(m.state.notes["n4"]?.theme, talent)
        XCTAssertEqual(m.state.champions(of: talent).map(\.name), ["Karen"], "champions follow a merged area")

        try m.run(.renameTheme(theme: talent, label: "Qualified workers"), as: .facilitator)
        XCTAssertEqual(m.state.themes[talent]?.label, "Qualified workers")
        XCTAssertTrue(m.state.themes[talent]!.labelByHand)
        try m.run(.lockTheme(theme: talent, locked: true), as: .facilitator)
        XCTAssertTrue(m.state.themes[talent]!.locked)
    }

    func testOnlyAnEmptyThemeCanBeDeleted() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.opportunities)
        try m.run(.post(id: "n1", kind: nil, text: "Drones", scribed: nil), as: .participant(karen))
        let drones = m.theme(.opportunity, "Drones"), parking = m.theme(.opportunity, "Parking lot")
        try m.run(.moveNote(note: "n1", theme: drones), as: .facilitator)
        XCTAssertRefused(.invalid) { try m.run(.deleteTheme(theme: drones), as: .facilitator) }
        XCTAssertRefused(.forbidden) { try m.run(.deleteTheme(theme: parking), as: .participant(karen)) }
        try m.run(.deleteTheme(theme: parking), as: .facilitator)
        XCTAssertNil(m.state.themes[parking])
        XCTAssertFalse(m.state.themeOrder.contains(parking))
        XCTAssertRefused(.notFound) { try m.run(.deleteTheme(theme: parking), as: .facilitator) }
        // A strategy area someone champions is merged, not deleted.
        m.phase(.commitments)
        let area = m.theme(.requirement, "Talent")
        try m.run(.champion(theme: area), as: .participant(karen))
        XCTAssertRefused(.invalid) { try m.run(.deleteTheme(theme: area), as: .facilitator) }
        XCTAssertEqual(MeetingState.replay(m.log)?.themeOrder, m.state.themeOrder, "the deletion replays")
        // A theme whose only notes were hidden is deleted; they wait in Unsorted, still hidden
        // (a walk-through's column of one hidden note could only be merged away).
        try m.run(.hideNote(note: "n1", hidden: true), as: .facilitator)
        let deleted = try m.run(.deleteTheme(theme: drones), as: .facilitator)
        XCTAssertEqual(Dictionary(deleted.reply, uniquingKeysWith: { a, _ in a })["unsorted"], .int(1))
        XCTAssertNil(m.state.themes[drones])
        XCTAssertNil(m.state.notes["n1"]?.theme)
        XCTAssertEqual(m.state.notes["n1"]?.hidden, true)
        XCTAssertEqual(MeetingState.replay(m.log)?.notes["n1"]?.theme, nil)
    }

    func testSpotlightShowsOneThemeUntilReleasedOrThePhaseChanges() throws {
        var m = MeetingDriver()
        m.phase(.opportunities)
        let drones = m.theme(.opportunity, "Drones"), ev = m.theme(.opportunity, "EV")
        try m.run(.spotlight(theme: drones), as: .facilitator)
        XCTAssertEqual(m.state.spotlight, drones)
        XCTAssertEqual(m.state.snapshot(for: .everyone)["spotlight"]?.stringValue, drones, "the wall sees it")
        XCTAssertRefused(.forbidden) { try m.run(.spotlight(theme: nil), as: .wall) }
        XCTAssertRefused(.notFound) { try m.run(.spotlight(theme: "t999"), as: .facilitator) }
        try m.run(.mergeThemes(from: drones, into: ev), as: .facilitator)
        XCTAssertEqual(m.state.spotlight, ev, "a merged theme's spotlight follows it")
        try m.run(.spotlight(theme: nil), as: .facilitator)
        XCTAssertNil(m.state.spotlight)
        try m.run(.spotlight(theme: ev), as: .facilitator)
        m.phase(.requirements)
        XCTAssertNil(m.state.spotlight, "a phase change releases it")
        XCTAssertEqual(MeetingState.replay(m.log)?.spotlight, m.state.spotlight)
    }

    /// People arriving late: the facilitator puts how to join on the wall in large, over the
    /// board, without moving the meeting back to the welcome (which would change every phone).
    func testHowToJoinGoesOnTheWallUntilTakenDownOrThePhaseChanges() throws {
        var m = MeetingDriver()
        m.phase(.opportunities)
        let shown = try m.run(.showJoin(shown: true), as: .facilitator)
        XCTAssertEqual(shown.events.map(\.type), ["joinShown"])
        XCTAssertTrue(m.state.joinOnWall)
        XCTAssertEqual(m.state.phase, .opportunities, "the phones stay where they are")
        XCTAssertEqual(m.state.snapshot(for: .everyone)["joinOnWall"], .bool(true), "the wall sees it")
        XCTAssertTrue(try m.run(.showJoin(shown: true), as: .facilitator).events.isEmpty, "already shown: nothing to record")
        XCTAssertRefused(.forbidden) { try m.run(.showJoin(shown: false), as: .wall) }
        XCTAssertEqual(MeetingState.replay(m.log)?.joinOnWall, true, "a restart keeps it")
        try m.run(.showJoin(shown: false), as: .facilitator)
        XCTAssertFalse(m.state.joinOnWall)
        try m.run(.showJoin(shown: true), as: .facilitator)
        m.phase(.requirements)
        XCTAssertFalse(m.state.joinOnWall, "a phase change takes it down")
        XCTAssertEqual(MeetingState.replay(m.log)?.joinOnWall, false)
    }

    /// Once the room has moved on, an author's note stays as the room saw it: a requirement
    /// rewritten during the sign-up would change an area people are putting their names on.
    /// It can still be withdrawn.
    func testANoteIsRewrittenOnlyInItsOwnRound() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.opportunities)
        try m.run(.post(id: "n1", kind: nil, text: "Drone makers are growing", scribed: nil), as: .participant(karen))
        try m.run(.edit(note: "n1", text: "Drone makers are growing fast"), as: .participant(karen))
        m.phase(.requirements)
        try m.run(.post(id: "n2", kind: nil, text: "Welders", scribed: nil), as: .participant(karen))
        XCTAssertRefused(.phaseClosed) { try m.run(.edit(note: "n1", text: "Drones"), as: .participant(karen)) }
        try m.run(.edit(note: "n2", text: "Certified welders"), as: .participant(karen))
        m.phase(.commitments)
        XCTAssertRefused(.phaseClosed) { try m.run(.edit(note: "n2", text: "We also need a new forklift"), as: .participant(karen)) }
        XCTAssertEqual(m.state.notes["n1"]?.text, "Drone makers are growing fast")
        XCTAssertEqual(m.state.notes["n2"]?.text, "Certified welders")
        // Withdrawing stays open: an author may take their own words out (something private).
        try m.run(.withdraw(note: "n1"), as: .participant(karen))
        XCTAssertTrue(m.state.notes["n1"]!.withdrawn)
        // The facilitator's corrections are not the author's: a note can still be corrected for the summary.
        try m.run(.correctNote(note: "n2", text: "Certified welders (AWS D1.1)"), as: .facilitator)
    }

    func testAttendeesWithoutAPhoneAndRecordsMergedOrRemoved() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        // The tablet keeps the resume token its join was answered with (the meeting keeps only its digest).
        let tabletJoin = try m.run(.join(name: "Karen", organization: "Karen Co", role: .employer, email: "karen@acme.example", consent: true), as: .guest)
        let tablet = tabletJoin.reply.first { $0.0 == "participant" }!.1.stringValue!
        let tabletToken = tabletJoin.reply.first { $0.0 == "token" }!.1.stringValue!
        let oops = m.join("Oops")
        m.phase(.requirements)
        try m.run(.post(id: "n1", kind: nil, text: "Permits", scribed: nil), as: .participant(tablet))
        try m.run(.post(id: "n2", kind: nil, text: "Typo note", scribed: nil), as: .participant(oops))
        let area = m.theme(.requirement, "Permitting")
        m.phase(.commitments)

        // Someone without a phone: added by the facilitator, signed up on their behalf.
        let added = try m.run(.addAttendee(name: "Ruth", organization: "Okafor", role: .employer, email: nil, consent: false), as: .facilitator)
        let ruth = added.reply.first { $0.0 == "participant" }!.1.stringValue!
        XCTAssertNil(added.reply.first { $0.0 == "token" }, "no phone holds this record")
        XCTAssertRefused(.forbidden) {
            try m.run(.addAttendee(name: "X", organization: "Y", role: .employer, email: nil, consent: false), as: .participant(karen))
        }
        try m.run(.signUp(participant: ruth, theme: area, signed: true), as: .facilitator)
        XCTAssertEqual(m.state.champions(of: area).map(\.name), ["Ruth"])
        XCTAssertRefused(.forbidden) { try m.run(.signUp(participant: karen, theme: area, signed: true), as: .participant(karen)) }
        try m.run(.signUp(participant: ruth, theme: area, signed: false), as: .facilitator)
        XCTAssertTrue(m.state.champions(of: area).isEmpty)

        // Karen on two devices: the tablet's record merges into the phone's.
        try m.run(.champion(theme: area), as: .participant(tablet))
        try m.run(.champion(theme: area), as: .participant(karen))
        XCTAssertRefused(.invalid) { try m.run(.mergeParticipants(from: karen, into: karen), as: .facilitator) }
        try m.run(.mergeParticipants(from: tablet, into: karen), as: .facilitator)
        XCTAssertNil(m.state.participants[tablet])
        XCTAssertEqual(m.state.notes["n1"]?.author, karen)
        XCTAssertEqual(m.state.champions(of: area).map(\.name), ["Karen"], "one sign-up, not two")
        XCTAssertEqual(m.state.participants[karen]?.email, "karen@acme.example", "the surviving record takes the e-mail it lacked")
        XCTAssertEqual(m.state.participant(withToken: tabletToken)?.id, karen, "the tablet goes on as Karen")
        m.phase(.requirements)   // a note is changed in its own round
        try m.run(.edit(note: "n1", text: "Faster permits"), as: .participant(tablet))   // still attached as the old record
        XCTAssertEqual(m.state.notes["n1"]?.text, "Faster permits")
        m.phase(.commitments)

        // Someone who joined by mistake: removed, their note kept under their name (or withdrawn).
        try m.run(.removeParticipant(participant: oops, keepNotes: true), as: .facilitator)
        XCTAssertNil(m.state.participants[oops])
        XCTAssertNil(m.state.notes["n2"]?.author)
        XCTAssertEqual(m.state.notes["n2"]?.scribed?.name, "Oops")
        XCTAssertFalse(m.state.notes["n2"]!.withdrawn)
        XCTAssertRefused(.notJoined) { try m.run(.edit(note: "n2", text: "x"), as: .participant(oops)) }
        try m.run(.join(name: "Oops again", organization: "O", role: .employer, email: nil, consent: false), as: .participant(oops))
        let gone = m.join("Gone")
        m.phase(.requirements)
        try m.run(.post(id: "n4", kind: nil, text: "Withdraw me", scribed: nil), as: .participant(gone))
        try m.run(.removeParticipant(participant: gone, keepNotes: false), as: .facilitator)
        XCTAssertTrue(m.state.notes["n4"]!.withdrawn)
        XCTAssertFalse("\(m.state.snapshot(for: .everyone))".contains("Withdraw me"))
        XCTAssertEqual(MeetingState.replay(m.log)?.participantOrder, m.state.participantOrder, "merges and removals replay")
    }

    func testTheFacilitatorCorrectsHowANameReads() throws {
        // A chair typed "tom becker" on a phone; the wall, the attendees, the summary and
        // "Dear tom becker," all read it so until the facilitator writes it right.
        var m = MeetingDriver()
        let tom = m.join("tom becker")
        XCTAssertRefused(.forbidden) {
            try m.run(.renameParticipant(participant: tom, name: "Tom Becker", organization: "Riverbend Senior Living"), as: .participant(tom))
        }
        XCTAssertRefused(.notFound) {
            try m.run(.renameParticipant(participant: "p999", name: "Tom Becker", organization: "Riverbend"), as: .facilitator)
        }
        try m.run(.renameParticipant(participant: tom, name: "Tom Becker", organization: "Riverbend Senior Living"), as: .facilitator)
        XCTAssertEqual(m.state.participants[tom]?.name, "Tom Becker")
        XCTAssertEqual(m.state.participants[tom]?.organization, "Riverbend Senior Living")
        let stored = m.log.count
        try m.run(.renameParticipant(participant: tom, name: "Tom Becker", organization: "Riverbend Senior Living"), as: .facilitator)
        XCTAssertEqual(m.log.count, stored, "unchanged: nothing stored")
        XCTAssertEqual(MeetingState.replay(m.log)?.participants[tom]?.name, "Tom Becker", "the correction replays")
        let last = try XCTUnwrap(m.log.last)
        XCTAssertEqual(try StoredEvent(meeting: last.meeting, seq: last.seq, storage: last.storageJSON()), last, "kept in the log")
        // Everyone's view carries the record as it reads now; only the console's has the e-mail.
        let wallView = "\(m.state.eventView(last, for: .everyone))"
        XCTAssertTrue(wallView.contains("Tom Becker") && wallView.contains("Riverbend Senior Living"), wallView)
        // The command is checked like a join: a name on one line, not empty.
        for bad in [#"{"type":"renameParticipant","req":1,"participant":"p1","name":"  ","organization":"Riverbend"}"#,
                    #"{"type":"renameParticipant","req":1,"participant":"p1","name":"Tom\nBecker","organization":"Riverbend"}"#,
                    #"{"type":"renameParticipant","req":1,"participant":"p1","name":"Tom Becker"}"#] {
            XCTAssertThrowsError(try ClientMessageDecoder.decode(JSONCodec.parse(bad)), bad)
        }
    }

    func testChampionsAndNominations() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen"), college = m.join("College", role: .partner)
        let a = m.theme(.requirement, "Workers"), b = m.theme(.requirement, "Entrepreneurship")
        let opp = m.theme(.opportunity, "Drones")
        XCTAssertRefused(.phaseClosed) { try m.run(.champion(theme: a), as: .participant(karen)) }
        m.phase(.commitments)
        try m.run(.champion(theme: a), as: .participant(karen))
        try m.run(.champion(theme: b), as: .participant(karen))
        try m.run(.champion(theme: a), as: .participant(college))
        XCTAssertTrue(try m.run(.champion(theme: a), as: .participant(karen)).events.isEmpty, "signing twice changes nothing")
        XCTAssertRefused(.notFound) { try m.run(.champion(theme: opp), as: .participant(karen)) }
        XCTAssertEqual(m.state.champions(of: a).map(\.name), ["Karen", "College"])
        try m.run(.unchampion(theme: b), as: .participant(karen))
        XCTAssertTrue(m.state.champions(of: b).isEmpty)
        XCTAssertRefused(.notJoined) { try m.run(.champion(theme: a), as: .guest) }

        try m.run(.nominate(id: "x1", name: "Tom", organization: "Valley Welding", contact: "tom@v.example", theme: a), as: .participant(karen))
        XCTAssertTrue(try m.run(.nominate(id: "x1", name: "Tom", organization: "Valley Welding", contact: nil, theme: a), as: .participant(karen)).events.isEmpty)
        XCTAssertRefused(.forbidden) { try m.run(.withdrawNomination(id: "x1"), as: .participant(college)) }
        try m.run(.withdrawNomination(id: "x1"), as: .participant(karen))
        XCTAssertTrue(m.state.nominations.isEmpty)
    }

    func testHiddenNotesAreInvisibleToEveryoneButTheConsole() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen", email: "karen@acme.example")
        m.phase(.opportunities)
        try m.run(.post(id: "n1", kind: nil, text: "<img src=x onerror=alert(1)>", scribed: nil), as: .participant(karen))
        try m.run(.hideNote(note: "n1", hidden: true), as: .facilitator)
        let everyone = m.state.snapshot(for: .everyone)
        let console = m.state.snapshot(for: .console)
        XCTAssertEqual(everyone["notes"]?.arrayValue?.count, 0)
        XCTAssertEqual(console["notes"]?.arrayValue?.count, 1)
        XCTAssertEqual(console["notes"]?.arrayValue?.first?["text"], .string("<img src=x onerror=alert(1)>"), "stored as typed")
        XCTAssertNil(everyone["participants"]?.arrayValue?.first?["email"], "e-mail addresses are for the console only")
        XCTAssertEqual(console["participants"]?.arrayValue?.first?["email"], .string("karen@acme.example"))
        // An author no longer edits a hidden note; an edit an older log holds still shows its
        // text to nobody but the console.
        XCTAssertRefused(.notAllowed) { try m.run(.edit(note: "n1", text: "secret edit"), as: .participant(karen)) }
        m.record([.noteEdited(note: "n1", text: "secret edit")])
        XCTAssertNil(m.state.eventView(m.log.last!, for: .everyone)["text"])
        XCTAssertEqual(m.state.eventView(m.log.last!, for: .console)["text"], .string("secret edit"))
    }

    func testViewsNeverLeakSecrets() throws {
        var m = MeetingDriver()
        let joined = try m.run(.join(name: "Karen", organization: "Acme", role: .employer, email: "k@a.example", consent: true), as: .guest)
        let token = try XCTUnwrap(joined.reply.first { $0.0 == "token" }?.1.stringValue)
        for audience in [Audience.everyone, .console] {
            let text = "\(m.state.snapshot(for: audience))" + m.log.map { "\(m.state.eventView($0, for: audience))" }.joined()
            XCTAssertFalse(text.contains("secret-key"))
            XCTAssertFalse(text.contains(token), "the resume token is the phone's alone")
            XCTAssertFalse(text.contains(TokenDigest.of(token)), "nor its digest")
        }
    }

    func testClosedMeetingRefusesParticipants() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.closed)
        XCTAssertRefused(.phaseClosed) { try m.run(.post(id: "n1", kind: nil, text: "x", scribed: nil), as: .participant(karen)) }
        XCTAssertRefused(.phaseClosed) { try m.run(.join(name: "Late", organization: "X", role: .employer, email: nil, consent: false), as: .guest) }
        try m.run(.setNextSteps(NextSteps()), as: .facilitator)
    }

    func testScribePostsOnBehalfOfSomeoneWithoutAPhone() throws {
        var m = MeetingDriver()
        try m.run(.post(id: "s1", kind: .opportunity, text: "Re-shoring", scribed: Scribed(name: "Jim", organization: "JimCo", role: .employer)), as: .facilitator)
        XCTAssertEqual(m.state.notes["s1"]?.scribed?.name, "Jim")
        XCTAssertNil(m.state.notes["s1"]?.author)
        XCTAssertTrue(try m.run(.post(id: "s1", kind: .opportunity, text: "Re-shoring", scribed: Scribed(name: "Jim", organization: "JimCo", role: .employer)), as: .facilitator).events.isEmpty)
    }

    func testReplayRebuildsTheSameState() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.requirements)
        try m.run(.post(id: "n1", kind: nil, text: "Welders", scribed: nil), as: .participant(karen))
        let t = m.theme(.requirement, "Workers")
        try m.run(.moveNote(note: "n1", theme: t), as: .facilitator)
        m.phase(.commitments)
        try m.run(.champion(theme: t), as: .participant(karen))
        var steps = NextSteps()
        steps.championsCallDate = "2027-01-21T15:00"
        try m.run(.setNextSteps(steps), as: .facilitator)
        let rebuilt = MeetingState.replay(m.log)!
        XCTAssertEqual(rebuilt.snapshot(for: .console), m.state.snapshot(for: .console))
        XCTAssertEqual(rebuilt.seq, m.state.seq)
    }

    func testJoinCodesAreUnambiguous() {
        var rng = SystemRandomNumberGenerator()
        for _ in 0..<200 {
            let code = Identifiers.joinCode(using: &rng)
            XCTAssertTrue(Identifiers.isValidJoinCode(code))
            XCTAssertFalse(code.contains { "0O1IL".contains($0) })
        }
        XCTAssertEqual(Identifiers.normalizeJoinCode(" abc-234 "), "ABC234")
        XCTAssertEqual(Identifiers.secret(using: &rng).count, 32)
    }

    func testConstantTimeEquals() {
        XCTAssertTrue(constantTimeEquals("abc", "abc"))
        XCTAssertFalse(constantTimeEquals("abc", "abd"))
        XCTAssertFalse(constantTimeEquals("abc", "abcd"))
        XCTAssertFalse(constantTimeEquals("", "a"))
    }
}

final class RegroupUndoTests: XCTestCase {
    func testUndoPutsBackWhatTheRegroupingMovedButKeepsLaterHandMoves() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.opportunities)
        for i in 1...3 { try m.run(.post(id: "n\(i)", kind: nil, text: "note \(i)", scribed: nil), as: .participant(karen)) }
        let a = m.theme(.opportunity, "A"), b = m.theme(.opportunity, "B")
        // What the server records for a regrouping: the moves, then the moves themselves.
        let moves = [RegroupMove(note: "n1", from: nil, to: a), RegroupMove(note: "n2", from: nil, to: a), RegroupMove(note: "n3", from: nil, to: b)]
        for e in [MeetingEvent.regroupRecorded(kind: .opportunity, moves: moves)] + moves.map({ MeetingEvent.noteMoved(note: $0.note, theme: $0.to, byHand: false) }) {
            m.clock += 1
            let stored = StoredEvent(meeting: "m1", seq: m.state.seq + 1, at: m.clock, event: e)
            m.state.apply(stored)
            m.log.append(stored)
        }
        try m.run(.moveNote(note: "n2", theme: b), as: .facilitator)   // the facilitator's later decision
        let undo = try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)
        XCTAssertNil(m.state.notes["n1"]?.theme)
        XCTAssertEqual(m.state.notes["n2"]?.theme, b, "a note moved by hand since stays")
        XCTAssertNil(m.state.notes["n3"]?.theme)
        XCTAssertEqual(undo.reply.first { $0.0 == "moved" }?.1, .int(2))
        XCTAssertRefused(.notFound) { try m.run(.undoRegroup(kind: .opportunity), as: .facilitator) }
        XCTAssertRefused(.forbidden) { try m.run(.undoRegroup(kind: .opportunity), as: .participant(karen)) }
        XCTAssertEqual(MeetingState.replay(m.log)!.snapshot(for: .console), m.state.snapshot(for: .console))
    }
    /// The grouping a regroup needs, injected: the core only decides who may ask and records
    /// what the grouping says.
    struct FixedRegrouper: RegroupProposer {
        func regroup(kind: NoteKind, in state: MeetingState) -> (events: [MeetingEvent], moved: Int) {
            ([.themeCreated(id: "t9", kind: kind, label: "Regrouped", byHand: false)], 0)
        }
        func proposal(kind: NoteKind, in state: MeetingState) -> ThemeProposal? { nil }
        func splitProposal(theme: String, in state: MeetingState) -> ThemeProposal? {
            let notes = state.notes.values.filter { $0.theme == theme }.map(\.id).sorted().prefix(3)
            return ThemeProposal(newThemes: [.init(id: "p1", label: "Split off")],
                                 moves: notes.map { RegroupMove(note: $0, from: theme, to: "p1") }, removedThemes: [])
        }
    }

    func testASplitByMeaningIsOfferedAsAProposalForATheme() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.opportunities)
        let a = m.theme(.opportunity, "Everything")
        // Notes the clustering placed (not by hand), as the server records them.
        func placeAutomatically(_ note: String) {
            m.clock += 1
            let stored = StoredEvent(meeting: "m1", seq: m.state.seq + 1, at: m.clock, event: .noteMoved(note: note, theme: a, byHand: false))
            m.state.apply(stored)
            m.log.append(stored)
        }
        for i in 1...6 {
            try m.run(.post(id: "n\(i)", kind: nil, text: "note \(i)", scribed: nil), as: .participant(karen))
            if i < 6 { placeAutomatically("n\(i)") }
        }
        func split(_ theme: String, as actor: Actor = .facilitator, with regrouper: (any RegroupProposer)? = FixedRegrouper()) throws(CommandError) -> Decision {
            try m.state.decide(.splitByMeaning(theme: theme), by: actor, newSecret: "", regrouper: regrouper)
        }
        // Five notes are too few: a theme's worth (three) must be left on each side.
        XCTAssertRefused(.invalid, saying: "needs at least 6 notes") { _ = try split(a) }
        // A hidden note does not count.
        try m.run(.post(id: "h1", kind: nil, text: "hidden", scribed: nil), as: .participant(karen))
        placeAutomatically("h1")
        try m.run(.hideNote(note: "h1", hidden: true), as: .facilitator)
        XCTAssertRefused(.invalid, saying: "this one holds 5") { _ = try split(a) }
        placeAutomatically("n6")
        let d = try split(a)
        guard case let .proposalOffered(kind, proposal)? = d.events.first else { return XCTFail("no proposal: \(d.events)") }
        XCTAssertEqual(kind, .opportunity)
        XCTAssertEqual(proposal.moves.count, 3)
        XCTAssertEqual(d.reply.first { $0.0 == "proposal" }?.1, .bool(true))
        XCTAssertRefused(.notFound) { _ = try split("t999") }
        XCTAssertRefused(.forbidden) { _ = try split(a, as: .participant(karen)) }
        XCTAssertRefused(.notAllowed) { _ = try split(a, with: nil) }
        try m.run(.lockTheme(theme: a, locked: true), as: .facilitator)
        XCTAssertRefused(.invalid, saying: "is locked") { _ = try split(a) }
        try m.run(.lockTheme(theme: a, locked: false), as: .facilitator)
        // Notes placed by hand stay where the facilitator put them: with four of six, nothing is left to split off.
        for i in 1...4 { try m.run(.moveNote(note: "n\(i)", theme: a), as: .facilitator) }
        XCTAssertRefused(.invalid, saying: "placed by hand") { _ = try split(a) }
        // The split runs while the console waits: a theme of more than 300 notes is refused.
        for i in 7...(Limits.notesToSplitByMeaningAtMost + 2) {
            try m.run(.post(id: "n\(i)", kind: .opportunity, text: "note \(i)", scribed: Scribed(name: "Jim", organization: "J", role: .employer)),
                      as: .facilitator)
            placeAutomatically("n\(i)")
        }
        do {
            _ = try split(a)
            XCTFail("a theme of 302 notes was split")
        } catch {
            XCTAssertEqual(error.code, .invalid)
            XCTAssertTrue(error.message.contains("too many to split"), error.message)
        }
    }

    /// A theme of six notes the grouping placed, and the facilitator's "Split" of it standing
    /// as a proposal (the injected grouping splits off n1–n3), recorded through the stored form.
    func requestedSplit() throws -> (m: MeetingDriver, karen: String, theme: String) {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.opportunities)
        let a = m.theme(.opportunity, "Everything")
        for i in 1...6 {
            try m.run(.post(id: "n\(i)", kind: nil, text: "note \(i)", scribed: nil), as: .participant(karen))
            m.record([.noteMoved(note: "n\(i)", theme: a, byHand: false)])
        }
        let asked = try m.state.decide(.splitByMeaning(theme: a), by: .facilitator, newSecret: "", regrouper: FixedRegrouper())
        m.record(asked.events, throughStorage: true)
        return (m, karen, a)
    }

    /// "Split" asked for and applied is the facilitator's own split: its notes are pinned in
    /// the new theme (examples of it, counter-examples of the theme they left), the request is
    /// part of the stored proposal (so it stands across a restart), and undoing the split
    /// frees its notes again.
    func testAnAppliedSplitByMeaningIsTheFacilitatorsAndItsUndoFreesTheNotes() throws {
        var (m, _, a) = try requestedSplit()
        XCTAssertEqual(m.state.proposals[.opportunity]?.requested, .split(theme: a))
        XCTAssertTrue(m.state.requestStands(.opportunity))
        XCTAssertTrue(MeetingState.replay(m.log)!.requestStands(.opportunity), "the request survives a restart")

        try m.run(.applyProposal(kind: .opportunity), as: .facilitator)
        XCTAssertFalse(m.state.requestStands(.opportunity))
        let split = try XCTUnwrap(m.state.notes["n1"]?.theme)
        XCTAssertNotEqual(split, a)
        for id in ["n1", "n2", "n3"] {
            XCTAssertEqual(m.state.notes[id]?.theme, split)
            XCTAssertEqual(m.state.notes[id]?.placedByHand, true, "\(id) is pinned where the split put it")
            XCTAssertEqual(m.state.notes[id]?.movedOutOf, [a], "\(id) is a counter-example of the theme it left")
        }
        for id in ["n4", "n5", "n6"] { XCTAssertEqual(m.state.notes[id]?.placedByHand, false) }
        // The facilitator then moves one of them on by hand: that decision is theirs and stays.
        let other = m.theme(.opportunity, "Other")
        try m.run(.moveNote(note: "n3", theme: other), as: .facilitator)

        let undo = try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(undo.reply.first { $0.0 == "moved" }?.1, .int(2))
        for id in ["n1", "n2"] {
            XCTAssertEqual(m.state.notes[id]?.theme, a)
            XCTAssertEqual(m.state.notes[id]?.placedByHand, false, "\(id) is the grouping's again")
            XCTAssertEqual(m.state.notes[id]?.movedOutOf, [])
        }
        XCTAssertEqual(m.state.notes["n3"]?.theme, other)
        XCTAssertEqual(m.state.notes["n3"]?.placedByHand, true)
        XCTAssertEqual(MeetingState.replay(m.log)!.snapshot(for: .console), m.state.snapshot(for: .console))
    }

    /// After an applied split, what the facilitator's hand did since is theirs for good: undo
    /// frees only the notes the split pinned and nobody has placed since, and never sends the
    /// split's notes to Unsorted because the theme they came from was merged away.
    func testUndoingASplitKeepsWhatTheFacilitatorPlacedSince() throws {
        func appliedSplit() throws -> (MeetingDriver, from: String, split: String) {
            var (m, _, a) = try requestedSplit()
            try m.run(.applyProposal(kind: .opportunity), as: .facilitator)
            return (m, a, m.state.notes["n1"]!.theme!)
        }
        func moved(_ d: Decision) -> JSONValue? { d.reply.first { $0.0 == "moved" }?.1 }

        // A split note taken out and put back by hand is the facilitator's.
        var (m, from, split) = try appliedSplit()
        try m.run(.moveNote(note: "n2", theme: nil), as: .facilitator)
        try m.run(.moveNote(note: "n2", theme: split), as: .facilitator)
        XCTAssertEqual(m.state.notes["n2"]?.movedOutOf, [from], "put back by hand, it no longer counts against the split's theme")
        XCTAssertEqual(moved(try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)), .int(2))
        XCTAssertEqual(m.state.notes["n2"]?.theme, split)
        XCTAssertEqual(m.state.notes["n2"]?.placedByHand, true)
        XCTAssertEqual([m.state.notes["n1"]?.theme, m.state.notes["n3"]?.theme], [from, from])
        XCTAssertEqual(MeetingState.replay(m.log)!.snapshot(for: .console), m.state.snapshot(for: .console))

        // The facilitator merged the rest of the column into the split: the merge stands.
        (m, from, split) = try appliedSplit()
        try m.run(.mergeThemes(from: from, into: split), as: .facilitator)
        XCTAssertEqual(moved(try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)), .int(0))
        for i in 1...6 {
            XCTAssertEqual(m.state.notes["n\(i)"]?.theme, split)
            XCTAssertEqual(m.state.notes["n\(i)"]?.placedByHand, true)
        }

        // The column the split came from was merged into another: its notes stay in the split.
        (m, from, split) = try appliedSplit()
        let other = m.theme(.opportunity, "Other")
        try m.run(.mergeThemes(from: from, into: other), as: .facilitator)
        XCTAssertEqual(moved(try m.run(.undoRegroup(kind: .opportunity), as: .facilitator)), .int(0))
        for id in ["n1", "n2", "n3"] { XCTAssertEqual(m.state.notes[id]?.theme, split, "\(id) is not sent to Unsorted") }
    }

    /// A requested proposal stops standing once none of its moves holds: a forgotten preview
    /// must not hold back the automatic ones for the rest of the meeting.
    func testARequestedProposalStandsOnlyWhileOneOfItsMovesHolds() throws {
        var (m, karen, a) = try requestedSplit()
        XCTAssertTrue(m.state.requestStands(.opportunity))
        try m.run(.moveNote(note: "n1", theme: a), as: .facilitator)
        try m.run(.hideNote(note: "n2", hidden: true), as: .facilitator)
        XCTAssertTrue(m.state.requestStands(.opportunity), "n3's move still holds")
        try m.run(.withdraw(note: "n3"), as: .participant(karen))
        XCTAssertFalse(m.state.requestStands(.opportunity))
        XCTAssertNotNil(m.state.proposals[.opportunity], "still shown until the next automatic pass replaces it")
    }

    func testTheGroupingsOwnProposalIsWithdrawnWhenItsPhaseIsOverAndARequestedOneStands() throws {
        var m = MeetingDriver()
        m.phase(.opportunities)
        m.phase(.requirements)
        let who = Scribed(name: "Al", organization: "Al Co", role: .employer)
        try m.run(.post(id: "r1", kind: nil, text: "Keep new hires past 90 days", scribed: who), as: .facilitator)
        try m.run(.post(id: "r2", kind: nil, text: "Mentors on the floor", scribed: who), as: .facilitator)
        m.record([.themeCreated(id: "t1", kind: .requirement, label: "Hiring", byHand: false),
                  .noteMoved(note: "r1", theme: "t1", byHand: false), .noteMoved(note: "r2", theme: "t1", byHand: false)])
        let proposal = ThemeProposal(newThemes: [.init(id: "p1", label: "Hires & morale")],
                                     moves: [RegroupMove(note: "r1", from: "t1", to: "p1"), RegroupMove(note: "r2", from: "t1", to: "p1")])
        m.record([.proposalOffered(kind: .requirement, proposal: proposal)])
        // (Dismissed, it would hold r1 and r2 where they are.)
        var dismissed = m
        try dismissed.run(.dismissProposal(kind: .requirement), as: .facilitator)
        XCTAssertEqual(dismissed.state.keptByDismissal.count, 2)
        m.phase(.requirements)
        XCTAssertNotNil(m.state.proposals[.requirement], "the requirements phase goes on: the proposal stands")
        m.phase(.commitments)
        XCTAssertNil(m.state.proposals[.requirement], "nothing offers to reshape the strategy areas while people sign up")
        XCTAssertTrue(m.state.keptByDismissal.isEmpty, "withdrawn, not dismissed: no note is held where it is")
        // One the facilitator asked for stands until they decide.
        var requested = proposal
        requested.requested = .regroup
        m.record([.proposalOffered(kind: .requirement, proposal: requested)])
        m.phase(.wrapUp)
        XCTAssertNotNil(m.state.proposals[.requirement])
    }

    /// A requested regrouping whose every move goes to a theme merged away (or locked) since
    /// no longer stands: "Apply" would move nothing, the console shows nothing, and it must
    /// not hold back the automatic proposals — nor do so again after a restart.
    func testARequestedProposalIntoAThemeMergedAwayNoLongerStands() throws {
        struct IntoTheme: RegroupProposer {
            let from: String, to: String
            func regroup(kind: NoteKind, in state: MeetingState) -> (events: [MeetingEvent], moved: Int) { ([], 0) }
            func proposal(kind: NoteKind, in state: MeetingState) -> ThemeProposal? {
                ThemeProposal(moves: ["n1", "n2"].map { RegroupMove(note: $0, from: from, to: to) })
            }
            func splitProposal(theme: String, in state: MeetingState) -> ThemeProposal? { nil }
        }
        func asked() throws -> (m: MeetingDriver, a: String, b: String, c: String) {
            var m = MeetingDriver()
            let karen = m.join("Karen")
            m.phase(.opportunities)
            let (a, b, c) = (m.theme(.opportunity, "A"), m.theme(.opportunity, "B"), m.theme(.opportunity, "C"))
            for i in 1...3 {
                try m.run(.post(id: "n\(i)", kind: nil, text: "note \(i)", scribed: nil), as: .participant(karen))
                m.record([.noteMoved(note: "n\(i)", theme: i == 3 ? b : a, byHand: false)])
            }
            let d = try m.state.decide(.regroup(kind: .opportunity, preview: true), by: .facilitator, newSecret: "",
                                       regrouper: IntoTheme(from: a, to: b))
            m.record(d.events, throughStorage: true)
            XCTAssertTrue(m.state.requestStands(.opportunity))
            return (m, a, b, c)
        }
        var (m, a, b, c) = try asked()
        try m.run(.mergeThemes(from: b, into: c), as: .facilitator)
        XCTAssertFalse(m.state.requestStands(.opportunity), "every move goes to a theme that is gone")
        XCTAssertFalse(MeetingState.replay(m.log)!.requestStands(.opportunity), "nor after a restart")
        XCTAssertEqual(try m.run(.applyProposal(kind: .opportunity), as: .facilitator).reply.first { $0.0 == "moved" }?.1, .int(0))
        for id in ["n1", "n2"] { XCTAssertEqual(m.state.notes[id]?.theme, a, "\(id) stays where it was") }

        // The same when the theme the notes would go to is locked since.
        (m, a, b, c) = try asked()
        try m.run(.lockTheme(theme: b, locked: true), as: .facilitator)
        XCTAssertFalse(m.state.requestStands(.opportunity))
        try m.run(.lockTheme(theme: b, locked: false), as: .facilitator)
        XCTAssertTrue(m.state.requestStands(.opportunity), "unlocked, the moves hold again")
        XCTAssertEqual(try m.run(.applyProposal(kind: .opportunity), as: .facilitator).reply.first { $0.0 == "moved" }?.1, .int(2))
        _ = c
    }

    /// A proposal whose moves no longer hold applies as nothing: no new theme (no empty column
    /// the facilitator did not make) and no step for Undo (which would hide the last real one).
    /// Near the limit of 30 themes, a move to a new theme that no longer fits does not hold.
    func testAProposalThatNoLongerHoldsOpensNoThemeAndLeavesUndoAlone() throws {
        func asked(themes extra: Int) throws -> (m: MeetingDriver, a: String) {
            var m = MeetingDriver()
            let karen = m.join("Karen")
            m.phase(.opportunities)
            let a = m.theme(.opportunity, "Everything")
            for i in 0..<extra { _ = m.theme(.opportunity, "Theme \(i)") }
            for i in 1...6 {
                try m.run(.post(id: "n\(i)", kind: nil, text: "note \(i)", scribed: nil), as: .participant(karen))
                m.record([.noteMoved(note: "n\(i)", theme: a, byHand: false)])
            }
            let d = try m.state.decide(.splitByMeaning(theme: a), by: .facilitator, newSecret: "", regrouper: FixedRegrouper())
            m.record(d.events, throughStorage: true)
            return (m, a)
        }
        var (m, a) = try asked(themes: 0)
        for id in ["n1", "n2", "n3"] { try m.run(.moveNote(note: id, theme: a), as: .facilitator) }   // kept where they are
        let applied = try m.run(.applyProposal(kind: .opportunity), as: .facilitator)
        XCTAssertEqual(applied.reply.first { $0.0 == "moved" }?.1, .int(0))
        XCTAssertFalse(applied.events.contains { if case .themeCreated = $0 { return true }; return false }, "\(applied.events)")
        XCTAssertFalse(applied.events.contains { if case .regroupRecorded = $0 { return true }; return false }, "\(applied.events)")
        XCTAssertEqual(m.state.orderedThemes(kind: .opportunity).count, 1)

        // 29 themes when the split was asked for; a 30th made since leaves no room for its new one.
        (m, a) = try asked(themes: 28)
        XCTAssertTrue(m.state.requestStands(.opportunity))
        _ = m.theme(.opportunity, "The thirtieth")
        XCTAssertFalse(m.state.requestStands(.opportunity), "the new theme no longer fits")
        XCTAssertEqual(try m.run(.applyProposal(kind: .opportunity), as: .facilitator).reply.first { $0.0 == "moved" }?.1, .int(0))
        XCTAssertEqual(m.state.orderedThemes(kind: .opportunity).count, 30)
    }

    func testARegroupIsDecidedWithTheInjectedGrouping() throws {
        var m = MeetingDriver()
        m.phase(.opportunities)
        let d = try m.state.decide(.regroup(kind: .opportunity, preview: false), by: .facilitator, newSecret: "", regrouper: FixedRegrouper())
        XCTAssertEqual(d.events, [.themeCreated(id: "t9", kind: .opportunity, label: "Regrouped", byHand: false)])
        let preview = try m.state.decide(.regroup(kind: .opportunity, preview: true), by: .facilitator, newSecret: "", regrouper: FixedRegrouper())
        XCTAssertTrue(preview.events.isEmpty, "nothing would move: no proposal")
        XCTAssertRefused(.forbidden) { _ = try m.state.decide(.regroup(kind: .opportunity, preview: false), by: .guest, newSecret: "", regrouper: FixedRegrouper()) }
        XCTAssertRefused(.notAllowed) { _ = try m.state.decide(.regroup(kind: .opportunity, preview: false), by: .facilitator, newSecret: "") }
    }
}

final class TokenDigestTests: XCTestCase {
    func testSHA256MatchesTheStandardVectors() {
        XCTAssertEqual(SHA256.hex(Array("abc".utf8)), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
        XCTAssertEqual(SHA256.hex([]), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")
        XCTAssertEqual(SHA256.hex(Array("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq".utf8)),
                       "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1")
        XCTAssertEqual(SHA256.hex([UInt8](repeating: 0x61, count: 1000)).prefix(16), "41edece42d63e8d9")
    }

    func testTheMeetingKeepsOnlyTheTokensDigestAndStillKnowsThePhone() throws {
        var m = MeetingDriver()
        let decision = try m.run(.join(name: "Karen", organization: "Acme", role: .employer, email: nil, consent: false), as: .guest)
        guard case let .string(token)? = decision.reply.first(where: { $0.0 == "token" })?.1 else { return XCTFail("no token") }
        let stored = try XCTUnwrap(m.state.participants.values.first).resumeToken
        XCTAssertNotEqual(stored, token)
        XCTAssertFalse(stored.contains(token), "the log never holds the token")
        XCTAssertEqual(m.state.participant(withToken: token)?.name, "Karen")
        XCTAssertNil(m.state.participant(withToken: token + "x"))
        // A log written before tokens were hashed holds the token itself: read back as its digest.
        XCTAssertEqual(TokenDigest.stored(token), TokenDigest.of(token))
        XCTAssertEqual(TokenDigest.stored(stored), stored)
    }

    /// Older logs gave an attendee the facilitator added (no phone) the digest of the empty
    /// string; a merge then carried it to a phone's record. An empty or malformed token must
    /// never find anyone, or whoever holds the join code becomes that person.
    func testNoTokenButTheServersOwnResumesARecord() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        let old = Participant(id: "p90", name: "Ruth", organization: "Okafor", role: .employer, email: "ruth@example.org",
                              consent: true, resumeToken: TokenDigest.of(""), joinedAt: 0)
        m.record([.participantJoined(old)])
        XCTAssertNil(m.state.participant(withToken: ""), "the empty token is no token")
        try m.run(.mergeParticipants(from: "p90", into: karen), as: .facilitator)
        XCTAssertNil(m.state.participant(withToken: ""), "nor after the record it matched was merged into Karen")
        for malformed in ["0", String(repeating: "g", count: 32), String(repeating: "A", count: 32), String(repeating: "0", count: 33)] {
            XCTAssertNil(m.state.participant(withToken: malformed), malformed)
        }
        XCTAssertFalse(Identifiers.isSecretShaped(""))
        var rng = SystemRandomNumberGenerator()
        XCTAssertTrue(Identifiers.isSecretShaped(Identifiers.secret(using: &rng)))
    }
}
