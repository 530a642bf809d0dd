/// The stored form of the values events carry (meeting, settings, people, next steps).

extension MeetingInfo {
    func storageJSON() -> JSONValue {
        jsonObject([
            ("id", .string(id)), ("title", .string(title)), ("industry", .string(industry)),
            ("region", .string(region)), ("date", date.json), ("place", place.json),
            ("chairs", .array(chairs.map { .string($0) })),
            ("joinCode", .string(joinCode)), ("facilitatorKey", .string(facilitatorKey)),
        ])
    }

    init(storage j: JSONValue) throws {
        let r = FieldReader(j)
        self.init(id: try r.string("id"), title: try r.string("title"), industry: try r.string("industry"),
                  region: try r.string("region"), date: try r.optionalString("date"),
                  place: try r.optionalString("place"), chairs: try r.stringList("chairs"),
                  joinCode: try r.string("joinCode"), facilitatorKey: try r.string("facilitatorKey"))
    }
}

extension MeetingSettings {
    public func json() -> JSONValue {
        .object([
            ("everyoneMayPost", .bool(everyoneMayPost)),
            ("targetThemes", .int(Int64(targetThemes))),
            ("joiningOpen", .bool(joiningOpen)), ("participantLimit", .int(Int64(participantLimit))),
            ("timeboxes", .object(Phase.allCases.filter { $0 != .closed }.map {
                ($0.rawValue, .int(Int64(timeboxes[$0] ?? $0.defaultMinutes)))
            })),
        ])
    }

    init(storage j: JSONValue) throws {
        self.init()
        let r = FieldReader(j)
        everyoneMayPost = try r.bool("everyoneMayPost")
        targetThemes = Int(try r.int("targetThemes"))
        // Absent in logs written before these settings existed.
        if case .bool(let open)? = j["joiningOpen"] { joiningOpen = open }
        if let limit = j["participantLimit"]?.intValue { participantLimit = Int(limit) }
        if let boxes = j["timeboxes"], case .object(let pairs) = boxes {
            for (k, v) in pairs { if let p = Phase(rawValue: k), let m = v.intValue { timeboxes[p] = Int(m) } }
        }
    }
}

extension Participant {
    func storageJSON() -> JSONValue {
        jsonObject([
            ("id", .string(id)), ("name", .string(name)), ("organization", .string(organization)),
            ("role", .string(role.rawValue)), ("email", email.json), ("consent", .bool(consent)),
            ("resumeToken", .string(resumeToken)), ("joinedAt", .int(joinedAt)), ("language", language.json),
        ])
    }

    init(storage j: JSONValue) throws {
        let r = FieldReader(j)
        guard let role = ParticipantRole(rawValue: try r.string("role")) else {
            throw EventDecodingError(description: "unknown participant role")
        }
        self.init(id: try r.string("id"), name: try r.string("name"), organization: try r.string("organization"),
                  role: role, email: try r.optionalString("email"), consent: try r.bool("consent"),
                  resumeToken: TokenDigest.stored(try r.string("resumeToken")), joinedAt: try r.int("joinedAt"),
                  language: try r.optionalString("language"))
    }
}

extension Scribed {
    func json() -> JSONValue {
        .object([("name", .string(name)), ("organization", .string(organization)), ("role", .string(role.rawValue))])
    }

    init(storage j: JSONValue) throws {
        let r = FieldReader(j)
        guard let role = ParticipantRole(rawValue: try r.string("role")) else {
            throw EventDecodingError(description: "unknown role")
        }
        self.init(name: try r.string("name"), organization: try r.string("organization"), role: role)
    }
}

extension Nomination {
    func storageJSON() -> JSONValue {
        jsonObject([
            ("id", .string(id)), ("name", .string(name)), ("organization", .string(organization)),
            ("contact", contact.json), ("theme", theme.json), ("nominatedBy", .string(nominatedBy)),
        ])
    }

    init(storage j: JSONValue, seq: Int64) throws {
        let r = FieldReader(j)
        self.init(id: try r.string("id"), name: try r.string("name"), organization: try r.string("organization"),
                  contact: try r.optionalString("contact"), theme: try r.optionalString("theme"),
                  nominatedBy: try r.string("nominatedBy"), seq: seq)
    }
}

extension NextSteps {
    public func json() -> JSONValue {
        .object([
            ("championsCall", .object([("date", championsCallDate.json), ("host", championsCallHost.json)])),
            ("nextMeeting", .object([("date", nextMeetingDate.json)])),
            ("other", other.json),
        ])
    }

    init(storage j: JSONValue) throws {
        self.init()
        championsCallDate = j["championsCall"]?["date"]?.stringValue
        championsCallHost = j["championsCall"]?["host"]?.stringValue
        nextMeetingDate = j["nextMeeting"]?["date"]?.stringValue
        other = j["other"]?.stringValue
    }
}
