/// The first event of a new meeting.
public enum MeetingFactory {
    public static func created(id: String, title: String, industry: String, region: String, date: String?,
                               place: String?, chairs: [String], joinCode: String, facilitatorKey: String,
                               at: Int64) throws(CommandError) -> StoredEvent {
        let info = MeetingInfo(
            id: id,
            title: try TextRules.check(title, what: "the title", max: Limits.titleCharacters),
            industry: try TextRules.check(industry, what: "the industry", max: Limits.titleCharacters),
            region: try TextRules.check(region, what: "the region", max: Limits.titleCharacters),
            date: try TextRules.checkDate(date, what: "the meeting date"),
            place: try TextRules.checkOptional(place, what: "the place", max: Limits.titleCharacters),
            chairs: try chairs.map { c throws(CommandError) in try TextRules.check(c, what: "a chair's name", max: Limits.nameCharacters) },
            joinCode: joinCode, facilitatorKey: facilitatorKey)
        return StoredEvent(meeting: id, seq: 1, at: at, event: .meetingCreated(info, MeetingSettings()))
    }
}
