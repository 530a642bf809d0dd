/// Decodes one client message; every failure is a `CommandError` a person can read.
public enum ClientMessageDecoder {
    public static let messageTypes = [
        "hello", "join", "post", "edit", "withdraw", "champion", "unchampion", "nominate", "withdrawNomination", "editNomination",
        "setPhase", "hideNote", "createTheme", "renameTheme", "moveNote", "mergeThemes", "splitTheme",
        "lockTheme", "deleteTheme", "spotlight", "showJoin", "addAttendee", "signUp", "mergeParticipants", "removeParticipant", "renameParticipant", "setNextSteps", "updateMeeting", "regroup", "splitByMeaning", "undoRegroup", "undoMerge", "applyProposal", "dismissProposal", "mergeSuggestions", "summary", "setOpening", "setSynthesis", "correctNote", "mailRecipients", "sendSummary", "ping",
        "listMeetings", "createMeeting",
    ]

    /// The request id to echo in the reply, if the message has a usable one.
    public static func requestId(of json: JSONValue) -> JSONValue? {
        guard let req = json["req"] else { return nil }
        switch req {
        case .string(let s) where s.utf8.count <= Limits.idCharacters: return req
        case .int: return req
        default: return nil
        }
    }

    public static func decode(_ json: JSONValue) throws(CommandError) -> ClientMessage? {
        guard json.isObject else { throw CommandError(.badMessage, "A message must be a JSON object with a \"type\".") }
        let f = Fields(json)
        let type = try f.string("type")
        if let req = json["req"], requestId(of: json) == nil {
            throw CommandError(.badMessage, "\"req\" must be a string of at most \(Limits.idCharacters) characters or a whole number, not \(req.typeName).")
        }
        let req = requestId(of: json)
        let command: Command
        switch type {
        case "ping":
            return nil
        case "hello":
            guard let client = ClientKind(rawValue: try f.string("client")) else {
                throw CommandError(.badMessage, "\"client\" must be \"participant\", \"wall\" or \"console\".")
            }
            let since = try f.optionalInt("since")
            if let since, since < 0 { throw CommandError(.badMessage, "\"since\" must not be negative.") }
            let token = try f.optionalString("token", max: 128)
            if let token, !Identifiers.isSecretShaped(token) {
                throw CommandError(.badMessage, "\"token\" must be the token this server gave at joining (32 hex digits).")
            }
            return .hello(Hello(code: Identifiers.normalizeJoinCode(try f.string("code", max: 32)), client: client,
                                key: try f.optionalString("key", max: 128), token: token, since: since))
        case "listMeetings":
            return .organizer(req: req, key: try f.string("organizerKey", max: 128), .listMeetings)
        case "createMeeting":
            let key = try f.string("organizerKey", max: 128)
            let meeting = try meetingUpdate(f, json)
            guard meeting.title != nil, meeting.industry != nil, meeting.region != nil else {
                throw CommandError(.invalid, "A new meeting needs a title, an industry and a region.")
            }
            return .organizer(req: req, key: key, .createMeeting(meeting))
        case "join":
            let p = try person(f, whose: "your")
            // The phone's language: a letter the server knows how to write, else English.
            let language = try f.optionalString("language", max: 16)
            command = .join(name: p.name, organization: p.organization, role: p.role, email: p.email, consent: p.consent,
                            language: language == "es" ? "es" : nil)
        case "post":
            let kind: NoteKind? = try f.optionalString("kind", max: 32) == nil ? nil : try f.noteKind("kind")
            var scribed: Scribed?
            if let s = json["scribe"], !s.isNull {
                let sf = Fields(s)
                guard s.isObject, let role = ParticipantRole(rawValue: try sf.string("role")) else {
                    throw CommandError(.badMessage, "\"scribe\" must be an object with name, organization and role.")
                }
                scribed = Scribed(
                    name: try TextRules.check(try sf.string("name", max: Limits.maxMessageBytes), what: "the author's name", max: Limits.nameCharacters, oneLine: true),
                    organization: try TextRules.check(try sf.string("organization", max: Limits.maxMessageBytes),
                                                      what: "the author's organization", max: Limits.organizationCharacters, oneLine: true),
                    role: role)
            }
            command = .post(id: try f.clientId("id"), kind: kind, text: try noteText(f), scribed: scribed)
        case "edit": command = .edit(note: try f.clientId("note"), text: try noteText(f))
        case "withdraw": command = .withdraw(note: try f.clientId("note"))
        case "champion": command = .champion(theme: try f.clientId("theme"))
        case "unchampion": command = .unchampion(theme: try f.clientId("theme"))
        case "nominate", "editNomination":
            let id = try f.clientId("id")
            let name = try TextRules.check(try f.string("name", max: Limits.maxMessageBytes), what: "their name", max: Limits.nameCharacters, oneLine: true)
            let organization = try TextRules.check(try f.string("organization", max: Limits.maxMessageBytes),
                                                   what: "their organization", max: Limits.organizationCharacters, oneLine: true)
            let contact = try TextRules.checkOptional(try f.optionalString("contact", max: Limits.maxMessageBytes),
                                                      what: "their contact", max: Limits.contactCharacters, oneLine: true)
            let theme = try f.optionalClientId("theme")
            command = type == "nominate" ? .nominate(id: id, name: name, organization: organization, contact: contact, theme: theme)
                : .editNomination(id: id, name: name, organization: organization, contact: contact, theme: theme)
        case "withdrawNomination": command = .withdrawNomination(id: try f.clientId("id"))
        case "setPhase":
            guard let phase = Phase(rawValue: try f.string("phase")) else {
                throw CommandError(.badMessage, "\"phase\" must be one of \(Phase.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            command = .setPhase(phase)
        case "hideNote": command = .hideNote(note: try f.clientId("note"), hidden: try f.optionalBool("hidden") ?? true)
        case "createTheme":
            command = .createTheme(kind: try f.noteKind("kind"), label: try label(f))
        case "renameTheme": command = .renameTheme(theme: try f.clientId("theme"), label: try label(f))
        case "moveNote": command = .moveNote(note: try f.clientId("note"), theme: try f.optionalClientId("theme"))
        case "mergeThemes": command = .mergeThemes(from: try f.clientId("from"), into: try f.clientId("into"))
        case "splitTheme":
            command = .splitTheme(theme: try f.clientId("theme"), notes: try noteIds(json), label: try label(f))
        case "lockTheme": command = .lockTheme(theme: try f.clientId("theme"), locked: try f.optionalBool("locked") ?? true)
        case "deleteTheme": command = .deleteTheme(theme: try f.clientId("theme"))
        case "addAttendee":
            let p = try person(f, whose: "their")
            command = .addAttendee(name: p.name, organization: p.organization, role: p.role, email: p.email, consent: p.consent)
        case "signUp":
            command = .signUp(participant: try f.clientId("participant"), theme: try f.clientId("theme"),
                              signed: try f.optionalBool("signed") ?? true)
        case "mergeParticipants": command = .mergeParticipants(from: try f.clientId("from"), into: try f.clientId("into"))
        case "renameParticipant":
            command = .renameParticipant(
                participant: try f.clientId("participant"),
                name: try TextRules.check(try f.string("name", max: Limits.maxMessageBytes), what: "their name", max: Limits.nameCharacters, oneLine: true),
                organization: try TextRules.check(try f.string("organization", max: Limits.maxMessageBytes), what: "their organization",
                                                  max: Limits.organizationCharacters, oneLine: true))
        case "removeParticipant":
            command = .removeParticipant(participant: try f.clientId("participant"), keepNotes: try f.optionalBool("keepNotes") ?? true)
        case "spotlight": command = .spotlight(theme: try f.optionalClientId("theme"))
        case "showJoin": command = .showJoin(shown: try f.optionalBool("shown") ?? true)
        case "setNextSteps":
            var steps = NextSteps()
            steps.championsCallDate = try TextRules.checkDate(try f.optionalString("championsCallDate", max: 32), what: "the champions' call date")
            steps.championsCallHost = try TextRules.checkOptional(try f.optionalString("championsCallHost", max: Limits.maxMessageBytes),
                                                                  what: "the host's name", max: Limits.nameCharacters, oneLine: true)
            steps.nextMeetingDate = try TextRules.checkDate(try f.optionalString("nextMeetingDate", max: 32), what: "the next meeting date")
            steps.other = try TextRules.checkOptional(try f.optionalString("other", max: Limits.maxMessageBytes),
                                                      what: "other next steps", max: Limits.freeTextCharacters)
            command = .setNextSteps(steps)
        case "updateMeeting":
            command = .updateMeeting(try meetingUpdate(f, json))
        case "regroup":
            command = .regroup(kind: try f.noteKind("kind"), preview: try f.optionalBool("preview") ?? false)
        case "splitByMeaning": command = .splitByMeaning(theme: try f.clientId("theme"))
        case "mergeSuggestions":
            return .query(req: req, .mergeSuggestions(kind: try f.noteKind("kind")))
        case "undoMerge": command = .undoMerge(kind: try f.noteKind("kind"))
        case "undoRegroup":
            command = .undoRegroup(kind: try f.noteKind("kind"), preview: try f.optionalBool("preview") ?? false)
        case "applyProposal":
            command = .applyProposal(kind: try f.noteKind("kind"), offered: try f.optionalInt("offered"))
        case "dismissProposal":
            command = .dismissProposal(kind: try f.noteKind("kind"), offered: try f.optionalInt("offered"),
                                       notes: json["notes"] == nil ? nil : try noteIds(json))
        case "summary":
            guard let format = SummaryFormat(rawValue: try f.string("format")) else {
                throw CommandError(.badMessage, "\"format\" must be one of \(SummaryFormat.allCases.map(\.rawValue).joined(separator: ", ")).")
            }
            return .query(req: req, .summary(format: format, includeContacts: try f.optionalBool("includeContacts") ?? false,
                                             appendix: try f.optionalBool("appendix") ?? true))
        case "setOpening":
            command = .setOpening(text: try TextRules.checkOptional(try f.optionalString("text", max: Limits.maxMessageBytes),
                                                                   what: "the opening paragraph", max: Limits.freeTextCharacters))
        case "setSynthesis":
            // An empty sentence is a choice (no sentence), so it is kept as "", not as nil.
            let raw = try f.optionalString("text", max: Limits.maxMessageBytes)
            var text: String?
            if let raw { text = TextRules.isBlank(raw) ? "" : try TextRules.check(raw, what: "the sentence", max: Limits.synthesisCharacters) }
            command = .setSynthesis(theme: try f.clientId("theme"), text: text)
        case "correctNote":
            command = .correctNote(note: try f.clientId("note"),
                                   text: try TextRules.checkOptional(try f.optionalString("text", max: Limits.maxMessageBytes),
                                                                    what: "the corrected note", max: Limits.noteCharacters * 2))
        case "mailRecipients":
            return .query(req: req, .mailRecipients)
        case "sendSummary":
            guard let list = json["recipients"]?.arrayValue, !list.isEmpty, list.count <= Limits.participantsPerMeeting * 2 else {
                throw CommandError(.badMessage, "\"recipients\" must be a non-empty list of e-mail addresses.")
            }
            command = .sendSummary(recipients: try list.map { v throws(CommandError) -> String in
                guard let e = v.stringValue, e.utf8.count <= Limits.emailCharacters else {
                    throw CommandError(.badMessage, "\"recipients\" must contain e-mail addresses only.")
                }
                return e
            }, appendix: try f.optionalBool("appendix") ?? true)
        default:
            throw CommandError(.unknownType, "Unknown message type \"\(type.prefix(40))\".")
        }
        return .command(req: req, command)
    }

    static func noteText(_ f: Fields) throws(CommandError) -> String {
        try TextRules.check(try f.string("text", max: Limits.maxMessageBytes), what: "your note", max: Limits.noteCharacters)
    }

    /// A person's details as `join` (`whose` "your") and `addAttendee` ("their") carry them.
    static func person(_ f: Fields, whose: String) throws(CommandError)
        -> (name: String, organization: String, role: ParticipantRole, email: String?, consent: Bool) {
        guard let role = ParticipantRole(rawValue: try f.string("role")) else {
            throw CommandError(.badMessage, "\"role\" must be \"employer\" or \"partner\".")
        }
        return (name: try TextRules.check(try f.string("name", max: Limits.maxMessageBytes), what: "\(whose) name", max: Limits.nameCharacters, oneLine: true),
                organization: try TextRules.check(try f.string("organization", max: Limits.maxMessageBytes),
                                                  what: "\(whose) organization", max: Limits.organizationCharacters, oneLine: true),
                role: role,
                email: try TextRules.checkEmail(try f.optionalString("email", max: Limits.maxMessageBytes)),
                consent: try f.optionalBool("consent") ?? false)
    }

    /// `notes`: a non-empty list of note ids, at most as many as a meeting holds.
    static func noteIds(_ json: JSONValue) throws(CommandError) -> [String] {
        guard let list = json["notes"]?.arrayValue, !list.isEmpty, list.count <= Limits.notesPerMeeting else {
            throw CommandError(.badMessage, "\"notes\" must be a non-empty list of note ids.")
        }
        return try list.map { v throws(CommandError) -> String in
            guard let s = v.stringValue, Identifiers.isValidClientId(s) else {
                throw CommandError(.badMessage, "\"notes\" must contain note ids only.")
            }
            return s
        }
    }

    static func label(_ f: Fields) throws(CommandError) -> String {
        try TextRules.check(try f.string("label", max: Limits.maxMessageBytes), what: "the label", max: Limits.labelCharacters, oneLine: true)
    }

    static func meetingUpdate(_ f: Fields, _ json: JSONValue) throws(CommandError) -> MeetingUpdate {
        var u = MeetingUpdate()
        if let t = try f.optionalString("title", max: Limits.maxMessageBytes) {
            u.title = try TextRules.check(t, what: "the title", max: Limits.titleCharacters, oneLine: true)
        }
        if let t = try f.optionalString("industry", max: Limits.maxMessageBytes) {
            u.industry = try TextRules.check(t, what: "the industry", max: Limits.titleCharacters, oneLine: true)
        }
        if let t = try f.optionalString("region", max: Limits.maxMessageBytes) {
            u.region = try TextRules.check(t, what: "the region", max: Limits.titleCharacters, oneLine: true)
        }
        if json["date"] != nil { u.date = .some(try TextRules.checkDate(try f.optionalString("date", max: 32), what: "the meeting date")) }
        if json["place"] != nil {
            u.place = .some(try TextRules.checkOptional(try f.optionalString("place", max: Limits.maxMessageBytes),
                                                        what: "the place", max: Limits.titleCharacters, oneLine: true))
        }
        if let chairs = json["chairs"] {
            guard let list = chairs.arrayValue, list.count <= Limits.chairs else {
                throw CommandError(.badMessage, "\"chairs\" must be a list of at most \(Limits.chairs) names.")
            }
            u.chairs = try list.map { v throws(CommandError) -> String in
                guard let s = v.stringValue else { throw CommandError(.badMessage, "\"chairs\" must contain names only.") }
                return try TextRules.check(s, what: "a chair's name", max: Limits.nameCharacters, oneLine: true)
            }
        }
        u.everyoneMayPost = try f.optionalBool("everyoneMayPost")
        u.joiningOpen = try f.optionalBool("joiningOpen")
        if let n = try f.optionalInt("participantLimit") {
            guard (1...Int64(Limits.participantsPerMeeting)).contains(n) else {
                throw CommandError(.invalid, "The participant limit must be between 1 and \(Limits.participantsPerMeeting).")
            }
            u.participantLimit = Int(n)
        }
        if let t = try f.optionalInt("targetThemes") {
            guard (3...8).contains(t) else { throw CommandError(.invalid, "The target number of themes must be between 3 and 8.") }
            u.targetThemes = Int(t)
        }
        if let boxes = json["timeboxes"] {
            guard case .object(let pairs) = boxes else { throw CommandError(.badMessage, "\"timeboxes\" must be an object of minutes per phase.") }
            var result: [Phase: Int] = [:]
            for (k, v) in pairs {
                guard let p = Phase(rawValue: k), p != .closed, let m = v.intValue, (1...240).contains(m) else {
                    throw CommandError(.invalid, "Each time box must name a phase and give 1 to 240 minutes.")
                }
                result[p] = Int(m)
            }
            u.timeboxes = result
        }
        return u
    }
}
