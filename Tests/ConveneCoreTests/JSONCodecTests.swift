import ConveneCore
import ConveneJSON
import XCTest

final class JSONCodecTests: XCTestCase {
    func testRoundTripsAwkwardText() throws {
        let texts = ["quote \" backslash \\ slash / done", "emoji 👩🏽‍🔧 CJK 漢字", "line\u{2028}sep", "nul\u{0}inside", "<script>alert(1)</script>", ""]
        for t in texts {
            let bytes = JSONCodec.serialize(.object([("text", .string(t))]))
            XCTAssertEqual(try JSONCodec.parse(bytes)["text"], .string(t))
        }
        XCTAssertEqual(JSONCodec.serializeString(.object([("u", "a/b")])), #"{"u":"a/b"}"#)
    }

    func testRejectsBrokenAndTrailingInput() {
        for bad in ["{}garbage", "{\"a\":", "", "{'a':1}", "{\"a\":1,}", "nul", String(repeating: "[", count: 100) + String(repeating: "]", count: 100)] {
            XCTAssertThrowsError(try JSONCodec.parse(bad), bad)
        }
        XCTAssertNoThrow(try JSONCodec.parse("  {\"a\": [1, 2.5, true, null]}\n"))
        XCTAssertThrowsError(try JSONCodec.parse([0x7B, 0x22, 0x61, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D]), "invalid UTF-8")
    }

    /// What json-c lets through and the wire must not: each is `bad_json`, never a message
    /// that means something else than it says.
    func testRefusesWhatJSONCLetsThrough() throws {
        let refused = [
            #"{"type":"post","id":"d","type":"withdraw","note":"x"}"#,          // a key twice: json-c keeps the last
            #"{"a":{"text":"first","text":"second"}}"#,                        // …also in a nested object
            #"{"type":"ping","\u0074ype":"withdraw"}"#,                        // …also written with an escape
            #"{"a":NaN}"#, #"{"a":Infinity}"#, #"{"a":-Infinity}"#,
            "{\"a\":\"raw\u{01}control\"}",                                // a raw control byte in a string
            #"{"text":"lone \ud800 surrogate"}"#, #"{"text":"lone \udc00"}"#,
            #"{"req":18446744073709551616}"#, #"{"req":9223372036854775808}"#, #"{"req":-9223372036854775809}"#,
        ]
        for bad in refused {
            XCTAssertThrowsError(try JSONCodec.parse(bad), bad)
        }
        // Their lawful neighbours pass.
        XCTAssertEqual(try JSONCodec.parse(#"{"req":9223372036854775807}"#)["req"], .int(Int64.max))
        XCTAssertEqual(try JSONCodec.parse(#"{"req":-9223372036854775808}"#)["req"], .int(Int64.min))
        XCTAssertEqual(try JSONCodec.parse(#"{"t":"\ud83d\ude00 ok"}"#)["t"], .string("😀 ok"))
        XCTAssertEqual(try JSONCodec.parse(#"{"a":{"b":1},"c":[{"b":2},{"b":3}],"n":1e2,"s":"it's \"x\": {}"}"#)["n"], .double(100))
        // The event log reads its own writing leniently: no stricter rule stops a replay.
        XCTAssertNoThrow(try JSONCodec.parse(#"{"a":1,"a":2}"#, strict: false))
    }

    func testNestingUpToTwentyLevels() {
        // Objects inside objects, the innermost holding a value (json-c counts the value too).
        func nested(_ levels: Int) -> String { String(repeating: "{\"a\":", count: levels) + "1" + String(repeating: "}", count: levels) }
        XCTAssertNoThrow(try JSONCodec.parse(nested(JSONCodec.maxDepth)))
        XCTAssertThrowsError(try JSONCodec.parse(nested(JSONCodec.maxDepth + 1)))
    }

    func testStoredEventsRoundTrip() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen", email: "karen@acme.example")
        m.phase(.opportunities)
        try m.run(.post(id: "n1", kind: nil, text: "Drones \"UAS\" / 無人機", scribed: nil), as: .participant(karen))
        let t = m.theme(.opportunity, "Drones")
        try m.run(.moveNote(note: "n1", theme: t), as: .facilitator)
        try m.run(.post(id: "s1", kind: .opportunity, text: "Export", scribed: Scribed(name: "Jim", organization: "J", role: .partner)), as: .facilitator)
        try m.run(.showJoin(shown: true), as: .facilitator)
        XCTAssertEqual(m.log.last?.event, .joinShown(shown: true))
        for stored in m.log {
            let bytes = JSONCodec.serialize(stored.storageJSON())
            let back = try StoredEvent(meeting: stored.meeting, seq: stored.seq, storage: try JSONCodec.parse(bytes))
            XCTAssertEqual(back, stored)
        }
    }

    func testAGroupingPassIsOneEventThatRoundTripsAndApplies() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen")
        m.phase(.opportunities)
        try m.run(.post(id: "n1", kind: nil, text: "Drones", scribed: nil), as: .participant(karen))
        try m.run(.post(id: "n2", kind: nil, text: "Export help", scribed: nil), as: .participant(karen))
        let pass = StoredEvent(meeting: m.state.info.id, seq: m.state.seq + 1, at: 7, event: .grouped(kind: .opportunity, changes: [
            .createTheme(id: "t\(m.state.nextNumber)", label: "Drones"),
            .move(note: "n1", theme: "t\(m.state.nextNumber)"),
            .move(note: "n2", theme: nil),
            .relabel(theme: "t\(m.state.nextNumber)", label: "Drones & UAS"),
        ]))
        let back = try StoredEvent(meeting: pass.meeting, seq: pass.seq,
                                   storage: try JSONCodec.parse(JSONCodec.serialize(pass.storageJSON())))
        XCTAssertEqual(back, pass)

        var state = m.state
        let themeId = "t\(state.nextNumber)"
        state.apply(pass)
        XCTAssertEqual(state.seq, pass.seq)
        XCTAssertEqual(state.themes[themeId]?.label, "Drones & UAS")
        XCTAssertEqual(state.themes[themeId]?.labelByHand, false)
        XCTAssertEqual(state.notes["n1"]?.theme, themeId)
        XCTAssertEqual(state.notes["n1"]?.placedByHand, false)
        XCTAssertEqual(state.notes["n2"]?.theme, nil)
        XCTAssertEqual(state.notes["n2"]?.placed, true, "left unsorted is a decision: not placed again after a restart")
        // Screens get the new theme whole, then the moves and the label in order.
        let view = state.eventView(pass, for: .everyone)
        XCTAssertEqual(view["changes"]?.arrayValue?.first?["theme"]?["id"]?.stringValue, themeId)
        XCTAssertEqual(view["changes"]?.arrayValue?.count, 4)
    }
}
