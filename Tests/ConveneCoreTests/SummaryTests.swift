@testable import ConveneCore
import ConveneJSON
import Foundation
import XCTest

/// The summary of a recorded sample meeting — the workbook's own "Sample meeting summary"
/// (Region X light manufacturing) — in every format, against reviewed golden files.
/// `UPDATE_GOLDEN=1 swift test --filter SummaryTests` rewrites them (review the diff!).
final class SummaryTests: XCTestCase {
    static let golden = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Golden")

    static func sampleMeeting() throws -> MeetingState {
        var m = MeetingDriver()
        var u = MeetingUpdate()
        u.title = "Region X Light Manufacturing Sector Strategy — launch meeting"
        u.date = .some("2012-12-18")
        u.place = .some("Region X College")
        u.chairs = ["Karen Lee", "Tom Ruiz"]
        try m.run(.updateMeeting(u), as: .facilitator)
        var people: [String: String] = [:]
        for (name, org) in [("Karen", "Avionics Works"), ("Ginger", "Precision Parts"), ("Norela", "CNC Shop"), ("Lane", "Lane Welding"),
                            ("Paul", "Drone Dynamics"), ("Robin", "Robin Tools"), ("Jim", "JimCo"), ("Al", "Al's Fabrication"),
                            ("Casey", "Casey Machining"), ("Tom", "Valley Metals")] {
            let d = try m.run(.join(name: name, organization: org, role: .employer, email: "\(name.lowercased())@example.com", consent: true), as: .guest)
            people[name] = d.reply.first { $0.0 == "participant" }!.1.stringValue!
        }
        let college = try m.run(.join(name: "Dana", organization: "Region X College", role: .partner, email: nil, consent: false), as: .guest)
        people["Dana"] = college.reply.first { $0.0 == "participant" }!.1.stringValue!

        m.phase(.opportunities)
        let markets = m.theme(.opportunity, "Diverse equipment markets")
        let uas = m.theme(.opportunity, "Unmanned aircraft systems")
        let reshoring = m.theme(.opportunity, "Re-shoring and expansion")
        let opportunities: [(String, String, String)] = [
            ("Karen", "Recreation equipment makers are growing here", markets),
            ("Ginger", "Wine industry equipment, machine tools, mining equipment", markets),
            ("Paul", "Drones (UAS): we already have strengths, and the market grows", uas),
            ("Karen", "UAS integration work for the nearby test range", uas),
            ("Jim", "Re-shoring manufacturing from abroad", reshoring),
            ("Al", "Teams of local firms bidding on large procurements", reshoring),
            ("Tom", "Quotes \"like this\", commas, and <b>tags</b> stay as typed", reshoring),
        ]
        for (i, (who, text, theme)) in opportunities.enumerated() {
            try m.run(.post(id: "o\(i)", kind: nil, text: text, scribed: nil), as: .participant(people[who]!))
            try m.run(.moveNote(note: "o\(i)", theme: theme), as: .facilitator)
        }
        try m.run(.post(id: "o-hidden", kind: nil, text: "An off-topic remark the facilitator hid", scribed: nil), as: .participant(people["Jim"]!))
        try m.run(.hideNote(note: "o-hidden", hidden: true), as: .facilitator)
        try m.run(.post(id: "o-unsorted", kind: nil, text: "=SUM(A1:A9) tourism?", scribed: nil), as: .participant(people["Casey"]!))

        m.phase(.requirements)
        let workers = m.theme(.requirement, "Expand the pool of qualified manufacturing workers")
        let entrepreneurs = m.theme(.requirement, "Promote manufacturing entrepreneurship")
        let hub = m.theme(.requirement, "Promote Region X as a manufacturing hub")
        let exports = m.theme(.requirement, "Export assistance")
        let requirements: [(String, String, String)] = [
            ("Norela", "CNC machine tool operators, welders, machinists", workers),
            ("Karen", "Senior avionics engineers and managers", workers),
            ("Lane", "Job fair to attract and retain talent", workers),
            ("Robin", "Young entrepreneurs need access to investment capital", entrepreneurs),
            ("Tom", "Regional marketing to get the County on the map", hub),
            ("Ginger", "Help with export paperwork", exports),
        ]
        for (i, (who, text, theme)) in requirements.enumerated() {
            try m.run(.post(id: "r\(i)", kind: nil, text: text, scribed: nil), as: .participant(people[who]!))
            try m.run(.moveNote(note: "r\(i)", theme: theme), as: .facilitator)
        }

        m.phase(.commitments)
        for (who, area) in [("Karen", workers), ("Ginger", workers), ("Norela", workers), ("Lane", workers), ("Paul", workers),
                            ("Robin", workers), ("Robin", entrepreneurs), ("Jim", entrepreneurs), ("Al", entrepreneurs),
                            ("Casey", entrepreneurs), ("Tom", hub), ("Robin", hub), ("Dana", workers), ("Dana", exports)] {
            try m.run(.champion(theme: area), as: .participant(people[who]!))
        }
        try m.run(.nominate(id: "n1", name: "Embry Riddle outreach office", organization: "Embry Riddle", contact: "outreach@example.edu", theme: workers),
                  as: .participant(people["Karen"]!))
        try m.run(.nominate(id: "n2", name: "Sam Ortiz", organization: "Ortiz Plastics", contact: nil, theme: nil), as: .participant(people["Tom"]!))

        m.phase(.wrapUp)
        var steps = NextSteps()
        steps.championsCallDate = "2013-01-21T15:00"
        steps.championsCallHost = "Karen Lee"
        steps.nextMeetingDate = "2013-02-26T15:00"
        steps.other = "Priority teams refine action areas, with short- and long-term actions and measurable goals."
        try m.run(.setNextSteps(steps), as: .facilitator)
        return m.state
    }

    func testEveryFormatMatchesItsGoldenFile() throws {
        let summary = MeetingSummary(try Self.sampleMeeting())
        for format in SummaryFormat.allCases {
            let text = SummaryRenderer.render(summary, as: format, jsonSerializer: { JSONCodec.serializeString($0) })
            let file = Self.golden.appendingPathComponent("sample-summary.\(format.fileExtension)")
            if ProcessInfo.processInfo.environment["UPDATE_GOLDEN"] == "1" {
                try text.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let expected = try String(contentsOf: file, encoding: .utf8)
            XCTAssertEqual(text, expected, "format \(format.rawValue) differs from \(file.lastPathComponent)")
        }
    }

    func testWhatTheWorkbookAsksForIsThere() throws {
        let summary = MeetingSummary(try Self.sampleMeeting())
        let text = SummaryRenderer.render(summary, as: .text, jsonSerializer: { JSONCodec.serializeString($0) })
        XCTAssertTrue(text.contains("Initial champions: Karen (Avionics Works), Ginger (Precision Parts)"))
        XCTAssertTrue(text.contains("Export assistance"))
        XCTAssertTrue(text.contains("Not a priority right now"))
        XCTAssertTrue(text.contains("Champions' call on 21 January 2013, 15:00, hosted by Karen Lee"))
        XCTAssertTrue(text.contains("Next sector partnership meeting on 26 February 2013, 15:00"))
        XCTAssertTrue(text.contains("Embry Riddle"))
        XCTAssertFalse(text.contains("off-topic remark"), "hidden notes never appear")
        XCTAssertEqual(summary.areas.first?.label, "Expand the pool of qualified manufacturing workers", "the most-backed area leads")
        XCTAssertEqual(summary.areas.last?.label, "Export assistance", "areas without champions come last")
        // Community partners support; only an employer champion makes an area a priority.
        XCTAssertTrue(text.contains("supported by community partners Dana (Region X College)"))
        XCTAssertTrue(text.contains("Not a priority right now — no champion yet. Community partners ready to support: Dana (Region X College)."))
        XCTAssertEqual(summary.areas.last?.champions.count, 0)
        XCTAssertEqual(summary.areas.last?.supporters.map(\.name), ["Dana"])
    }

    func testUserTextIsEscapedInEveryFormat() throws {
        let summary = MeetingSummary(try Self.sampleMeeting())
        let html = SummaryRenderer.render(summary, as: .html, jsonSerializer: { JSONCodec.serializeString($0) })
        XCTAssertFalse(html.contains("<b>tags</b>"))
        XCTAssertTrue(html.contains("&lt;b&gt;tags&lt;/b&gt;"))
        let csv = SummaryRenderer.render(summary, as: .csv, jsonSerializer: { JSONCodec.serializeString($0) })
        XCTAssertTrue(csv.contains("'=SUM(A1:A9) tourism?"), "a formula-like cell is neutralised")
        XCTAssertTrue(csv.contains("\"Quotes \"\"like this\"\", commas, and <b>tags</b> stay as typed\""))
        let json = try JSONCodec.parse(SummaryRenderer.render(summary, as: .json, jsonSerializer: { JSONCodec.serializeString($0) }))
        XCTAssertEqual(json["schema"], .string("convene.summary/1"))
        XCTAssertEqual(json["strategyAreas"]?.arrayValue?.count, 4)
        let md = SummaryRenderer.render(summary, as: .markdown, jsonSerializer: { JSONCodec.serializeString($0) })
        XCTAssertTrue(md.contains("\\<b\\>tags\\</b\\>"))
    }
}
