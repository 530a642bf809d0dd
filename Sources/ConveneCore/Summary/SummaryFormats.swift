extension SummaryRenderer {
    // MARK: Markdown

    /// Escapes what Markdown would misread inside a line — backslashes, emphasis markers,
    /// brackets, backticks, `<` — and nothing else: "Co.", "!!" and "(UAS)" stay as typed.
    static func md(_ s: String) -> String {
        var out = ""
        for ch in s {
            if "\\`*_[]<".contains(ch) { out.append("\\") }
            out.append(ch == "\n" || ch == "\r" ? " " : ch)
        }
        return out
    }

    /// `md`, plus what Markdown reads at the start of a line: a heading `#`, a list's `-`,
    /// `+` or `1.`, a quote's `>`.
    static func mdLine(_ s: String) -> String {
        let escaped = md(s)
        guard let first = escaped.first else { return escaped }
        if "#->+".contains(first) { return "\\" + escaped }
        // "1. …" or "2) …" would start a numbered list.
        let digits = escaped.prefix { $0.isNumber }
        if !digits.isEmpty, let after = escaped.dropFirst(digits.count).first, after == "." || after == ")" {
            return digits + "\\" + escaped.dropFirst(digits.count)
        }
        return escaped
    }

    static func mdRuns(_ runs: [SummaryDocument.Run]) -> String {
        runs.enumerated().map { i, r in
            let t = i == 0 ? mdLine(r.text) : md(r.text)
            return r.strong ? "**\(t)**" : t
        }.joined()
    }

    static func markdown(_ d: SummaryDocument) -> String {
        var o = ""
        for block in d.blocks {
            switch block {
            case .title(let t): o += "# \(md(t))\n\n"
            case .subtitle(let t): o += "_\(md(t))_\n\n"
            case .heading(let t): o += "## \(md(t))\n\n"
            case .subheading(let t): o += "### \(md(t))\n\n"
            case .paragraph(let runs): o += mdRuns(runs) + "\n\n"
            case .lines(let lines): o += lines.map(md).joined(separator: "  \n") + "\n\n"   // two spaces: a line break
            case .note(let t): o += "_\(md(t))_\n\n"
            case .bullets(let items): o += items.map { "- " + mdRuns($0) + "\n" }.joined() + "\n"
            case .numbered(let items): o += items.enumerated().map { "\($0.offset + 1). " + mdRuns($0.element) + "\n" }.joined() + "\n"
            }
        }
        return o
    }

    // MARK: Plain text (the e-mail's text part: readable as it is)

    static func text(_ d: SummaryDocument) -> String {
        func underline(_ t: String, _ c: Character) -> String { t + "\n" + String(repeating: c, count: max(3, t.count)) + "\n" }
        func plain(_ runs: [SummaryDocument.Run]) -> String { runs.map { $0.text.replacingNewlines() }.joined() }
        var o = ""
        for block in d.blocks {
            switch block {
            case .title(let t): o += underline(t, "=")
            case .subtitle(let t): o += t + "\n\n"
            case .heading(let t): o += underline(t, "-") + "\n"
            case .subheading(let t): o += t + "\n"
            case .paragraph(let runs): o += plain(runs) + "\n\n"
            case .lines(let lines): o += lines.joined(separator: "\n") + "\n\n"
            case .note(let t): o += "(\(t))\n"
            case .bullets(let items): o += items.map { "  * " + plain($0) + "\n" }.joined() + "\n"
            case .numbered(let items): o += items.enumerated().map { "  \($0.offset + 1)) " + plain($0.element) + "\n" }.joined() + "\n"
            }
        }
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

    /// Escaped text in which a short hyphenated word ("I-80", "e-commerce") stays on one line:
    /// mail readers, like browsers, break after any hyphen ("Platte Valley I-|80 Corridor").
    static func wrapping(_ s: String) -> String {
        s.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let c = Array(word)
            let hyphenated = c.count <= 16 && c.indices.dropFirst().dropLast().contains { i in
                c[i] == "-" && (c[i - 1].isLetter || c[i - 1].isNumber) && (c[i + 1].isLetter || c[i + 1].isNumber)
            }
            return hyphenated ? "<span style=\"white-space:nowrap\">\(h(String(word)))</span>" : h(String(word))
        }.joined(separator: " ")
    }

    static func html(_ d: SummaryDocument, title: String) -> String {
        let body = "font-family:Helvetica,Arial,sans-serif;color:#1a1a1a;line-height:1.45;max-width:720px;margin:0 auto;padding:16px"
        let h2 = "style=\"font-size:20px;border-bottom:2px solid #1f5f8b;padding-bottom:4px;margin-top:28px\""
        let h3 = "style=\"font-size:17px;margin:18px 0 2px\""
        let meta = "style=\"color:#555;margin:0 0 8px\""
        func runs(_ rs: [SummaryDocument.Run]) -> String { rs.map { $0.strong ? "<strong>\(wrapping($0.text))</strong>" : wrapping($0.text) }.joined() }
        var o = """
            <!doctype html>
            <html lang="en"><head><meta charset="utf-8"><title>\(h(title))</title>
            <style>@media print { body { max-width: none !important; padding: 0 !important; font-size: 11pt; } h2 { break-after: avoid; } li, h3 { break-inside: avoid; } }</style>
            </head><body style="\(body)">

            """
        for block in d.blocks {
            switch block {
            case .title(let t): o += "<h1 style=\"font-size:24px;color:#1f5f8b;margin-bottom:4px\">\(wrapping(t))</h1>\n"
            case .subtitle(let t): o += "<p \(meta)>\(wrapping(t))</p>\n"
            case .heading(let t): o += "<h2 \(h2)>\(wrapping(t))</h2>\n"
            case .subheading(let t): o += "<h3 \(h3)>\(wrapping(t))</h3>\n"
            case .paragraph(let rs): o += "<p>\(runs(rs))</p>\n"
            case .lines(let lines): o += "<p>" + lines.map(wrapping).joined(separator: "<br>") + "</p>\n"
            case .note(let t): o += "<p \(meta)>\(wrapping(t))</p>\n"
            case .bullets(let items):
                o += "<ul style=\"margin:4px 0 8px;padding-left:22px\">" + items.map { "<li style=\"margin:4px 0\">\(runs($0))</li>" }.joined() + "</ul>\n"
            case .numbered(let items):
                o += "<ol style=\"margin:4px 0 8px;padding-left:22px\">" + items.map { "<li style=\"margin:4px 0\">\(runs($0))</li>" }.joined() + "</ol>\n"
            }
        }
        return o + "</body></html>\n"
    }

    // MARK: JSON (schema convene.summary/2, documented in docs/SUMMARY.md)

    static func json(_ s: MeetingSummary) -> JSONValue {
        func noteJSON(_ n: MeetingSummary.NoteLine) -> JSONValue {
            // Who wrote it only in the copy with contacts (as in the text formats).
            jsonObject([("text", .string(n.text)), ("organization", s.includesContacts ? .string(n.organization) : nil), ("role", .string(n.role.rawValue))])
        }
        func personJSON(_ p: MeetingSummary.Person) -> JSONValue {
            jsonObject([("name", .string(p.name)), ("organization", .string(p.organization)), ("role", .string(p.role.rawValue)),
                        ("email", s.includesContacts ? p.email.json : nil)])
        }
        func inviteeJSON(_ p: MeetingSummary.Invitee) -> JSONValue {
            jsonObject([("name", .string(p.name)), ("organization", .string(p.organization)), ("contact", s.includesContacts ? p.contact.json : nil)])
        }
        func groupJSON(_ g: MeetingSummary.Group, area: Bool) -> JSONValue {
            var pairs: [(String, JSONValue?)] = [
                ("id", .string(g.themeId)), ("label", .string(g.label)), ("synthesis", g.synthesis.json),
                ("suggestion", g.suggestion.json), ("employers", .int(Int64(g.employers))),
                ("partners", .int(Int64(g.partners))), ("notes", .array(g.notes.map(noteJSON))),
            ]
            if area {
                pairs.append(("champions", .array(g.champions.map(personJSON))))
                pairs.append(("supporters", .array(g.supporters.map(personJSON))))
                pairs.append(("priority", .bool(!g.champions.isEmpty)))
                pairs.append(("invite", .array(g.invite.map(inviteeJSON))))
            }
            return jsonObject(pairs)
        }
        return jsonObject([
            ("schema", .string(jsonSchema)),
            ("meeting", jsonObject([("title", .string(s.title)), ("industry", .string(s.industry)), ("region", .string(s.region)),
                                    ("date", s.date.json), ("place", s.place.json), ("chairs", .array(s.chairs.map { .string($0) }))])),
            ("opening", .string(s.opening)),
            ("opportunities", .array(s.opportunities.map { groupJSON($0, area: false) })),
            ("unsortedOpportunities", .array(s.unsortedOpportunities.map(noteJSON))),
            ("strategyAreas", .array((s.areas + s.notPriority).map { groupJSON($0, area: true) })),
            ("unsortedRequirements", .array(s.unsortedRequirements.map(noteJSON))),
            ("invite", .array(s.inviteGenerally.map(inviteeJSON))),
            ("nextSteps", s.nextSteps.json()),
            ("attendees", .array(s.attendees.map(personJSON))),
        ])
    }

    // MARK: CSV (one row per note)

    static func cell(_ s: String) -> String {
        // A cell whose first character (Unicode scalar, so a combining mark cannot hide it)
        // starts a formula is prefixed with ' so spreadsheets show it as text.
        var v = s
        if let f = v.unicodeScalars.first, "=+-@\t\r".unicodeScalars.contains(f) { v = "'" + v }
        if v.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) {
            v = "\"" + v.replacingOccurrences(of: "\"", with: "\"\"") + "\""
        }
        return v
    }

    static func csv(_ s: MeetingSummary) -> String {
        // The people of an area by name; in the facilitator's copy with contacts, each with
        // how to reach them ("Priya Natarajan <priya@…>"): a walk-through's "with contacts"
        // CSV was byte for byte the plain one.
        // Angle brackets for an e-mail address only: a phone number in them read as one ("Bob
        // Carter (Taylor Community) <603-555-0142>" in a walk-through's copy).
        func reach(_ name: String, _ contact: String?) -> String {
            guard s.includesContacts, let contact, !contact.isEmpty else { return name }
            return contact.contains("@") ? "\(name) <\(contact)>" : "\(name), \(contact)"
        }
        func invitee(_ i: MeetingSummary.Invitee) -> String {
            reach("\(i.name) (\(SummaryWording.nested(i.organization)))", i.contact)
        }
        var rows = [["phase", "theme", "text", "organization", "role", "champions", "supporters", "to invite"]]
        // Who wrote each note only in the copy with contacts (as in the text formats).
        func writer(_ n: MeetingSummary.NoteLine) -> String { s.includesContacts ? n.organization : "" }
        for g in s.opportunities { for n in g.notes { rows.append(["opportunities", g.label, n.text, writer(n), n.role.rawValue, "", "", ""]) } }
        for n in s.unsortedOpportunities { rows.append(["opportunities", "", n.text, writer(n), n.role.rawValue, "", "", ""]) }
        for g in s.areas + s.notPriority {
            let champs = g.champions.map { reach($0.name, $0.email) }.joined(separator: "; ")
            let supporters = g.supporters.map { reach($0.name, $0.email) }.joined(separator: "; ")
            let invite = g.invite.map(invitee).joined(separator: "; ")
            for n in g.notes { rows.append(["requirements", g.label, n.text, writer(n), n.role.rawValue, champs, supporters, invite]) }
            // An area whose notes all moved away still has its people (a row without a note).
            if g.notes.isEmpty { rows.append(["requirements", g.label, "", "", "", champs, supporters, invite]) }
        }
        for n in s.unsortedRequirements { rows.append(["requirements", "", n.text, writer(n), n.role.rawValue, "", "", ""]) }
        // People named for the partnership as a whole (or for an area deleted since).
        if !s.inviteGenerally.isEmpty {
            // (In no phase: they were named for the partnership, not for a requirement.)
            rows.append(["", "The partnership as a whole", "", "", "", "", "", s.inviteGenerally.map(invitee).joined(separator: "; ")])
        }
        return rows.map { $0.map(cell).joined(separator: ",") }.joined(separator: "\r\n") + "\r\n"
    }
}

private extension String {
    func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }

    func replacingNewlines() -> String { String(map { $0 == "\n" || $0 == "\r" ? " " : $0 }) }
}
