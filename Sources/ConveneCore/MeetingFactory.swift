/// The first event of a new meeting.
public enum MeetingFactory {
    public static func created(id: String, title: String, industry: String, region: String, date: String?,
                               place: String?, chairs: [String], joinCode: String, facilitatorKey: String,
                               at: Int64, settings: MeetingSettings = MeetingSettings()) throws(CommandError) -> StoredEvent {
        let info = MeetingInfo(
            id: id,
            title: try TextRules.check(title, what: "the title", max: Limits.titleCharacters),
            industry: try TextRules.check(industry, what: "the industry", max: Limits.titleCharacters),
            region: try TextRules.check(region, what: "the region", max: Limits.titleCharacters),
            date: try TextRules.checkDate(date, what: "the meeting date"),
            place: try TextRules.checkOptional(place, what: "the place", max: Limits.titleCharacters),
            chairs: try chairs.map { c throws(CommandError) in try TextRules.check(c, what: "a chair's name", max: Limits.nameCharacters) },
            joinCode: joinCode, facilitatorKey: facilitatorKey)
        return StoredEvent(meeting: id, seq: 1, at: at, event: .meetingCreated(info, settings))
    }

    /// The first event of a meeting created from the organizer's page: the fields were
    /// checked when the request was decoded; the settings start from the defaults.
    public static func created(id: String, from request: MeetingUpdate, joinCode: String, facilitatorKey: String,
                               at: Int64) throws(CommandError) -> StoredEvent {
        guard let title = request.title, let industry = request.industry, let region = request.region else {
            throw CommandError(.invalid, "A new meeting needs a title, an industry and a region.")
        }
        var settings = MeetingSettings()
        if let v = request.everyoneMayPost { settings.everyoneMayPost = v }
        if let v = request.targetThemes { settings.targetThemes = v }
        for (phase, minutes) in request.timeboxes ?? [:] { settings.timeboxes[phase] = minutes }
        return try created(id: id, title: title, industry: industry, region: region, date: request.date ?? nil,
                           place: request.place ?? nil, chairs: request.chairs ?? [], joinCode: joinCode,
                           facilitatorKey: facilitatorKey, at: at, settings: settings)
    }
}
