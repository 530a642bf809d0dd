@testable import ConveneCore
import ConveneJSON
import XCTest

/// The facilitator corrects someone named to invite: a mistyped e-mail would keep the
/// summary from ever reaching them (a walk-through found nominations could only be removed).
final class EditNominationTests: XCTestCase {
    func testTheFacilitatorCorrectsANominationAndWhoNamedThemStays() throws {
        var m = MeetingDriver()
        let karen = m.join("Karen"), luis = m.join("Luis")
        let housing = m.theme(.requirement, "Worker housing"), rides = m.theme(.requirement, "Rides to the plants")
        m.phase(.commitments)
        try m.run(.nominate(id: "x1", name: "Tom Ruiz", organization: "Valley Welding", contact: "tom@valleywelding.exmaple", theme: housing),
                  as: .participant(karen))
        try m.run(.nominate(id: "x2", name: "Ana", organization: "Workforce Board", contact: nil, theme: nil), as: .participant(luis))
        let fixed = try m.run(.editNomination(id: "x1", name: "Tom Ruiz", organization: "Valley Welding & Fab",
                                              contact: "tom@valleywelding.example", theme: rides), as: .facilitator)
        XCTAssertEqual(fixed.events.count, 1)
        let tom = try XCTUnwrap(m.state.nominations["x1"])
        XCTAssertEqual([tom.organization, tom.contact, tom.theme], ["Valley Welding & Fab", "tom@valleywelding.example", rides])
        XCTAssertEqual(tom.nominatedBy, karen, "who named them stays")
        XCTAssertEqual(m.state.nominationOrder, ["x1", "x2"], "in its place")
        // The letter now goes to the right address, and only there.
        let addresses = m.state.summaryRecipients().map(\.email)
        XCTAssertTrue(addresses.contains("tom@valleywelding.example") && !addresses.contains("tom@valleywelding.exmaple"), "\(addresses)")
        // Saved as it was: nothing is recorded.
        XCTAssertTrue(try m.run(.editNomination(id: "x1", name: "Tom Ruiz", organization: "Valley Welding & Fab",
                                                contact: "tom@valleywelding.example", theme: rides), as: .facilitator).events.isEmpty)
        // Only the console corrects; a gone nomination or area is said so.
        XCTAssertRefused(.forbidden) {
            try m.run(.editNomination(id: "x1", name: "Tom", organization: "X", contact: nil, theme: nil), as: .participant(karen))
        }
        XCTAssertRefused(.notFound) { try m.run(.editNomination(id: "x9", name: "Tom", organization: "X", contact: nil, theme: nil), as: .facilitator) }
        XCTAssertRefused(.notFound) {
            try m.run(.editNomination(id: "x2", name: "Ana", organization: "X", contact: nil, theme: "t999"), as: .facilitator)
        }
        // A replay of the log reads the same.
        XCTAssertEqual(MeetingState.replay(m.log)?.nominations["x1"], m.state.nominations["x1"])
    }

    func testTheMessageIsReadWithTheSameRulesAsNominate() throws {
        let ok = try ClientMessageDecoder.decode(JSONCodec.parse(#"{"type":"editNomination","req":1,"id":"x1","name":"Tom","organization":"V","contact":"t@v.example"}"#))
        XCTAssertEqual(ok, ClientMessage.command(req: JSONValue.int(1), Command.editNomination(id: "x1", name: "Tom", organization: "V", contact: "t@v.example", theme: nil)))
        for bad in [#"{"type":"editNomination","req":1,"id":"x1","name":"  ","organization":"V"}"#,
                    #"{"type":"editNomination","req":1,"id":"x1","name":"Tom\nRuiz","organization":"V"}"#,
                    #"{"type":"editNomination","req":1,"name":"Tom","organization":"V"}"#] {
            XCTAssertThrowsError(try ClientMessageDecoder.decode(JSONCodec.parse(bad)), bad)
        }
    }
}
