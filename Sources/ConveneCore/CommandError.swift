/// A refused message: a stable machine code and a sentence a person understands.
public struct CommandError: Error, Equatable, Sendable {
    public var code: Code
    public var message: String

    public init(_ code: Code, _ message: String) {
        self.code = code
        self.message = message
    }

    /// Every error code the protocol uses (docs/PROTOCOL.md lists them with examples).
    public enum Code: String, Sendable, CaseIterable {
        case badJSON = "bad_json"
        case badMessage = "bad_message"
        case unknownType = "unknown_type"
        case tooBig = "too_big"
        case rateLimited = "rate_limited"
        case notReady = "not_ready"
        case unknownMeeting = "unknown_meeting"
        case badKey = "bad_key"
        /// Too many wrong codes or keys from this address: wait, then try again.
        case tooManyAttempts = "too_many_attempts"
        case forbidden
        case notJoined = "not_joined"
        case phaseClosed = "phase_closed"
        case notAllowed = "not_allowed"
        case notFound = "not_found"
        case invalid
        case conflict
        case limitReached = "limit_reached"
        case storageFailed = "storage_failed"
        case busy
    }
}
