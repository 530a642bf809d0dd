import ConveneLanguage

/// The summary's words, in the workbook's voice: the opening sentence, dates and times in
/// words, counts in plain words with singular and plural agreeing, lists joined as a person
/// writes them, and a first suggestion for each theme's sentence.
public enum SummaryWording {
    /// "The Region X Light Manufacturing Sector Partnership met on December 18, 2012, at
    /// Region X College, identifying priority opportunities and requirements to grow the
    /// light manufacturing sector in Region X." (the sample summary's first sentence).
    public static func defaultOpening(_ s: MeetingSummary) -> String {
        // "Region X Light Manufacturing Sector Strategy — launch meeting": the team's name is
        // what comes before the dash.
        var name = s.title
        for dash in [" — ", " – ", " - ", ": "] {
            if let r = name.range(of: dash) { name = String(name[..<r.lowerBound]) }
        }
        // "… Sector Partnership launch meeting": the team is what meets, not its meeting.
        for tail in [" launch meeting", " launch", " kick-off meeting", " kickoff meeting", " kick-off", " kickoff", " meeting"] {
            if name.lowercased().hasSuffix(tail), name.count > tail.count { name = String(name.dropLast(tail.count)) }
        }
        // "Region X Light Manufacturing" names an industry, not a team: "… sector partnership".
        let teamWords = ["partnership", "strategy", "team", "alliance", "council", "collaborative", "coalition", "consortium", "committee", "network", "roundtable"]
        if !teamWords.contains(where: { name.lowercased().contains($0) }) { name += " sector partnership" }
        let title = name.lowercased().hasPrefix("the ") ? name : "The \(name)"
        var sentence = title + " met"
        let date = s.date.flatMap(CalendarDate.init)
        if let date { sentence += " on \(date.monthDayYear)" }
        if let place = s.place, !place.isEmpty { sentence += (date == nil ? " at " : ", at ") + place }
        sentence += ", identifying priority opportunities and requirements to grow the \(inSentence(s.industry)) sector in \(s.region)."
        return sentence
    }


    // MARK: Counts and lists

    /// "1 note", "9 notes".
    public static func count(_ n: Int, _ one: String, _ many: String? = nil) -> String {
        "\(n) \(n == 1 ? one : (many ?? one + "s"))"
    }

    /// "9 notes from 5 employers and 1 community partner".
    public static func backing(_ g: MeetingSummary.Group) -> String {
        var from: [String] = []
        if g.employers > 0 { from.append(count(g.employers, "employer")) }
        if g.partners > 0 { from.append(count(g.partners, "community partner")) }
        return count(g.notes.count, "note") + (from.isEmpty ? "" : " from " + list(from))
    }

    /// "A", "A and B", "A, B and C".
    public static func list(_ items: [String]) -> String {
        switch items.count {
        case 0: return ""
        case 1: return items[0]
        default: return items.dropLast().joined(separator: ", ") + " and " + items.last!
        }
    }

    /// Theme titles in a sentence, each in quotes when there are several, so that where one
    /// ends is never in doubt: "“Region X as a manufacturing hub” and “Transportation”". One
    /// title is quoted too when it has punctuation of its own ("Not a priority right now:
    /// Worker supports: childcare, housing, transit" read as a list of three).
    static func labels(_ items: [String]) -> String {
        items.count == 1 && !items[0].contains(where: { ":;,()—–.".contains($0) }) ? items[0] : list(items.map { "“\($0)”" })
    }

    /// "Community partner Dana (Region X College) offered to support Transportation."
    static func supportOffered(_ g: MeetingSummary.Group) -> String {
        (g.supporters.count == 1 ? "Community partner " : "Community partners ") + list(g.supporters.map(person))
            + " offered to support \(labels([g.label]))."
    }

    /// "Karen (Avionics Works)"; in the facilitator's copy with contacts, "Karen (Avionics
    /// Works, karen@avionics.example)": the address inside the brackets, so that in a list of
    /// several people each address stays with its person.
    /// An organization with brackets of its own has them square inside these, as style
    /// guides nest them ("Dana (Keystone Managed IT [MSP])": a walk-through read "(… (MSP))").
    static func person(_ p: MeetingSummary.Person) -> String {
        "\(p.name) (\(nested(p.organization))" + (p.email.map { ", \($0)" } ?? "") + ")"
    }

    /// Text going inside round brackets, with its own brackets made square.
    static func nested(_ text: String) -> String { String(text.map { $0 == "(" ? "[" : $0 == ")" ? "]" : $0 }) }

    /// "Initial champions: Karen (Avionics Works) and Ginger (Precision Parts). Supported by
    /// community partner Dana (Region X College)."
    public static func championsLine(_ g: MeetingSummary.Group) -> String {
        var line = (g.champions.count == 1 ? "Initial champion: " : "Initial champions: ") + list(g.champions.map(person)) + "."
        if !g.supporters.isEmpty {
            line += " Supported by " + (g.supporters.count == 1 ? "community partner " : "community partners ") + list(g.supporters.map(person)) + "."
        }
        return line
    }

    // MARK: Next steps, dates and times in words

    /// "Champions' call on Thursday, January 21 at 3:00 p.m., hosted by Karen Lee" — the
    /// year is given only when it is not the meeting's.
    public static func nextStepLines(_ n: NextSteps, meetingYear: Int?) -> [String] {
        var lines: [String] = []
        if n.championsCallDate != nil || n.championsCallHost != nil {
            var l = "Champions' call"
            l += n.championsCallDate.map { " on " + when($0, meetingYear: meetingYear) } ?? " within 30 days (date to be set)"
            if let h = n.championsCallHost { l += ", hosted by \(h)" }
            lines.append(l)
        }
        if let d = n.nextMeetingDate { lines.append("Next meeting of the sector partnership on " + when(d, meetingYear: meetingYear)) }
        // One next step a line, however the facilitator numbered or bulleted them.
        if let o = n.other { lines += otherSteps(o) }
        return lines
    }

    /// The facilitator's other next steps, one a line, without the numbers or bullets they
    /// were typed with (the summary numbers them).
    static func otherSteps(_ text: String) -> [String] {
        text.split(whereSeparator: \.isNewline).compactMap { raw in
            var line = trimmed(raw)
            if let first = line.first, "-*•–".contains(first) {
                line = line.dropFirst()
            } else {
                let digits = line.prefix { $0.isASCII && $0.isNumber }
                let after = line.dropFirst(digits.count)
                // "2) …" or "2. …", not "3.5 FTE hires": the mark is followed by a space.
                if !digits.isEmpty, digits.count <= 2, let mark = after.first, mark == ")" || mark == ".",
                   after.dropFirst().first?.isWhitespace ?? true {
                    line = after.dropFirst()
                }
            }
            let step = trimmed(line)
            return step.isEmpty ? nil : String(step)
        }
    }

    static func trimmed(_ s: Substring) -> Substring {
        guard let a = s.firstIndex(where: { !$0.isWhitespace }), let b = s.lastIndex(where: { !$0.isWhitespace }) else { return "" }
        return s[a...b]
    }

    /// "Thursday, January 21 at 3:00 p.m." from "2013-01-21T15:00"; the text as given if it
    /// is not such a date.
    public static func when(_ iso: String, meetingYear: Int?) -> String {
        guard let d = CalendarDate(iso) else { return iso }
        var s = "\(d.weekday), \(d.monthName) \(d.day)"
        if d.year != meetingYear { s += ", \(d.year)" }
        if let (h, m) = d.time {
            let hour12 = h % 12 == 0 ? 12 : h % 12
            s += " at \(hour12):\(m < 10 ? "0" : "")\(m) \(h < 12 ? "a.m." : "p.m.")"
        }
        return s
    }

    // MARK: Text helpers

    /// A sentence the facilitator wrote, ended as a sentence: typed without its full stop
    /// (as people type), it ran into the line after it in a walk-through's summary ("…faster
    /// state testing Initial champions: Maria…"). Ending punctuation of its own, also inside
    /// a closing quote or bracket, is kept.
    public static func ended(_ sentence: String) -> String {
        var t = Substring(sentence)
        while let last = t.last, last.isWhitespace { t.removeLast() }
        let end = t.reversed().first { !"\"'”’)]".contains($0) }
        guard let end, !".!?…".contains(end), !t.isEmpty else { return String(t) }
        return t + "."
    }

    /// An industry's name inside a sentence: each word written with one capital, as in a
    /// title ("Light Manufacturing"), in lower case; acronyms and words with capitals inside
    /// stay ("IT services", "HVAC and eCommerce"). A list in brackets after it is left to the
    /// summary's subtitle: "to grow the craft beverages (breweries, wineries, cideries,
    /// distilleries) sector" read three times before a walk-through's first heading.
    static func inSentence(_ industry: String) -> String {
        var s = Substring(industry)
        // The bracket that opens the last one, brackets inside it counted ("Food (dairy (cheese))").
        var depth = 0, open: Substring.Index?
        if s.hasSuffix(")") {
            for i in s.indices.reversed() {
                if s[i] == ")" { depth += 1 } else if s[i] == "(" { depth -= 1; if depth == 0 { open = i; break } }
            }
        }
        if let open, s[..<open].contains(where: { !$0.isWhitespace }) {
            s = s[..<open]
            while s.last == " " { s.removeLast() }
        }
        return s.split(separator: " ", omittingEmptySubsequences: false).map { word -> String in
            let letters = word.filter(\.isLetter)
            guard let first = letters.first, first.isUppercase, letters.dropFirst().allSatisfy({ !$0.isUppercase }) else { return String(word) }
            return word.lowercased()
        }.joined(separator: " ")
    }
}

/// A date (and time) as the facilitator recorded it, "YYYY-MM-DD" or "YYYY-MM-DDTHH:MM": a
/// wall-clock time at the venue, so no time zone is involved.
struct CalendarDate {
    var year: Int, month: Int, day: Int
    var time: (hour: Int, minute: Int)?

    init?(_ iso: String) {
        let parts = iso.split(separator: "T")
        let d = parts.first?.split(separator: "-") ?? []
        guard d.count == 3, let y = Int(d[0]), let m = Int(d[1]), let day = Int(d[2]), (1...12).contains(m), (1...31).contains(day) else { return nil }
        year = y; month = m; self.day = day
        if parts.count > 1 {
            let t = parts[1].split(separator: ":")
            guard t.count >= 2, let h = Int(t[0]), let mm = Int(t[1]), (0...23).contains(h), (0...59).contains(mm) else { return nil }
            time = (h, mm)
        }
    }

    static let months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]
    var monthName: String { Self.months[month - 1] }
    var monthDayYear: String { "\(monthName) \(day), \(year)" }

    /// Days since 1970-01-01 (proleptic Gregorian), after Howard Hinnant's days_from_civil.
    var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let doy = (153 * (month + (month > 2 ? -3 : 9)) + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146097 + doe - 719468
    }

    var weekday: String {
        let names = ["Thursday", "Friday", "Saturday", "Sunday", "Monday", "Tuesday", "Wednesday"]   // 1970-01-01 was a Thursday
        return names[((daysSinceEpoch % 7) + 7) % 7]
    }
}
