extension SummaryRenderer {
    // MARK: Markdown

    /// Backslash-escapes everything Markdown could read as formatting or HTML.
    static func md(_ s: String) -> String {
        var out = ""
        for ch in s {
            if "\\`*_{}[]()<>#+-.!|~&".contains(ch) { out.append("\\") }
            out.append(ch == "\n" ? " " : ch)
        }
        return out
    }

    static func markdown(_ s: MeetingSummary) -> String {
        func noteLines(_ notes: [MeetingSummary.NoteLine]) -> String {
            notes.map { "- \(md($0.text)) — \(md($0.organization))\n" }.joined()
        }
        var o = "# \(md(s.title))\n\n"
        o += "_\(md(s.partnership))_"
        let when = dateLine(s)
        if !when.isEmpty { o += " · \(md(when))" }
        o += "\n\n"
        if !s.chairs.isEmpty { o += "Chairs: \(s.chairs.map(md).joined(separator: ", "))\n\n" }
        o += "## Priority opportunities\n\n"
        if s.opportunities.isEmpty { o += "No opportunities were recorded.\n\n" }
        for g in s.opportunities {
            o += "### \(md(g.label))\n\n*\(backing(g))*\n\n"
            o += noteLines(g.notes)
            o += "\n"
        }
        if !s.unsortedOpportunities.isEmpty {
            o += "### Other opportunities\n\n" + noteLines(s.unsortedOpportunities) + "\n"
        }
        o += "## Priority areas for action\n\n"
        if s.areas.isEmpty { o += "No strategy areas were recorded.\n\n" }
        for g in s.areas {
            o += "### \(md(g.label))\n\n*\(backing(g))*\n\n"
            o += noteLines(g.notes)
            o += "\n**\(md(championsLine(g)))**\n\n"
            if !g.invite.isEmpty { o += "People to invite: " + g.invite.map { md(person($0)) }.joined(separator: "; ") + "\n\n" }
        }
        if !s.unsortedRequirements.isEmpty {
            o += "### Other requirements\n\n" + noteLines(s.unsortedRequirements) + "\n"
        }
        if !s.inviteGenerally.isEmpty {
            o += "## People to invite\n\n" + s.inviteGenerally.map { "- \(md(person($0)))\n" }.joined() + "\n"
        }
        o += "## Next steps\n\n"
        let steps = nextStepLines(s.nextSteps)
        o += steps.isEmpty ? "To be decided.\n\n" : steps.enumerated().map { "\($0.offset + 1). \(md($0.element))\n" }.joined() + "\n"
        o += "## Attendees\n\n" + s.attendees.map { "- \(md($0.name)), \(md($0.organization)) (\(roleWord($0.role)))\n" }.joined()
        return o
    }

    // MARK: Plain text

    static func text(_ s: MeetingSummary) -> String {
        func noteLines(_ notes: [MeetingSummary.NoteLine]) -> String {
            notes.map { "  * \($0.text) — \($0.organization)\n" }.joined()
        }
        func underline(_ t: String, _ c: Character) -> String { t + "\n" + String(repeating: c, count: max(3, t.count)) + "\n" }
        var o = underline(s.title, "=") + s.partnership
        let when = dateLine(s)
        if !when.isEmpty { o += " · \(when)" }
        o += "\n"
        if !s.chairs.isEmpty { o += "Chairs: \(s.chairs.joined(separator: ", "))\n" }
        o += "\n" + underline("Priority opportunities", "-")
        for g in s.opportunities {
            o += "\n\(g.label) (\(backing(g)))\n" + noteLines(g.notes)
        }
        if !s.unsortedOpportunities.isEmpty {
            o += "\nOther opportunities\n" + noteLines(s.unsortedOpportunities)
        }
        o += "\n" + underline("Priority areas for action", "-")
        for g in s.areas {
            o += "\n\(g.label) (\(backing(g)))\n" + noteLines(g.notes)
            o += "  \(championsLine(g))\n"
            if !g.invite.isEmpty { o += "  People to invite: " + g.invite.map(person).joined(separator: "; ") + "\n" }
        }
        if !s.unsortedRequirements.isEmpty {
            o += "\nOther requirements\n" + noteLines(s.unsortedRequirements)
        }
        if !s.inviteGenerally.isEmpty { o += "\n" + underline("People to invite", "-") + s.inviteGenerally.map { "  * \(person($0))\n" }.joined() }
        o += "\n" + underline("Next steps", "-")
        let steps = nextStepLines(s.nextSteps)
        o += steps.isEmpty ? "To be decided.\n" : steps.enumerated().map { "\($0.offset + 1)) \($0.element)\n" }.joined()
        o += "\n" + underline("Attendees", "-") + s.attendees.map { "  * \($0.name), \($0.organization) (\(roleWord($0.role)))\n" }.joined()
        return o
    }

    // MARK: HTML (e-mail-safe inline styles; a print stylesheet for "Print → PDF")

    static func h(_ s: String) -> String {
        var out = ""
        for ch in s {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default: out.append(ch)
            }
        }
        return out
    }

    static func html(_ s: MeetingSummary) -> String {
        let body = "font-family:Helvetica,Arial,sans-serif;color:#1a1a1a;line-height:1.45;max-width:720px;margin:0 auto;padding:16px"
        let h2 = "style=\"font-size:20px;border-bottom:2px solid #1f5f8b;padding-bottom:4px;margin-top:28px\""
        let h3 = "style=\"font-size:17px;margin:18px 0 2px\""
        let meta = "style=\"color:#555;margin:0 0 8px\""
        var o = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(h(s.title))</title>
            <style>@media print { body { max-width: none !important; padding: 0 !important; font-size: 11pt; } h2 { break-after: avoid; } li, h3 { break-inside: avoid; } }</style>
            </head><body style="\(body)">
            <h1 style="font-size:24px;color:#1f5f8b;margin-bottom:4px">\(h(s.title))</h1>
            <p \(meta)>\(h(s.partnership))\(dateLine(s).isEmpty ? "" : " · " + h(dateLine(s)))</p>

            """
        if !s.chairs.isEmpty { o += "<p \(meta)>Chairs: \(s.chairs.map(h).joined(separator: ", "))</p>\n" }
        func notes(_ lines: [MeetingSummary.NoteLine]) -> String {
            "<ul style=\"margin:4px 0 8px;padding-left:22px\">" + lines.map {
                "<li>\(h($0.text)) <span style=\"color:#555\">— \(h($0.organization))\($0.role == .partner ? " (community partner)" : "")</span></li>"
            }.joined() + "</ul>\n"
        }
        o += "<h2 \(h2)>Priority opportunities</h2>\n"
        if s.opportunities.isEmpty { o += "<p>No opportunities were recorded.</p>\n" }
        for g in s.opportunities { o += "<h3 \(h3)>\(h(g.label))</h3><p \(meta)>\(h(backing(g)))</p>\n" + notes(g.notes) }
        if !s.unsortedOpportunities.isEmpty { o += "<h3 \(h3)>Other opportunities</h3>\n" + notes(s.unsortedOpportunities) }
        o += "<h2 \(h2)>Priority areas for action</h2>\n"
        if s.areas.isEmpty { o += "<p>No strategy areas were recorded.</p>\n" }
        for g in s.areas {
            o += "<h3 \(h3)>\(h(g.label))</h3><p \(meta)>\(h(backing(g)))</p>\n" + notes(g.notes)
            let color = g.champions.isEmpty ? "#8a4b00" : "#1a1a1a"
            o += "<p style=\"font-weight:bold;color:\(color)\">\(h(championsLine(g)))</p>\n"
            if !g.invite.isEmpty { o += "<p>People to invite: \(g.invite.map { h(person($0)) }.joined(separator: "; "))</p>\n" }
        }
        if !s.unsortedRequirements.isEmpty { o += "<h3 \(h3)>Other requirements</h3>\n" + notes(s.unsortedRequirements) }
        if !s.inviteGenerally.isEmpty {
            o += "<h2 \(h2)>People to invite</h2>\n<ul>" + s.inviteGenerally.map { "<li>\(h(person($0)))</li>" }.joined() + "</ul>\n"
        }
        o += "<h2 \(h2)>Next steps</h2>\n"
        let steps = nextStepLines(s.nextSteps)
        o += steps.isEmpty ? "<p>To be decided.</p>\n" : "<ol>" + steps.map { "<li>\(h($0))</li>" }.joined() + "</ol>\n"
        o += "<h2 \(h2)>Attendees</h2>\n<ul style=\"padding-left:22px\">" + s.attendees.map {
            "<li>\(h($0.name)), \(h($0.organization)) <span style=\"color:#555\">(\(roleWord($0.role)))</span></li>"
        }.joined() + "</ul>\n</body></html>\n"
        return o
    }

    // MARK: JSON (schema convene.summary/1, documented in docs/SUMMARY.md)

    static func json(_ s: MeetingSummary) -> JSONValue {
        func noteJSON(_ n: MeetingSummary.NoteLine) -> JSONValue {
            .object([("text", .string(n.text)), ("organization", .string(n.organization)), ("role", .string(n.role.rawValue))])
        }
        func personJSON(_ p: (name: String, organization: String, contact: String?)) -> JSONValue {
            jsonObject([("name", .string(p.name)), ("organization", .string(p.organization)), ("contact", p.contact.json)])
        }
        func groupJSON(_ g: MeetingSummary.Group, area: Bool) -> JSONValue {
            var pairs: [(String, JSONValue?)] = [
                ("label", .string(g.label)), ("employers", .int(Int64(g.employers))),
                ("organizations", .int(Int64(g.organizations))), ("notes", .array(g.notes.map(noteJSON))),
            ]
            if area {
                pairs.append(("champions", .array(g.champions.map {
                    .object([("name", .string($0.name)), ("organization", .string($0.organization)), ("role", .string($0.role.rawValue))])
                })))
                pairs.append(("supporters", .array(g.supporters.map {
                    .object([("name", .string($0.name)), ("organization", .string($0.organization)), ("role", .string($0.role.rawValue))])
                })))
                pairs.append(("priority", .bool(!g.champions.isEmpty)))
                pairs.append(("invite", .array(g.invite.map(personJSON))))
            }
            return jsonObject(pairs)
        }
        return jsonObject([
            ("schema", .string(jsonSchema)),
            ("meeting", jsonObject([("title", .string(s.title)), ("industry", .string(s.industry)), ("region", .string(s.region)),
                                    ("date", s.date.json), ("place", s.place.json), ("chairs", .array(s.chairs.map { .string($0) }))])),
            ("opportunities", .array(s.opportunities.map { groupJSON($0, area: false) })),
            ("unsortedOpportunities", .array(s.unsortedOpportunities.map(noteJSON))),
            ("strategyAreas", .array(s.areas.map { groupJSON($0, area: true) })),
            ("unsortedRequirements", .array(s.unsortedRequirements.map(noteJSON))),
            ("invite", .array(s.inviteGenerally.map(personJSON))),
            ("nextSteps", s.nextSteps.json()),
            ("attendees", .array(s.attendees.map {
                .object([("name", .string($0.name)), ("organization", .string($0.organization)), ("role", .string($0.role.rawValue))])
            })),
        ])
    }

    // MARK: CSV (one row per note)

    static func cell(_ s: String) -> String {
        // A cell starting like a formula is prefixed with ' so spreadsheets show it as text.
        var v = s
        if let f = v.first, "=+-@\t\r".contains(f) { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            v = "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    static func csv(_ s: MeetingSummary) -> String {
        var rows = [["phase", "theme", "text", "organization", "role", "champions", "supporters"]]
        for g in s.opportunities { for n in g.notes { rows.append(["opportunities", g.label, n.text, n.organization, n.role.rawValue, "", ""]) } }
        for n in s.unsortedOpportunities { rows.append(["opportunities", "", n.text, n.organization, n.role.rawValue, "", ""]) }
        for g in s.areas {
            let champs = g.champions.map(\.name).joined(separator: "; ")
            let supporters = g.supporters.map(\.name).joined(separator: "; ")
            for n in g.notes { rows.append(["requirements", g.label, n.text, n.organization, n.role.rawValue, champs, supporters]) }
        }
        for n in s.unsortedRequirements { rows.append(["requirements", "", n.text, n.organization, n.role.rawValue, "", ""]) }
        return rows.map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
