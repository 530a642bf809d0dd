/// Every limit the server enforces, in one place, so docs/PROTOCOL.md can quote them.
public enum Limits {
    /// Largest WebSocket message accepted, in bytes (larger ones close the connection with 1009).
    public static let maxMessageBytes = 16 * 1024
    /// Characters (extended grapheme clusters) in a note.
    public static let noteCharacters = 280
    public static let nameCharacters = 80
    public static let organizationCharacters = 120
    public static let emailCharacters = 254
    public static let contactCharacters = 200
    public static let labelCharacters = 60
    public static let titleCharacters = 120
    public static let freeTextCharacters = 2000
    /// A theme's one-sentence synthesis in the summary.
    public static let synthesisCharacters = 400
    public static let idCharacters = 64
    public static let participantsPerMeeting = 500
    public static let notesPerMeeting = 3000
    public static let notesPerParticipant = 60
    public static let themesPerKind = 30
    public static let nominationsPerParticipant = 30
    public static let chairs = 10
    /// Per-connection rate limit: a token bucket refilled at this many messages a second…
    public static let messagesPerSecond = 20.0
    /// …holding at most this many, so short bursts pass.
    public static let messageBurst = 40.0
    /// Commands of one participant across all their connections (a resume token opened on
    /// many sockets gets no more than one phone).
    public static let commandsPerSecondPerParticipant = 5.0
    public static let commandBurstPerParticipant = 30.0
    /// Commands from one address (a venue behind one NAT: generous).
    public static let commandsPerSecondPerAddress = 100.0
    public static let commandBurstPerAddress = 400.0
    /// The facilitator's requests that group a whole wall or column on the service loop
    /// (`regroup`, `splitByMeaning`), per meeting: a person clicks them a few times a minute,
    /// and each takes milliseconds to tens of milliseconds (a split of 300 notes, 90 ms) that
    /// every phone of the server waits behind.
    public static let groupingRequestsPerSecond = 1.0
    public static let groupingRequestBurst = 10.0
    /// The board's advice (`mergeSuggestions`) per meeting: the console asks after changes.
    public static let boardAdvicePerSecond = 2.0
    public static let boardAdviceBurst = 10.0
    /// Joins from one address: 300 at once (a room behind one public address), then 2 a second.
    public static let joinsPerSecondPerAddress = 2.0
    public static let joinBurstPerAddress = 300.0
    /// Edits of one note.
    public static let editsPerNote = 30
    /// Notes a theme needs before the clustering splits it by meaning: a theme's worth
    /// (3 notes) on each side.
    public static let notesToSplitByMeaning = 6
    /// Most notes of a theme the clustering splits by meaning: it runs on the service loop
    /// (the facilitator waits for it), and a launch meeting's themes hold a few dozen.
    public static let notesToSplitByMeaningAtMost = 300
}
