@testable import ConveneCore
import XCTest

/// Drives a meeting the way the server does: decide, then apply the events in order.
struct MeetingDriver {
    var state: MeetingState
    var log: [StoredEvent]
    var clock: Int64 = 1_000
    var secrets = 0

    init() {
        let created = try! MeetingFactory.created(
            id: "m1", title: "Region X Light Manufacturing", industry: "Light manufacturing", region: "Region X",
            date: "2026-12-18", place: "Region X College", chairs: ["Karen"], joinCode: "ABC234", facilitatorKey: "secret-key", at: 0)
        state = MeetingState.replay([created])!
        log = [created]
    }

    @discardableResult
    mutating func run(_ command: Command, as actor: Actor) throws(CommandError) -> Decision {
        secrets += 1
        // Shaped as the server's secrets (32 hex digits): only those can resume a phone.
        let number = String(secrets, radix: 16)
        let decision = try state.decide(command, by: actor, newSecret: String(repeating: "0", count: 32 - number.count) + number)
        for event in decision.events {
            clock += 1
            let stored = StoredEvent(meeting: "m1", seq: state.seq + 1, at: clock, event: event)
            state.apply(stored)
            log.append(stored)
        }
        return decision
    }

    /// Events the server decides on its own (the grouping's placements, a proposal), applied
    /// and logged in order; `throughStorage`: each read back from its stored form first, as a
    /// restart reads it.
    mutating func record(_ events: [MeetingEvent], throughStorage: Bool = false) {
        for event in events {
            clock += 1
            var stored = StoredEvent(meeting: "m1", seq: state.seq + 1, at: clock, event: event)
            if throughStorage {
                let read = try! StoredEvent(meeting: "m1", seq: stored.seq, storage: stored.storageJSON())
                XCTAssertEqual(read, stored)
                stored = read
            }
            state.apply(stored)
            log.append(stored)
        }
    }

    mutating func join(_ name: String, role: ParticipantRole = .employer, email: String? = nil) -> String {
        let d = try! run(.join(name: name, organization: "\(name) Co", role: role, email: email, consent: email != nil), as: .guest)
        return d.reply.first { $0.0 == "participant" }!.1.stringValue!
    }

    mutating func phase(_ p: Phase) { try! run(.setPhase(p), as: .facilitator) }

    mutating func theme(_ kind: NoteKind, _ label: String) -> String {
        let d = try! run(.createTheme(kind: kind, label: label), as: .facilitator)
        return d.reply.first { $0.0 == "theme" }!.1.stringValue!
    }
}

/// `saying`: words the refusal's sentence must hold (which of several refusals it is).
func XCTAssertRefused(_ code: CommandError.Code, saying words: String? = nil, _ body: () throws -> Void,
                      file: StaticString = #filePath, line: UInt = #line) {
    do {
        try body()
        XCTFail("expected \(code.rawValue), but the command was accepted", file: file, line: line)
    } catch let error as CommandError {
        XCTAssertEqual(error.code, code, error.message, file: file, line: line)
        XCTAssertFalse(error.message.isEmpty, file: file, line: line)
        if let words { XCTAssertTrue(error.message.contains(words), error.message, file: file, line: line) }
    } catch {
        XCTFail("unexpected \(error)", file: file, line: line)
    }
}
