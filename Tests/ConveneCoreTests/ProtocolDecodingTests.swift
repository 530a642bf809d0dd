@testable import ConveneCore
import ConveneJSON
import XCTest

final class ProtocolDecodingTests: XCTestCase {
    private func decode(_ text: String) throws -> ClientMessage? {
        try ClientMessageDecoder.decode(try JSONCodec.parse(text))
    }

    private func assertError(_ code: CommandError.Code, _ text: String, file: StaticString = #filePath, line: UInt = #line) {
        do {
            _ = try decode(text)
            XCTFail("\(text) was accepted", file: file, line: line)
        } catch let e as CommandError {
            XCTAssertEqual(e.code, code, e.message, file: file, line: line)
        } catch {
            XCTFail("unexpected \(error)", file: file, line: line)
        }
    }

    func testDecodesEveryMessageType() throws {
        XCTAssertEqual(try decode(#"{"type":"hello","code":"abc-234","client":"console","key":"k","since":3}"#),
                       .hello(Hello(code: "ABC234", client: .console, key: "k", token: nil, since: 3)))
        XCTAssertEqual(try decode(#"{"type":"post","req":7,"id":"n-1","text":"Drones"}"#),
                       .command(req: .int(7), .post(id: "n-1", kind: nil, text: "Drones", scribed: nil)))
        XCTAssertEqual(try decode(#"{"type":"join","name":"Karen","organization":"Acme","role":"partner","email":"k@a.example","consent":true}"#),
                       .command(req: nil, .join(name: "Karen", organization: "Acme", role: .partner, email: "k@a.example", consent: true)))
        // The phone's language: Spanish is kept, anything else is English.
        XCTAssertEqual(try decode(#"{"type":"join","name":"Marisol","organization":"Reyes","role":"employer","language":"es"}"#),
                       .command(req: nil, .join(name: "Marisol", organization: "Reyes", role: .employer, email: nil, consent: false, language: "es")))
        XCTAssertEqual(try decode(#"{"type":"join","name":"Marisol","organization":"Reyes","role":"employer","language":"fr"}"#),
                       .command(req: nil, .join(name: "Marisol", organization: "Reyes", role: .employer, email: nil, consent: false)))
        XCTAssertEqual(try decode(#"{"type":"setNextSteps","championsCallDate":"2027-01-21T15:00","nextMeetingDate":"2027-02-26"}"#)
            .flatMap { m -> String? in if case .command(_, .setNextSteps(let s)) = m { return s.nextMeetingDate }; return nil }, "2027-02-26")
        XCTAssertNil(try decode(#"{"type":"ping"}"#))
        for type in ClientMessageDecoder.messageTypes where type != "ping" {
            // Every documented type is recognised (a bare message fails on fields, not on type).
            do { _ = try decode("{\"type\":\"\(type)\"}") } catch let e as CommandError { XCTAssertNotEqual(e.code, .unknownType, type) }
        }
    }

    func testOrganizerRequestsCarryTheKeyAndANewMeeting() throws {
        XCTAssertEqual(try decode(#"{"type":"listMeetings","req":"r1","organizerKey":"abc"}"#),
                       .organizer(req: .string("r1"), key: "abc", .listMeetings))
        let message = try decode(#"{"type":"createMeeting","organizerKey":"k","title":"Launch","industry":"Health care","region":"Region Y","date":"2026-12-03","chairs":["Dana"],"everyoneMayPost":true,"timeboxes":{"opportunities":30}}"#)
        guard case .organizer(_, "k", .createMeeting(let fields))? = message else { return XCTFail("\(String(describing: message))") }
        let event = try MeetingFactory.created(id: "m1", from: fields, joinCode: "ABC234", facilitatorKey: "f", at: 5)
        guard case .meetingCreated(let info, let settings) = event.event else { return XCTFail("not a creation") }
        XCTAssertEqual([info.title, info.industry, info.region, info.date], ["Launch", "Health care", "Region Y", "2026-12-03"])
        XCTAssertEqual(info.chairs, ["Dana"])
        XCTAssertTrue(settings.everyoneMayPost)
        XCTAssertEqual(settings.timeboxes[.opportunities], 30)
        XCTAssertEqual(settings.timeboxes[.requirements], Phase.requirements.defaultMinutes)
        XCTAssertEqual(event.seq, 1)

        assertError(.invalid, #"{"type":"createMeeting","organizerKey":"k","title":"Launch","industry":"Health care"}"#)
        assertError(.badMessage, #"{"type":"createMeeting","title":"Launch","industry":"Health care","region":"Y"}"#)
        assertError(.badMessage, #"{"type":"listMeetings","organizerKey":["k"]}"#)
    }

    func testHostileMessagesGetClearErrors() {
        assertError(.unknownType, #"{"type":"dropTables"}"#)
        assertError(.badMessage, #"[1,2]"#)
        assertError(.badMessage, #"{"text":"no type"}"#)
        assertError(.badMessage, #"{"type":"post","id":"n1","text":42}"#)
        assertError(.badMessage, #"{"type":"post","id":"../../etc","text":"x"}"#)
        assertError(.badMessage, #"{"type":"post","text":"x"}"#)
        assertError(.badMessage, #"{"type":"post","id":"n1","text":"x","req":{"a":1}}"#)
        assertError(.invalid, "{\"type\":\"post\",\"id\":\"n1\",\"text\":\"\(String(repeating: "a", count: 281))\"}")
        assertError(.invalid, #"{"type":"post","id":"n1","text":"   "}"#)
        assertError(.invalid, #"{"type":"post","id":"n1","text":"bell\u0007"}"#)
        assertError(.invalid, #"{"type":"join","name":"K","organization":"A","role":"employer","email":"not-an-address"}"#)
        assertError(.badMessage, #"{"type":"join","name":"K","organization":"A","role":"boss"}"#)
        assertError(.invalid, #"{"type":"setNextSteps","nextMeetingDate":"next week"}"#)
        assertError(.badMessage, #"{"type":"hello","code":"ABC234","client":"admin"}"#)
        assertError(.invalid, #"{"type":"updateMeeting","targetThemes":50}"#)
    }

    /// Text that shows nothing, or that would reorder or break what is printed after it.
    func testInvisibleControlAndDirectionMarksAreRefused() {
        // C1 controls, U+0085 (a line break to some) among them, in notes and names.
        assertError(.invalid, #"{"type":"post","id":"n1","text":"a\u0085b"}"#)
        assertError(.invalid, #"{"type":"post","id":"n1","text":"csi \u009b31m"}"#)
        assertError(.invalid, #"{"type":"join","name":"a\u0085b","organization":"A","role":"employer"}"#)
        // Nothing visible: zero-width spaces and joiners, a byte-order mark, a soft hyphen.
        for blank in [#"\u200b"#, #"\ufeff"#, #"\u200b\u200c\u2060"#, #" \u00ad "#] {
            assertError(.invalid, "{\"type\":\"post\",\"id\":\"n1\",\"text\":\"\(blank)\"}")
            assertError(.invalid, "{\"type\":\"join\",\"name\":\"\(blank)\",\"organization\":\"A\",\"role\":\"employer\"}")
        }
        // Marks that turn the text after them around.
        assertError(.invalid, #"{"type":"join","name":"\u202eevil","organization":"A","role":"employer"}"#)
        assertError(.invalid, #"{"type":"post","id":"n1","text":"abc \u2067def"}"#)
        // What people do type still passes: emoji sequences with joiners, accents, RTL text.
        for fine in ["Welders 👩🏽‍🔧 needed", "Soldadores con certificación", "שלום welders", "café"] {
            XCTAssertNoThrow(try ClientMessageDecoder.decode(JSONCodec.parse(JSONCodec.serialize(
                .object([("type", "post"), ("id", "n1"), ("text", .string(fine))])))), fine)
        }
    }

    func testNoteLengthCountsCharactersNotBytes() throws {
        let emoji = String(repeating: "👩🏽‍🔧", count: 280)
        XCTAssertNotNil(try decode("{\"type\":\"post\",\"id\":\"n1\",\"text\":\"\(emoji)\"}"))
    }
}
