@testable import ConveneCore
import ConveneGrouping
import ConveneJSON
@testable import ConveneServer
import ConveneStore
import Foundation
import XCTest

/// A screen as the hub sees it, recording what it is told.
@MainActor
final class RecordingClient: MeetingClient {
    let id: UInt64
    let session: ClientSession
    var received: [JSONValue] = []
    var closed: ClientCloseReason?

    init(id: UInt64, address: String = "192.0.2.10", secure: Bool = false) {
        self.id = id
        session = ClientSession(address: address, secure: secure, now: 0)
    }

    func send(_ message: OutgoingMessage) {
        received.append(try! JSONCodec.parse(message.parts.flatMap { $0 }))
    }

    func close(_ reason: ClientCloseReason) { closed = reason }

    func last(_ type: String) -> JSONValue? { received.last { $0["type"]?.stringValue == type } }
    var events: [JSONValue] { received.filter { $0["type"]?.stringValue == "event" } }
}

/// The event sink, recording submissions; the test answers for the disk.
final class RecordingSink: EventSink, @unchecked Sendable {
    private let lock = NSLock()
    private var rows: [EventRow] = []
    private(set) var barriers: [String] = []

    func submit(_ rows: [EventRow]) { lock.withLock { self.rows += rows } }
    func barrier(meeting: String) { lock.withLock { barriers.append(meeting) } }
    func take() -> [EventRow] { lock.withLock { defer { rows = [] }; return rows } }
}

/// A hub with one meeting (code ABC234, facilitator key "facilitator-key"), a recording
/// sink, and helpers to speak to it as screens do.
@MainActor
final class HubFixture {
    let hub: MeetingHub
    let sink = RecordingSink()
    let created: StoredEvent
    var nextId: UInt64 = 1

    init() throws {
        let inbox = Inbox()
        hub = MeetingHub(writer: sink, inbox: inbox, embedding: nil, mail: nil,
                         clustering: ClusteringWorker(inbox: inbox, phrases: nil), organizerKey: "organizer-key")
        created = try MeetingFactory.created(id: "m1", title: "Region X", industry: "Light manufacturing", region: "Region X",
                                             date: nil, place: nil, chairs: [], joinCode: "ABC234", facilitatorKey: "facilitator-key", at: 0)
        hub.load([created])
    }

    func client(address: String = "192.0.2.10", secure: Bool = false) -> RecordingClient {
        defer { nextId += 1 }
        return RecordingClient(id: nextId, address: address, secure: secure)
    }

    func say(_ json: String, from c: RecordingClient) { hub.receive(Array(json.utf8), from: c) }

    /// The writer's answer: everything submitted so far is durable.
    func commitAll() { hub.handle(.storage(.committed(sink.take()))) }

    func console() -> RecordingClient {
        let c = client(address: "127.0.0.1")
        say(#"{"type":"hello","code":"ABC234","client":"console","key":"facilitator-key"}"#, from: c)
        return c
    }
}

/// The hub without sockets or a disk: hello and snapshot or replay, acknowledgements only
/// after the sink commits, a failed commit and the recovery after it, rate limits, the
/// facilitator's commands, and a meeting rebuilt from its log.
final class MeetingHubTests: XCTestCase {
    @MainActor func testAnAcknowledgementWaitsForTheCommit() async throws {
        let f = try HubFixture()
        let phone = f.client()
        f.say(#"{"type":"hello","code":"ABC234","client":"participant"}"#, from: phone)
        f.say(#"{"type":"join","req":1,"name":"Karen","organization":"Acme","role":"employer"}"#, from: phone)
        XCTAssertNil(phone.last("ack"), "no acknowledgement before the event is durable")
        XCTAssertEqual(f.hub.meetings["m1"]?.committed.participants.count, 0)
        f.commitAll()
        XCTAssertEqual(phone.last("ack")?["req"]?.intValue, 1)
        XCTAssertEqual(f.hub.meetings["m1"]?.committed.participants.count, 1)
    }

    @MainActor func testAFailedCommitIsRefusedAndTheMeetingStartsAgainFromWhatIsDurable() async throws {
        let f = try HubFixture()
        let phone = f.client()
        f.say(#"{"type":"hello","code":"ABC234","client":"participant"}"#, from: phone)
        f.say(#"{"type":"join","req":1,"name":"Karen","organization":"Acme","role":"employer"}"#, from: phone)
        f.hub.handle(.storage(.failed(f.sink.take(), error: StorageError("database or disk is full", code: 13))))
        XCTAssertEqual(phone.last("error")?["code"]?.stringValue, "storage_failed")
        XCTAssertEqual(phone.last("error")?["message"]?.stringValue,
                       "The server's disk is full, so your change was not saved. Please tell the facilitator.", "the sentence says what happened")
        XCTAssertEqual(f.sink.barriers, ["m1"], "the writer is asked to flush what was queued behind the failure")
        // Until the barrier comes back, commands wait.
        let other = f.client(address: "192.0.2.11")
        f.say(#"{"type":"hello","code":"ABC234","client":"participant"}"#, from: other)
        f.say(#"{"type":"join","req":2,"name":"Paul","organization":"Drone Co","role":"employer"}"#, from: other)
        XCTAssertEqual(other.last("error")?["code"]?.stringValue, "busy")
        f.hub.handle(.storage(.barrier(meeting: "m1")))
        XCTAssertEqual(f.hub.meetings["m1"]?.speculative.participants.count, 0, "the refused join is gone")
        f.say(#"{"type":"join","req":3,"name":"Paul","organization":"Drone Co","role":"employer"}"#, from: other)
        f.commitAll()
        XCTAssertEqual(other.last("ack")?["req"]?.intValue, 3)
    }

    @MainActor func testAHelloGetsASnapshotAndAReconnectGetsWhatItMissed() async throws {
        let f = try HubFixture()
        let wall = f.client()
        f.say(#"{"type":"hello","code":"ABC234","client":"wall"}"#, from: wall)
        XCTAssertEqual(wall.last("welcome")?["mode"]?.stringValue, "snapshot")
        let since = wall.last("welcome")?["seq"]?.intValue ?? 0
        let c = f.console()
        f.say(#"{"type":"setPhase","req":1,"phase":"opportunities"}"#, from: c)
        f.commitAll()
        XCTAssertEqual(wall.events.count, 1, "the wall got the phase change")
        let again = f.client()
        f.say("{\"type\":\"hello\",\"code\":\"ABC234\",\"client\":\"wall\",\"since\":\(since)}", from: again)
        XCTAssertEqual(again.last("welcome")?["mode"]?.stringValue, "replay")
        XCTAssertEqual(again.events.map { $0["event"]?["type"]?.stringValue }, ["phaseChanged"])
    }

    @MainActor func testOnlyTheFacilitatorRunsTheMeeting() async throws {
        let f = try HubFixture()
        let phone = f.client()
        f.say(#"{"type":"hello","code":"ABC234","client":"participant"}"#, from: phone)
        f.say(#"{"type":"setPhase","req":1,"phase":"closed"}"#, from: phone)
        XCTAssertEqual(phone.last("error")?["code"]?.stringValue, "forbidden")
        // The facilitator's key over plain HTTP from another computer is refused…
        let remote = f.client(address: "192.0.2.20")
        f.say(#"{"type":"hello","code":"ABC234","client":"console","key":"facilitator-key"}"#, from: remote)
        XCTAssertEqual(remote.last("error")?["code"]?.stringValue, "not_allowed")
        // …over TLS it is fine.
        let secure = f.client(address: "192.0.2.20", secure: true)
        f.say(#"{"type":"hello","code":"ABC234","client":"console","key":"facilitator-key"}"#, from: secure)
        XCTAssertNotNil(secure.last("welcome"))
        f.say(#"{"type":"setPhase","req":2,"phase":"opportunities"}"#, from: secure)
        f.commitAll()
        XCTAssertEqual(secure.last("ack")?["req"]?.intValue, 2)
    }

    @MainActor func testAQuestionIsAnsweredAtOnceAndStoresNothing() async throws {
        let f = try HubFixture()
        let phone = f.client()
        f.say(#"{"type":"hello","code":"ABC234","client":"participant"}"#, from: phone)
        f.say(#"{"type":"summary","req":1,"format":"text"}"#, from: phone)
        XCTAssertEqual(phone.last("error")?["code"]?.stringValue, "forbidden")
        let c = f.console()
        f.say(#"{"type":"summary","req":2,"format":"text"}"#, from: c)
        XCTAssertTrue(c.last("ack")?["content"]?.stringValue?.contains("Priority opportunities") ?? false, "answered without a commit")
        f.say(#"{"type":"mailRecipients","req":3}"#, from: c)
        XCTAssertEqual(c.last("ack")?["recipients"]?.arrayValue?.count, 0)
        XCTAssertTrue(f.sink.take().isEmpty, "a question stores nothing")
    }

    @MainActor func testAClientThatFloodsIsRefusedThenDropped() async throws {
        let f = try HubFixture()
        let phone = f.client()
        for _ in 0..<Int(Limits.messageBurst) { f.say(#"{"type":"ping"}"#, from: phone) }
        XCTAssertNil(phone.last("error"))
        f.say(#"{"type":"ping","req":9}"#, from: phone)
        XCTAssertEqual(phone.last("error")?["code"]?.stringValue, "rate_limited")
        XCTAssertEqual(phone.last("error")?["req"]?.intValue, 9, "every refusal echoes its req")
        for _ in 0..<2_001 { f.say(#"{"type":"ping"}"#, from: phone) }
        XCTAssertEqual(phone.closed, .tooManyMessages)
    }

    @MainActor func testAMeetingIsRebuiltFromItsLog() async throws {
        let f = try HubFixture()
        var state = MeetingState.replay([f.created])!
        var log = [f.created]
        for event: MeetingEvent in [.phaseChanged(.opportunities),
                                    .notePosted(id: "n1", kind: .opportunity, text: "Drone makers are growing", author: nil,
                                                scribed: Scribed(name: "K", organization: "Acme", role: .employer))] {
            let stored = StoredEvent(meeting: "m2", seq: state.seq + 1, at: 10, event: event)
            state.apply(stored)
            log.append(stored)
        }
        // Another meeting's log, under its own id and code.
        let second = try MeetingFactory.created(id: "m2", title: "Region Y", industry: "Health care", region: "Region Y",
                                                date: nil, place: nil, chairs: [], joinCode: "XYZ789", facilitatorKey: "k2", at: 0)
        XCTAssertTrue(f.hub.load([second] + log.dropFirst()))
        let wall = f.client()
        f.say(#"{"type":"hello","code":"XYZ789","client":"wall"}"#, from: wall)
        let notes = wall.last("welcome")?["snapshot"]?["notes"]?.arrayValue ?? []
        XCTAssertEqual(notes.compactMap { $0["text"]?.stringValue }, ["Drone makers are growing"])
        XCTAssertEqual(wall.last("welcome")?["snapshot"]?["phase"]?.stringValue, "opportunities")
    }

    /// A hub loaded with `events` after the meeting's creation (as after a restart), and a console on it.
    @MainActor func hub(after events: [MeetingEvent], _ f: HubFixture) -> (MeetingHub, RecordingClient) {
        var state = MeetingState.replay([f.created])!
        var log = [f.created]
        for event in events {
            let stored = StoredEvent(meeting: "m1", seq: state.seq + 1, at: 10, event: event)
            state.apply(stored)
            log.append(stored)
        }
        let hub = MeetingHub(writer: f.sink, inbox: Inbox(), embedding: nil, mail: nil,
                             clustering: ClusteringWorker(inbox: Inbox(), phrases: nil), organizerKey: "organizer-key")
        XCTAssertTrue(hub.load(log))
        let console = f.client(address: "127.0.0.1")
        hub.receive(Array(#"{"type":"hello","code":"ABC234","client":"console","key":"facilitator-key"}"#.utf8), from: console)
        return (hub, console)
    }

    func posted(_ count: Int, kind: NoteKind) -> [MeetingEvent] {
        (0..<count).map { .notePosted(id: "n\($0)", kind: kind, text: "note \($0)", author: nil,
                                      scribed: Scribed(name: "K", organization: "Acme", role: .employer)) }
    }

    @MainActor func testUndoTitlesAgainOnlyTheThemesItsNotesLeftOrWentBackTo() async throws {
        // Five automatic themes of two notes. The last regrouping took n2 from "Broadband" and
        // n4 from "Permits" into "Welders", and emptied "Zoning" into it (it left the wall);
        // the facilitator has since moved n4 by hand to "Housing".
        let f = try HubFixture()
        var events: [MeetingEvent] = [.phaseChanged(.opportunities)] + posted(10, kind: .opportunity)
        events += [("t1", "Welders"), ("t2", "Broadband"), ("t3", "Permits"), ("t4", "Housing"), ("t5", "Zoning")]
            .map { .themeCreated(id: $0.0, kind: .opportunity, label: $0.1, byHand: false) }
        events += (0..<10).map { .noteMoved(note: "n\($0)", theme: "t\($0 / 2 + 1)", byHand: false) }
        let moves = [("n2", "t2"), ("n4", "t3"), ("n8", "t5"), ("n9", "t5")].map { RegroupMove(note: $0.0, from: $0.1, to: "t1") }
        events += moves.map { .noteMoved(note: $0.note, theme: "t1", byHand: false) }
        events += [.regroupRecorded(kind: .opportunity, moves: moves, removed: [RemovedTheme(id: "t5", label: "Zoning", position: 4, after: "t4")]),
                   .grouped(kind: .opportunity, changes: [.removeTheme(id: "t5")]),
                   .noteMoved(note: "n4", theme: "t4", byHand: true)]
        let (hub, console) = hub(after: events, f)
        hub.receive(Array(#"{"type":"undoRegroup","req":1,"kind":"opportunity"}"#.utf8), from: console)
        hub.handle(.storage(.committed(f.sink.take())))
        XCTAssertEqual(console.last("ack")?["moved"]?.intValue, 3, "n2, n8 and n9 go back; n4 is the facilitator's")
        XCTAssertEqual(hub.meetings["m1"]?.speculative.themes["t5"]?.label, "Zoning")
        XCTAssertEqual(hub.meetings["m1"]?.retitleWanted[.opportunity], ["t1", "t2"],
                       "the themes notes went back to or left get titles again; Zoning, put back, keeps its own, and Permits and Housing, which the undo did not touch, keep theirs")
    }

    /// Four notes in two automatic themes, as a restart reads them: two on welders in the first
    /// (titled `firstTitle`), one on broadband and one on fiber for it in "Broadband".
    func weldersAndBroadband(firstTitle: String) -> [MeetingEvent] {
        let texts = ["welders wanted", "certified welders retire", "broadband is too slow", "fiber for the broadband park"]
        var events: [MeetingEvent] = [.phaseChanged(.opportunities)]
        events += texts.enumerated().map { .notePosted(id: "n\($0.offset)", kind: .opportunity, text: $0.element, author: nil,
                                                       scribed: Scribed(name: "K", organization: "Acme", role: .employer)) }
        events += [.themeCreated(id: "t1", kind: .opportunity, label: firstTitle, byHand: false),
                   .themeCreated(id: "t2", kind: .opportunity, label: "Broadband", byHand: false)]
        events += [("n0", "t1"), ("n1", "t1"), ("n2", "t2"), ("n3", "t2")].map { .noteMoved(note: $0.0, theme: $0.1, byHand: false) }
        return events
    }

    @MainActor func testUndoKeepsATitleThatStillFitsAndRewritesOneThatNoLongerDoes() async throws {
        // "Welders & fiber" held the fiber note the last regrouping brought in; "Broadband" lost
        // it. Undone, the fiber note goes back: "Welders & fiber" no longer fits (no note of it
        // says fiber) and is titled again; "Broadband" still fits and keeps its name (a second
        // walk-through saw a column come back from an undo under a title nobody had seen).
        let f = try HubFixture()
        var events = weldersAndBroadband(firstTitle: "Welders & fiber")
        let moves = [RegroupMove(note: "n3", from: "t2", to: "t1")]
        events += [.noteMoved(note: "n3", theme: "t1", byHand: false), .regroupRecorded(kind: .opportunity, moves: moves, removed: [])]
        let (hub, console) = hub(after: events, f)
        hub.receive(Array(#"{"type":"undoRegroup","req":1,"kind":"opportunity"}"#.utf8), from: console)
        hub.handle(.storage(.committed(f.sink.take())))
        XCTAssertEqual(console.last("ack")?["moved"]?.intValue, 1)
        XCTAssertEqual(hub.meetings["m1"]?.speculative.notes["n3"]?.theme, "t2")
        XCTAssertEqual(hub.meetings["m1"]?.retitleWanted[.opportunity], ["t1"], "only the title that no longer fits is written again")
    }

    @MainActor func testUndoGivesBackTheTitleTheColumnHadAndWritesNoNewOne() async throws {
        // As above, but the regrouping recorded the titles it found ("Welders", "Broadband"), and
        // after it the server titled the first column for the fiber note it received. Undone, the
        // column is "Welders" again — the name the room knew it by — and nothing is retitled.
        let f = try HubFixture()
        var events = weldersAndBroadband(firstTitle: "Welders")
        let moves = [RegroupMove(note: "n3", from: "t2", to: "t1")]
        events += [.noteMoved(note: "n3", theme: "t1", byHand: false),
                   .regroupRecorded(kind: .opportunity, moves: moves, removed: [],
                                    titles: [ThemeTitle(theme: "t2", label: "Broadband"), ThemeTitle(theme: "t1", label: "Welders")]),
                   .grouped(kind: .opportunity, changes: [.relabel(theme: "t1", label: "Welders & fiber")])]
        let (hub, console) = hub(after: events, f)
        hub.receive(Array(#"{"type":"undoRegroup","req":1,"kind":"opportunity"}"#.utf8), from: console)
        hub.handle(.storage(.committed(f.sink.take())))
        XCTAssertEqual(console.last("ack")?["moved"]?.intValue, 1)
        XCTAssertEqual(hub.meetings["m1"]?.speculative.themes["t1"]?.label, "Welders")
        XCTAssertEqual(hub.meetings["m1"]?.speculative.themes["t2"]?.label, "Broadband")
        XCTAssertEqual(hub.meetings["m1"]?.retitleWanted[.opportunity] ?? [], [], "both titles fit what their columns hold again")
    }

    @MainActor func testAPassComputedBeforeASignUpDoesNotTakeTheAreaWithIt() async throws {
        // The facilitator emptied "Housing" by hand and a pass was sent off; Karen then signed up
        // to champion it. "Transit" is empty too, and nobody's.
        let f = try HubFixture()
        var events: [MeetingEvent] = [.phaseChanged(.opportunities), .phaseChanged(.requirements)] + posted(2, kind: .requirement)
        events += [("t1", "Rides"), ("t2", "Housing"), ("t3", "Transit")].map { .themeCreated(id: $0.0, kind: .requirement, label: $0.1, byHand: false) }
        events += [.noteMoved(note: "n0", theme: "t1", byHand: false), .noteMoved(note: "n1", theme: "t1", byHand: true),
                   .phaseChanged(.commitments),
                   .participantJoined(Participant(id: "p1", name: "Karen", organization: "Lane Welding", role: .employer, email: nil,
                                                  consent: false, resumeToken: "", joinedAt: 1)),
                   .championSigned(participant: "p1", theme: "t2")]
        let (hub, _) = hub(after: events, f)
        let live = try XCTUnwrap(hub.meetings["m1"])
        hub.placed(ClusteringWorker.Result(meeting: "m1", kind: .requirement, version: live.wallVersion[.requirement] ?? 0, notes: [],
                                           pass: WallPlacement.Pass(changes: [.removeTheme(id: "t2"), .removeTheme(id: "t3")]), retitle: []))
        hub.handle(.storage(.committed(f.sink.take())))
        XCTAssertNil(live.speculative.themes["t3"], "an empty automatic theme nobody holds on to leaves")
        XCTAssertEqual(live.speculative.themes["t2"]?.label, "Housing", "the area Karen signed up for stays")
        XCTAssertEqual(live.speculative.champions(of: "t2").map(\.name), ["Karen"])
    }

    @MainActor func testTheGroupingOffersNoProposalOfItsOwnOnceItsWallsPhaseIsOver() async throws {
        let f = try HubFixture()
        var events: [MeetingEvent] = [.phaseChanged(.opportunities), .phaseChanged(.requirements)] + posted(4, kind: .requirement)
        events += [.themeCreated(id: "t1", kind: .requirement, label: "Hiring", byHand: false)]
        events += (0..<4).map { .noteMoved(note: "n\($0)", theme: "t1", byHand: false) }
        let proposal = ThemeProposal(newThemes: [.init(id: "p1", label: "Hires & morale")],
                                     moves: [RegroupMove(note: "n0", from: "t1", to: "p1"), RegroupMove(note: "n1", from: "t1", to: "p1")])
        func offered(in phase: Phase) throws -> ThemeProposal? {
            let (hub, _) = hub(after: events + [.phaseChanged(phase)], f)
            let live = try XCTUnwrap(hub.meetings["m1"])
            hub.placed(ClusteringWorker.Result(meeting: "m1", kind: .requirement, version: live.wallVersion[.requirement] ?? 0, notes: [],
                                               pass: WallPlacement.Pass(proposal: proposal), retitle: [], settled: true))
            hub.handle(.storage(.committed(f.sink.take())))
            return live.speculative.proposals[.requirement]
        }
        XCTAssertNotNil(try offered(in: .requirements), "while the room posts requirements, the grouping proposes")
        XCTAssertNil(try offered(in: .commitments), "while people sign up for the strategy areas, it does not")
    }

    @MainActor func testKeepingANoteInPlaceDoesNotRecomputeTheProposalBeingRead() async throws {
        // A standing automatic proposal moves n0 and n1 out of "Welders". The facilitator
        // keeps n0 where it is: the proposal loses that move and is not regrouped once they
        // pause (a walk-through's proposal was rewritten 5 s after a Keep, and Apply moved
        // cards its reader had seen no arrow on). A real move is a correction: it is.
        let f = try HubFixture()
        var events: [MeetingEvent] = [.phaseChanged(.opportunities)] + posted(4, kind: .opportunity)
        events += [.themeCreated(id: "t1", kind: .opportunity, label: "Welders", byHand: false),
                   .themeCreated(id: "t2", kind: .opportunity, label: "Broadband", byHand: false)]
        events += (0..<4).map { .noteMoved(note: "n\($0)", theme: $0 < 2 ? "t1" : "t2", byHand: false) }
        events.append(.proposalOffered(kind: .opportunity, proposal: ThemeProposal(
            newThemes: [.init(id: "p1", label: "Hires")],
            moves: [RegroupMove(note: "n0", from: "t1", to: "p1"), RegroupMove(note: "n1", from: "t1", to: "p1")])))
        let (hub, console) = hub(after: events, f)
        let live = try XCTUnwrap(hub.meetings["m1"])
        hub.receive(Array(#"{"type":"moveNote","req":1,"note":"n0","theme":"t1"}"#.utf8), from: console)
        hub.handle(.storage(.committed(f.sink.take())))
        XCTAssertEqual(console.last("ack")?["req"]?.intValue, 1, "\(console.received.suffix(2))")
        XCTAssertNil(live.settleOwed[.opportunity], "a Keep schedules no regrouping of the proposal")
        XCTAssertEqual(live.speculative.proposals[.opportunity]?.moves.map(\.note), ["n0", "n1"], "the proposal stands as offered")
        XCTAssertEqual(live.speculative.notes["n0"]?.placedByHand, true)
        hub.receive(Array(#"{"type":"moveNote","req":2,"note":"n2","theme":"t1"}"#.utf8), from: console)
        hub.handle(.storage(.committed(f.sink.take())))
        XCTAssertNotNil(live.settleOwed[.opportunity], "a move to another theme is a correction: the proposal is looked at again")
    }

    @MainActor func testNamingAThemeOffersNoProposalOfSeenNotesButAMoveDoes() async throws {
        // Four welders notes and three broadband notes sit in "Welders", three more broadband
        // notes in "Broadband". The facilitator names the broadband theme: unsorted notes may
        // follow its name, but no proposal to move seen notes comes with it (a walk-through read
        // the one that came after renaming every column as undoing their correction). A move by
        // hand does bring one.
        let f = try HubFixture()
        var events: [MeetingEvent] = [.phaseChanged(.opportunities)] + posted(10, kind: .opportunity)
        events += [.themeCreated(id: "t1", kind: .opportunity, label: "Welders", byHand: false),
                   .themeCreated(id: "t2", kind: .opportunity, label: "Broadband", byHand: false)]
        events += (0..<10).map { .noteMoved(note: "n\($0)", theme: $0 < 7 ? "t1" : "t2", byHand: false) }
        events.append(.themeRenamed(theme: "t2", label: "Internet", byHand: true))
        let (hub, console) = hub(after: events, f)
        let live = try XCTUnwrap(hub.meetings["m1"])
        func vector(_ axis: Int, _ wobble: Float) -> [Float] {
            var v = [Float](repeating: 0.05, count: 8); v[axis] = 1; v[7] = wobble; return v
        }
        for k in 0..<10 { live.vectors["n\(k)"] = vector(k < 4 ? 0 : 1, Float(k % 4) * 0.1) }
        hub.labelEmbedded(meeting: "m1", theme: "t2", label: "Internet", vector: vector(1, 0))
        hub.handle(.storage(.committed(f.sink.take())))
        XCTAssertNil(live.speculative.proposals[.opportunity], "naming a theme proposes no move of seen notes")
        hub.receive(Array(#"{"type":"moveNote","req":1,"note":"n4","theme":"t2"}"#.utf8), from: console)
        hub.handle(.storage(.committed(f.sink.take())))
        XCTAssertEqual(console.last("ack")?["req"]?.intValue, 1)
        XCTAssertEqual(Set(live.speculative.proposals[.opportunity]?.moves.map(\.note) ?? []), ["n5", "n6"], "a move by hand does")
        // The titles a correction made wrong go to the clustering thread as a quiet pass: its
        // answer owes no room's settling pass (which would retitle columns nobody touched).
        hub.retitle(live, kind: .opportunity, themes: ["t1"], quiet: true)
        XCTAssertTrue(live.quietRetitle.contains(.opportunity))
        hub.retitle(live, kind: .opportunity, themes: ["t1"])
        XCTAssertFalse(live.quietRetitle.contains(.opportunity), "an applied proposal's titles keep the settling pass")
    }
}
