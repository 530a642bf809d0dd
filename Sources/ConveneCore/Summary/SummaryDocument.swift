/// The summary as a short document of headings, paragraphs and lists, built once in the
/// sample summary's order and then rendered as Markdown, plain text or HTML, so the three
/// say the same thing in the same words.
struct SummaryDocument {
    /// A piece of a line: text, shown strong (the titles of themes and areas) or not.
    struct Run {
        var text: String
        var strong = false
    }

    enum Block {
        case title(String)
        case subtitle(String)
        case heading(String)
        case subheading(String)
        case paragraph([Run])
        /// Lines kept apart in one paragraph (a letter's sign-off).
        case lines([String])
        /// A quieter paragraph (the counts under an appendix heading).
        case note(String)
        case bullets([[Run]])
        case numbered([[Run]])
    }

    var blocks: [Block] = []

    init(_ s: MeetingSummary, appendix: Bool, closing: [String] = []) {
        typealias W = SummaryWording
        let meetingYear = s.date.flatMap(CalendarDate.init)?.year
        blocks.append(.title(s.title))
        blocks.append(.subtitle(([s.partnership] + [s.date.flatMap(CalendarDate.init)?.monthDayYear, s.place].compactMap { $0 })
            .joined(separator: " · ")))
        if !s.chairs.isEmpty {
            blocks.append(.paragraph([Run(text: (s.chairs.count == 1 ? "Chair: " : "Chairs: ") + W.list(s.chairs))]))
        }
        blocks.append(.paragraph([Run(text: s.opening)]))

        // A title with a colon of its own is followed by a dash ("Talent: apprenticeships &
        // remote hiring: Notes here…" read as three parts in a walk-through's summary), and then
        // every title of the summary is: one dashed among colons read as a slip in another's.
        let dashed = (s.opportunities + s.areas).contains { $0.label.contains(":") }
        func titled(_ g: MeetingSummary.Group, extra: String = "") -> [Run] {
            let sentence = [g.synthesis.map(W.ended), extra.isEmpty ? nil : extra].compactMap { $0 }.joined(separator: " ")
            guard !sentence.isEmpty else { return [Run(text: g.label, strong: true)] }
            return dashed ? [Run(text: g.label, strong: true), Run(text: " — " + sentence)]
                : [Run(text: g.label + ":", strong: true), Run(text: " " + sentence)]
        }

        blocks.append(.heading("Priority opportunities"))
        let loose = s.unsortedOpportunities
        // A note as listed: its text, then — in the facilitator's own copy only — who wrote it.
        // The wall showed the notes without names; a mailed summary naming the company behind
        // "thc positives knock out 1 in 4 applicants" went to outside invitees in a walk-through.
        func quoted(_ l: MeetingSummary.NoteLine) -> [Run] {
            [Run(text: l.text + (l.organization.isEmpty || !s.includesContacts ? "" : " — \(l.organization)"))]
        }
        if s.opportunities.isEmpty && loose.isEmpty {
            blocks.append(.paragraph([Run(text: "No opportunities were recorded.")]))
        } else if s.opportunities.isEmpty {
            // Posted but never grouped: the summary still says what the room raised.
            blocks.append(.paragraph([Run(text: "The team raised these opportunities, not yet grouped into themes:")]))
            blocks.append(.bullets(loose.map(quoted)))
        } else {
            blocks.append(.paragraph([Run(text: "The team identified the following priority opportunities to grow the sector:")]))
            blocks.append(.bullets(s.opportunities.map { titled($0) }))
            // Notes left in no theme are part of what the room said, and never vanish.
            if !loose.isEmpty {
                let more = W.count(loose.count, "more opportunity", "more opportunities")
                if appendix {
                    blocks.append(.paragraph([Run(text: "Also raised, in no theme: \(more) (listed in the appendix).")]))
                } else {
                    blocks.append(.paragraph([Run(text: "Also raised, in no theme:")]))
                    blocks.append(.bullets(loose.map(quoted)))
                }
            }
        }

        blocks.append(.heading("Priority areas for action"))
        if s.areas.isEmpty {
            blocks.append(.paragraph([Run(text: "No strategy area has an employer champion yet.")]))
        } else {
            let n = s.areas.count
            let howMany = n <= 10 ? ["one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"][n - 1] : "\(n)"
            blocks.append(.paragraph([Run(text: "To capitalize on these opportunities, the team identified \(howMany) priority "
                + (n == 1 ? "area" : "areas") + " for action, with private-sector individuals volunteering to be initial champions"
                + (n == 1 ? ":" : " in each area:"))]))
            blocks.append(.bullets(s.areas.map { titled($0, extra: W.championsLine($0)) }))
        }
        if !s.notPriority.isEmpty {
            blocks.append(.paragraph([Run(text: "Not a priority right now:", strong: true),
                                      Run(text: " " + W.labels(s.notPriority.map(\.label)) + " (no employer champion yet).")]))
            // A community partner who offered support is part of the record, champion or not.
            for g in s.notPriority where !g.supporters.isEmpty {
                blocks.append(.paragraph([Run(text: W.supportOffered(g))]))
            }
        }

        // One line a person, with every area they were named for (a walk-through's summary
        // listed someone named for two areas twice); area titles always in quotes, so that a
        // list of them reads the same whatever their punctuation.
        let named = s.areas.flatMap { g in g.invite.map { ($0, "“\(g.label)”") } }
            + s.notPriority.flatMap { g in g.invite.map { ($0, "“\(g.label)”") } }
            + s.inviteGenerally.map { ($0, "the partnership as a whole") }
        var people: [(invitee: MeetingSummary.Invitee, areas: [String])] = []
        for (p, area) in named {
            let key = { (q: MeetingSummary.Invitee) in [q.name, q.organization, q.contact ?? ""].map { $0.lowercased() } }
            if let i = people.firstIndex(where: { key($0.invitee) == key(p) }) {
                if !people[i].areas.contains(area) { people[i].areas.append(area) }
            } else {
                people.append((p, [area]))
            }
        }
        if !people.isEmpty {
            blocks.append(.heading("People to invite"))
            blocks.append(.bullets(people.map { p, areas in
                [Run(text: "\(p.name), \(p.organization)" + (p.contact.map { " (\($0))" } ?? "") + " — for " + W.list(areas))]
            }))
        }

        blocks.append(.heading("Next steps"))
        let steps = W.nextStepLines(s.nextSteps, meetingYear: meetingYear)
        blocks.append(steps.isEmpty ? .paragraph([Run(text: "To be decided.")]) : .numbered(steps.map { [Run(text: $0)] }))

        if !s.attendees.isEmpty {
            blocks.append(.heading("Attendees"))
            blocks.append(.bullets(s.attendees.map {
                [Run(text: "\($0.name), \($0.organization)" + ($0.role == .partner ? " (community partner)" : "") + ($0.email.map { " — \($0)" } ?? ""))]
            }))
        }
        // A letter's closing (the e-mail's sign-off) comes before the appendix of notes.
        if !closing.isEmpty { blocks.append(.lines(closing)) }

        guard appendix else { return }
        blocks.append(.heading("Appendix: the notes"))
        func notes(_ title: String, _ lines: [MeetingSummary.NoteLine], _ counts: String) {
            guard !lines.isEmpty else { return }
            blocks.append(.subheading(title))
            blocks.append(.note(counts))
            blocks.append(.bullets(lines.map(quoted)))
        }
        for g in s.opportunities { notes("Opportunity: \(g.label)", g.notes, W.backing(g)) }
        // With no theme at all, the main summary already lists them.
        if !s.unsortedOpportunities.isEmpty && !s.opportunities.isEmpty {
            notes("Other opportunities", s.unsortedOpportunities, W.count(s.unsortedOpportunities.count, "note"))
        }
        for g in s.areas + s.notPriority { notes("Strategy area: \(g.label)", g.notes, W.backing(g)) }
        if !s.unsortedRequirements.isEmpty {
            notes("Other requirements", s.unsortedRequirements, W.count(s.unsortedRequirements.count, "note"))
        }
    }
}
