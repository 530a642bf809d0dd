/// E-mailing the summary: who may receive it, and the message itself (RFC 5322 with a
/// multipart/alternative text + HTML body). Pure: the caller passes the date and ids.

/// Someone the summary may be sent to: a participant who gave an e-mail and consented, or a
/// nominee whose contact is an e-mail address.
public struct MailRecipient: Equatable, Sendable {
    public var email: String
    public var name: String
    public var organization: String
    /// "participant" or "nominee".
    public var kind: String
    /// "es": a participant whose phone was in Spanish; their letter opens in Spanish (the
    /// summary itself is the meeting's, in English). nil: English.
    public var language: String?

    public init(email: String, name: String, organization: String, kind: String, language: String? = nil) {
        self.email = email; self.name = name; self.organization = organization; self.kind = kind; self.language = language
    }
}

extension MeetingState {
    /// Everyone who may receive the summary, once each (by lower-cased address).
    public func summaryRecipients() -> [MailRecipient] {
        var seen = Set<String>()
        var result: [MailRecipient] = []
        for p in participantOrder.compactMap({ participants[$0] }) where p.consent {
            guard let e = p.email, seen.insert(e.lowercased()).inserted else { continue }
            result.append(MailRecipient(email: e, name: p.name, organization: p.organization, kind: "participant", language: p.language))
        }
        for n in nominationOrder.compactMap({ nominations[$0] }) {
            guard let c = n.contact, (try? TextRules.checkEmail(c)) != nil, seen.insert(c.lowercased()).inserted else { continue }
            result.append(MailRecipient(email: c, name: n.name, organization: n.organization, kind: "nominee"))
        }
        return result
    }
}

public struct MailSettings: Sendable {
    public var from: String
    /// The sender's name as recipients see it; nil: the partnership's (`senderName`).
    public var fromName: String?
    public var replyTo: String?
    public init(from: String, fromName: String? = nil, replyTo: String? = nil) {
        self.from = from; self.fromName = fromName; self.replyTo = replyTo
    }
}

public enum SummaryMail {
    /// The sender as recipients see it when the server names none: the partnership, from the
    /// meeting's title without its "launch" ("High Sierra Precision Machining Sector
    /// Partnership"). Walk-throughs' letters, signed by the chairs, came from "Convene" — the
    /// software's name, which no invitee would recognise.
    public static func senderName(_ title: String) -> String {
        var t = Substring(title)
        func trimEnd() { while t.last.map({ $0.isWhitespace || "—–-:,".contains($0) }) == true { t.removeLast() } }
        trimEnd()
        if let suffix = ["launch meeting", "launch", "kick-off meeting", "kickoff meeting", "kick-off", "kickoff"]
            .first(where: { t.lowercased().hasSuffix($0) && t.count > $0.count }) {
            t = t.dropLast(suffix.count)
        }
        trimEnd()
        return t.isEmpty ? title : String(t)
    }

    /// `invited`: a letter to someone the room named, who was not there — "Meeting summary:
    /// …" reads like minutes of a meeting they never heard of (a walk-through's invitee
    /// letter), so it says what it is: an invitation from the partnership.
    public static func subject(_ state: MeetingState, language: String? = nil, invited: Bool = false) -> String {
        if invited {
            // By the partnership's name when the title gives one, else by what it is.
            // ("Launch of the Region X Partnership" names no partnership this way: the title
            // is used only when, without its "launch", it ends on the word.)
            let name = senderName(state.info.title)
            let partnership = !name.lowercased().hasSuffix("partnership")
                ? "the \(SummaryWording.inSentence(state.info.industry)) sector partnership in \(state.info.region)"
                : name.lowercased().hasPrefix("the ") ? name : "the " + name
            return "An invitation to join \(partnership), with its launch meeting's summary"
        }
        return (language == "es" ? "Resumen de la reunión: " : "Meeting summary: ") + state.info.title
    }

    /// The whole message for one recipient, with CRLF line ends and base64 bodies (lines of
    /// 76), so any text survives any mail server.
    public static func message(to recipient: MailRecipient, state: MeetingState, settings: MailSettings,
                               text: String, html: String, date: String, messageId: String) -> String {
        let boundary = "convene-" + String(messageId.unicodeScalars.filter { $0.properties.isAlphabetic || ("0"..."9").contains($0) }.map(Character.init).prefix(24))
        let (greeting, intro) = introduction(for: recipient, state: state)
        var headers = [
            "From: \(address(settings.fromName ?? senderName(state.info.title), settings.from))",
            "To: \(address(recipient.name, recipient.email))",
            "Subject: \(encodedWord(subject(state, language: recipient.language, invited: recipient.kind == "nominee")))",
            "Date: \(date)",
            "Message-ID: <\(messageId)>",
            "MIME-Version: 1.0",
            "Content-Type: multipart/alternative; boundary=\"\(boundary)\"",
        ]
        if let reply = settings.replyTo { headers.insert("Reply-To: \(reply)", at: 2) }
        // The sign-off (`signature`) is part of `text` and `html`, before their appendix.
        let textBody = greeting + "\n\n" + intro + "\n\n" + text
        let style = "style=\"font-family:Helvetica,Arial,sans-serif\""
        let htmlBody = html
            .replacingFirst("<h1", with: "<p \(style)>\(SummaryRenderer.h(greeting))</p><p \(style)>\(SummaryRenderer.h(intro))</p><h1")
        var o = headers.joined(separator: "\r\n") + "\r\n\r\n"
        o += "This is a multipart message in MIME format.\r\n"
        o += "--\(boundary)\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        o += base64Lines(Array(textBody.utf8)) + "\r\n"
        o += "--\(boundary)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Transfer-Encoding: base64\r\n\r\n"
        o += base64Lines(Array(htmlBody.utf8)) + "\r\n"
        o += "--\(boundary)--\r\n"
        return o
    }

    /// "Dear Ruth," and why this summary reaches them: thanks to those who took part; to
    /// someone the room named (workbook D.1: "reconnect with them, and give them a chance to
    /// see the results and join others as a champion"), an invitation.
    static func introduction(for recipient: MailRecipient, state: MeetingState) -> (greeting: String, intro: String) {
        let name = String(recipient.name.map { $0.isNewline ? " " : $0 })
        let partnership = "the \(SummaryWording.inSentence(state.info.industry)) sector partnership in \(state.info.region)"
        // The strategy areas they were named for (a walk-through's letter did not say which).
        let theirs = state.nominationOrder.compactMap { state.nominations[$0] }
            .filter { $0.contact?.lowercased() == recipient.email.lowercased() }
        var named: [String] = []
        for label in theirs.compactMap({ $0.theme.flatMap { state.themes[$0]?.label } }) where !named.contains("“\(label)”") {
            named.append("“\(label)”")
        }
        // Named for the partnership as a whole (too): said after the areas.
        if theirs.contains(where: { $0.theme == nil }) { named.append("the partnership as a whole") }
        let involved = named.isEmpty ? "involved" : "involved in " + SummaryWording.list(named)
        // A community partner (a college, a workforce board) is no employer to pass it to others like them.
        let partner = state.participants.values.contains { $0.role == .partner && $0.email?.lowercased() == recipient.email.lowercased() }
        // A chair gets the letter that went to everyone, signed with their own name: it says
        // so, rather than thanking them for taking part in the meeting they chaired.
        // Greeted as the organizer wrote their name ("tom becker" typed on a phone).
        if recipient.kind == "participant", let name = chairName(recipient.name, of: state) {
            let alone = state.info.chairs.count == 1
            if recipient.language == "es" {
                return ("Hola, \(name):", "Gracias por presidir la reunión “\(state.info.title)”. "
                    + "Abajo está el resumen tal como lo recibieron todos los participantes, "
                    + (alone ? "firmado con su nombre" : "firmado por la presidencia") + ", en inglés.")
            }
            return ("Dear \(name),", "Thank you for chairing the launch meeting of \(partnership). "
                + "Here is the summary as everyone who took part received it, " + (alone ? "signed with your name." : "signed by the chairs."))
        }
        if recipient.kind == "participant", recipient.language == "es" {
            // The summary below is in English, as the meeting's record is: the letter says so.
            // The meeting by its title alone: titles often say "launch" already ("la reunión de
            // lanzamiento de “… Partnership launch”" in a walk-through's letter).
            return ("Hola, \(name):", "Gracias por participar en la reunión “\(state.info.title)”. "
                + "Abajo está el resumen de lo acordado, en inglés; compártalo con "
                + (partner ? "otras personas de su red" : "otros empleadores") + " que quieran participar.")
        }
        // Areas nobody has offered to drive yet have no champions to join (a walk-through's
        // invitation to an area "Not a priority right now" promised them).
        // Named by their titles: "them" read as the employers.
        var unled: [String] = []
        var led = false
        for theme in theirs.compactMap({ $0.theme.flatMap { state.themes[$0] } }) {
            if state.champions(of: theme.id).contains(where: { $0.role == .employer }) { led = true }
            else if !unled.contains("“\(theme.label)”") { unled.append("“\(theme.label)”") }
        }
        let welcome = unled.isEmpty || led ? "the champions would be glad to have you join them."
            : "nobody has yet offered to champion \(SummaryWording.list(unled)), and the partnership would be glad of your help to get "
                + (unled.count == 1 ? "it" : "them") + " started."
        let intro = recipient.kind == "nominee"
            ? "At the launch meeting of \(partnership), you were named as someone who should be \(involved). "
                + "Here is what the employers there agreed; " + welcome
            : "Thank you for taking part in the launch meeting of \(partnership). "
                + (partner ? "Here is what the employers agreed; please share it with others in your network who would like to be involved."
                           : "Here is what we agreed; please share it with other employers who would like to be involved.")
        return ("Dear \(name),", intro)
    }

    /// The chair's name as the organizer wrote it when `name` is one of the meeting's chairs
    /// (a name of two words or more, in any case and spacing — "dana  lee" is "Dana Lee" —,
    /// also when an organization follows it: "Dana Lee (Acme)", "Dana Lee, Acme"); nil for
    /// anyone else.
    static func chairName(_ name: String, of state: MeetingState) -> String? {
        func words(_ s: String) -> [Substring] { s.split(whereSeparator: { $0.isWhitespace }) }
        let who = words(name.lowercased())
        guard !who.isEmpty else { return nil }
        // Only the name before an organization counts: a participant who typed "Dana" alone
        // may be another Dana. And only a name of two words or more: a chair entered by first
        // name alone ("Karen") cannot be told from anyone who joins as Karen.
        for chair in state.info.chairs {
            let written = words(String(chair.prefix { $0 != "(" && $0 != "," }))
            if written.count >= 2, written.map({ $0.lowercased() }) == who.map(String.init) { return written.joined(separator: " ") }
        }
        return nil
    }

    /// The chairs sign it (the workbook: ideally sent by the chairs or on their behalf), in
    /// the letter's language: a letter that opens in Spanish closes in Spanish too.
    static func signature(_ state: MeetingState, language: String? = nil) -> [String]? {
        let chairs = state.info.chairs
        guard !chairs.isEmpty else { return nil }
        if language == "es" {
            // "y" is "e" before an i sound ("Lee e Isabel", "… e Hilda").
            let last = chairs.last!.lowercased()
            let and = last.hasPrefix("i") || last.hasPrefix("í") || (last.hasPrefix("hi") && !last.dropFirst(2).hasPrefix("e") && !last.dropFirst(2).hasPrefix("a")) ? " e " : " y "
            let names = chairs.count == 1 ? chairs[0] : chairs.dropLast().joined(separator: ", ") + and + chairs.last!
            return ["Con agradecimiento,", names + ", en nombre de la presidencia de la alianza"]
        }
        return ["With thanks,", SummaryWording.list(chairs) + (chairs.count == 1 ? ", chair" : ", chairs")]
    }

    /// `Name <address>`. A display name is someone's typed text, so it can never add an
    /// address or a header: letters, digits and spaces go as they are; other printable ASCII
    /// as an RFC 5322 quoted-string (`"ceo@bigcorp.example, Dana"`); anything else RFC 2047
    /// encoded. Line breaks never survive.
    static func address(_ name: String, _ email: String) -> String {
        let oneLine = String(name.map { $0 == "\r" || $0 == "\n" ? " " : $0 })
        let scalars = oneLine.unicodeScalars
        let display: String
        if scalars.allSatisfy({ $0.isASCII && ($0.properties.isAlphabetic || $0 == " " || ("0"..."9").contains($0)) }) {
            display = oneLine
        } else if scalars.allSatisfy({ $0.isASCII && $0.value >= 32 && $0.value < 127 }) {
            display = "\"" + oneLine.unicodeScalars.map { $0 == "\"" || $0 == "\\" ? "\\" + String($0) : String($0) }.joined() + "\""
        } else {
            display = encodedWord(oneLine, always: true)
        }
        return display + " <\(email)>"
    }

    /// RFC 2047 "B" encoded words for non-ASCII header text, each at most 75 characters.
    static func encodedWord(_ text: String, always: Bool = false) -> String {
        if !always && text.unicodeScalars.allSatisfy({ $0.isASCII && $0.value >= 32 }) && text.count < 900 { return text }
        var words: [String] = []
        var chunk: [UInt8] = []
        for ch in text {
            let bytes = Array(String(ch).utf8)
            if chunk.count + bytes.count > 45 { words.append("=?UTF-8?B?" + base64(chunk) + "?="); chunk = [] }
            chunk += bytes
        }
        if !chunk.isEmpty { words.append("=?UTF-8?B?" + base64(chunk) + "?=") }
        return words.joined(separator: "\r\n ")
    }

    static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 3) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 15) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 63)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    static func base64Lines(_ bytes: [UInt8]) -> String {
        let s = Array(base64(bytes))
        return stride(from: 0, to: s.count, by: 76).map { String(s[$0..<min($0 + 76, s.count)]) }.joined(separator: "\r\n")
    }
}

private extension String {
    func replacingFirst(_ target: String, with replacement: String) -> String {
        guard let r = range(of: target) else { return self }
        return String(self[..<r.lowerBound]) + replacement + String(self[r.upperBound...])
    }
}
