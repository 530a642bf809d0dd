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

    func testStoredEventsRoundTrip() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen", email: "karen@acme.example")
        m.phase(.opportunities)
        try m.run(.post(id: "n1", kind: nil, text: "Drones \"UAS\" / 無人機", scribed: nil), as: .participant(karen))
        let t = m.theme(.opportunity, "Drones")
        try m.run(.moveNote(note: "n1", theme: t), as: .facilitator)
        try m.run(.post(id: "s1", kind: .opportunity, text: "Export", scribed: Scribed(name: "Jim", organization: "J", role: .partner)), as: .facilitator)
        for stored in m.log {
            let bytes = JSONCodec.serialize(stored.storageJSON())
            let back = try StoredEvent(meeting: stored.meeting, seq: stored.seq, storage: try JSONCodec.parse(bytes))
            XCTAssertEqual(back, stored)
        }
    }
}
