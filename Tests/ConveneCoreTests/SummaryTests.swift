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

        try m.run(.post(id: "o-typo", kind: nil, text: "cant find welders!! #1 problem", scribed: nil), as: .participant(people["Lane"]!))
        try m.run(.moveNote(note: "o-typo", theme: markets), as: .facilitator)
        try m.run(.correctNote(note: "o-typo", text: "Welders are hard to find: our first problem"), as: .facilitator)

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

        try m.run(.setSynthesis(theme: workers, text: "Focus on both top-level talent development (e.g., senior avionics engineers, managers) and mid- and entry-level workers (e.g., CNC machine tool operators, welders, machinists)."), as: .facilitator)
        try m.run(.setSynthesis(theme: hub, text: ""), as: .facilitator)   // no sentence for this one

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

    func render(_ summary: MeetingSummary, _ format: SummaryFormat, appendix: Bool = true) -> String {
        SummaryRenderer.render(summary, as: format, appendix: appendix, jsonSerializer: { JSONCodec.serializeString($0) })
    }

    func testItReadsLikeTheWorkbooksSample() throws {
        let state = try Self.sampleMeeting()
        let summary = MeetingSummary(state)
        let text = render(summary, .text)
        // The opening sentence, in the sample's voice.
        XCTAssertTrue(text.contains("The Region X Light Manufacturing Sector Strategy met on December 18, 2012, at Region X College, "
            + "identifying priority opportunities and requirements to grow the light manufacturing sector in Region X."), text)
        // A line per area: title, the facilitator's sentence, then the champions (supporters apart).
        XCTAssertTrue(text.contains("Expand the pool of qualified manufacturing workers: Focus on both top-level talent development"))
        XCTAssertTrue(text.contains("Initial champions: Karen (Avionics Works), Ginger (Precision Parts), Norela (CNC Shop), Lane (Lane Welding), Paul (Drone Dynamics) and Robin (Robin Tools). Supported by community partner Dana (Region X College)."))
        // The facilitator chose no sentence for the hub: title and champions only.
        XCTAssertTrue(text.contains("  * Promote Region X as a manufacturing hub: Initial champions: Tom (Valley Metals) and Robin (Robin Tools)."))
        // Areas nobody drives: one line, no notes in the main part.
        XCTAssertTrue(text.contains("Not a priority right now: Export assistance (no employer champion yet)."))
        let main = String(text[..<text.range(of: "Appendix: the notes")!.lowerBound])
        XCTAssertFalse(main.contains("Help with export paperwork"), "no raw notes before the appendix")
        XCTAssertFalse(main.contains("notes from"), "no count lines in the main summary")
        // Next steps numbered, dates and times in words.
        XCTAssertTrue(text.contains("1) Champions' call on Monday, January 21, 2013 at 3:00 p.m., hosted by Karen Lee"))
        XCTAssertTrue(text.contains("2) Next meeting of the sector partnership on Tuesday, February 26, 2013 at 3:00 p.m."))
        // The appendix: notes per theme, counts in plain words, singular and plural agreeing.
        XCTAssertTrue(text.contains("Strategy area: Expand the pool of qualified manufacturing workers\n(3 notes from 3 employers)"))
        XCTAssertTrue(text.contains("Strategy area: Promote manufacturing entrepreneurship\n(1 note from 1 employer)"))
        XCTAssertFalse(text.contains("1 notes") || text.contains("1 employers") || text.contains("community partners Dana"))
        XCTAssertFalse(text.contains("off-topic remark"), "hidden notes never appear")
        // A corrected note reads as corrected; the author's text stays in the meeting.
        XCTAssertTrue(text.contains("Welders are hard to find: our first problem\n"))
        // Who wrote which note only in the facilitator's own copy: the wall showed the notes
        // without names, and a mailed summary goes to people outside the room too.
        XCTAssertFalse(text.contains("— Lane Welding"))
        for format in [SummaryFormat.markdown, .html, .text] { XCTAssertFalse(render(summary, format).contains("problem — Lane Welding"), format.rawValue) }
        XCTAssertTrue(render(summary, .csv).contains("Welders are hard to find: our first problem,,employer"))
        XCTAssertTrue(render(summary, .json).contains(#"{"text":"Welders are hard to find: our first problem","role":"employer"}"#))
        let own = MeetingSummary(state, includeContacts: true)
        XCTAssertTrue(render(own, .text).contains("Welders are hard to find: our first problem — Lane Welding"))
        XCTAssertTrue(render(own, .csv).contains("Welders are hard to find: our first problem,Lane Welding,employer"))
        XCTAssertTrue(render(own, .json).contains(#"{"text":"Welders are hard to find: our first problem","organization":"Lane Welding","role":"employer"}"#))
        XCTAssertFalse(text.contains("cant find welders"))
        XCTAssertEqual(state.notes["o-typo"]?.text, "cant find welders!! #1 problem")
        XCTAssertEqual(summary.areas.map(\.label).first, "Expand the pool of qualified manufacturing workers", "the most-backed area leads")
        XCTAssertEqual(summary.notPriority.map(\.label), ["Export assistance"])
        // Without the appendix, the main summary only.
        XCTAssertFalse(render(summary, .text, appendix: false).contains("Appendix"))
    }

    func testTheOpeningAndEachSentenceAreTheFacilitators() throws {
        var m = MeetingDriver()
        m.phase(.opportunities)
        let drones = m.theme(.opportunity, "Drones")
        try m.run(.post(id: "a", kind: .opportunity, text: "Drone makers are growing", scribed: Scribed(name: "K", organization: "Acme", role: .employer)), as: .facilitator)
        try m.run(.moveNote(note: "a", theme: drones), as: .facilitator)
        XCTAssertEqual(MeetingSummary(m.state).opportunities.first?.synthesis, "Notes here point to “Drone makers are growing”.", "a suggestion until one is written")
        try m.run(.setSynthesis(theme: drones, text: "Serve the growing drone industry."), as: .facilitator)
        try m.run(.setOpening(text: "We met at the college."), as: .facilitator)
        let s = MeetingSummary(m.state)
        XCTAssertEqual(s.opening, "We met at the college.")
        XCTAssertEqual(s.opportunities.first?.synthesis, "Serve the growing drone industry.")
        try m.run(.setOpening(text: nil), as: .facilitator)
        XCTAssertTrue(MeetingSummary(m.state).opening.hasPrefix("The Region X Light Manufacturing sector partnership met on December 18, 2026"))
        XCTAssertRefused(.forbidden) { try m.run(.setOpening(text: "x"), as: .participant("p1")) }
        // The console sees the words for the summary; phones and the wall do not.
        let event = m.log.last!
        XCTAssertEqual(m.state.eventView(event, for: .everyone)["type"], .string("summaryEdited"))
    }

    func testContactsOnlyInTheFacilitatorsOwnCopy() throws {
        let state = try Self.sampleMeeting()
        for format in SummaryFormat.allCases {
            let shared = render(MeetingSummary(state), format)
            XCTAssertFalse(shared.contains("outreach@example.edu"), "\(format): a nominee's contact")
            XCTAssertFalse(shared.contains("karen@example.com"), "\(format): an attendee's e-mail")
        }
        let own = render(MeetingSummary(state, includeContacts: true), .markdown)
        XCTAssertTrue(own.contains("outreach@example.edu") && own.contains("karen@example.com"))
        // The spreadsheet too (a walk-through's "with contacts" CSV was the plain one): the
        // people to invite by name in both, how to reach them only in the own copy.
        let sharedCSV = render(MeetingSummary(state), .csv), ownCSV = render(MeetingSummary(state, includeContacts: true), .csv)
        XCTAssertTrue(sharedCSV.hasPrefix("phase,theme,text,organization,role,champions,supporters,to invite\r\n"))
        XCTAssertTrue(sharedCSV.contains("Embry Riddle outreach office (Embry Riddle)") && !sharedCSV.contains("outreach@example.edu"))
        XCTAssertTrue(ownCSV.contains("Embry Riddle outreach office (Embry Riddle) <outreach@example.edu>"), ownCSV)
        XCTAssertTrue(ownCSV.contains("Karen <karen@example.com>"), ownCSV)
        // Named for the partnership as a whole: in no phase.
        XCTAssertTrue(sharedCSV.contains("\r\n,The partnership as a whole,,,,,,Sam Ortiz (Ortiz Plastics)\r\n"), sharedCSV)
        // A phone number is no e-mail address: not in angle brackets.
        var m = MeetingDriver()
        let tom = m.join("Tom")
        m.phase(.commitments)
        try m.run(.nominate(id: "p1", name: "Bob Carter", organization: "Taylor Community", contact: "603-555-0142", theme: nil), as: .participant(tom))
        let phone = render(MeetingSummary(m.state, includeContacts: true), .csv)
        XCTAssertTrue(phone.contains("Bob Carter (Taylor Community), 603-555-0142"), phone)
    }

    func testMarkdownStaysReadableAsPlainText() throws {
        let md = render(MeetingSummary(try Self.sampleMeeting()), .markdown)
        // Nothing Markdown would read differently is left bare…
        XCTAssertTrue(md.contains("\\<b>tags\\</b>"), "a tag is escaped")
        // …and nothing else is escaped: no "Co\.", "\!", "\(UAS\)".
        XCTAssertTrue(md.contains("Drones (UAS): we already have strengths, and the market grows"))
        XCTAssertTrue(md.contains("Al's Fabrication") && md.contains("Re-shoring"))
        XCTAssertFalse(md.contains("\\.") || md.contains("\\!") || md.contains("\\(") || md.contains("\\-"))
        XCTAssertEqual(SummaryRenderer.mdLine("# not a heading"), "\\# not a heading")
        XCTAssertEqual(SummaryRenderer.mdLine("1. not a list"), "1\\. not a list")
        XCTAssertEqual(SummaryRenderer.mdLine("- not a bullet"), "\\- not a bullet")
        XCTAssertEqual(SummaryRenderer.md("a *b* _c_ [d] `e`"), "a \\*b\\* \\_c\\_ \\[d\\] \\`e\\`")
    }

    func testUserTextIsEscapedInEveryFormat() throws {
        let summary = MeetingSummary(try Self.sampleMeeting())
        let html = render(summary, .html)
        XCTAssertFalse(html.contains("<b>tags</b>"))
        XCTAssertTrue(html.contains("&lt;b&gt;tags&lt;/b&gt;"))
        let csv = render(summary, .csv)
        XCTAssertTrue(csv.contains("'=SUM(A1:A9) tourism?"), "a formula-like cell is neutralised")
        XCTAssertTrue(csv.contains("\"Quotes \"\"like this\"\", commas, and <b>tags</b> stay as typed\""))
        XCTAssertEqual(SummaryRenderer.cell("=\u{301}1+1"), "'=\u{301}1+1", "a combining mark does not hide the formula")
        let json = try JSONCodec.parse(render(summary, .json))
        XCTAssertEqual(json["schema"], .string("convene.summary/2"))
        XCTAssertEqual(json["strategyAreas"]?.arrayValue?.count, 4)
    }

    func testAShortHyphenatedWordStaysOnOneLineInTheHTMLSummary() {
        // A mail reader breaks after any hyphen, as a browser does ("Platte Valley I-|80 Corridor").
        XCTAssertEqual(SummaryRenderer.wrapping("Platte Valley I-80 Corridor: e-commerce <b>co-ops</b>"),
                       "Platte Valley <span style=\"white-space:nowrap\">I-80</span> Corridor: "
                       + "<span style=\"white-space:nowrap\">e-commerce</span> <span style=\"white-space:nowrap\">&lt;b&gt;co-ops&lt;/b&gt;</span>",
                       "kept whole, and escaped all the same")
        // A long one may still break at its hyphens rather than run past the page; a dash is no hyphen.
        XCTAssertEqual(SummaryRenderer.wrapping("banking-as-a-service - and more"), "banking-as-a-service - and more")
    }
}
