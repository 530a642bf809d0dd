import ConveneCore
import ConveneJSON

/// Server → client messages of protocol v1, serialized once and shared between connections.
enum ServerMessages {
    static let protocolVersion: Int64 = 1

    static func error(_ e: CommandError, req: JSONValue?) -> [UInt8] {
        JSONCodec.serialize(jsonObject([("type", "error"), ("req", req), ("code", .string(e.code.rawValue)),
                                        ("message", .string(e.message))]))
    }

    static func ack(req: JSONValue?, seq: Int64, fields: [(String, JSONValue)]) -> [UInt8] {
        JSONCodec.serialize(jsonObject([("type", "ack"), ("req", req), ("seq", .int(seq))] + fields.map { ($0.0, $0.1) }))
    }

    static func event(seq: Int64, view: JSONValue) -> [UInt8] {
        JSONCodec.serialize(.object([("type", "event"), ("seq", .int(seq)), ("event", view)]))
    }

    static func pong(now: Int64) -> [UInt8] {
        JSONCodec.serialize(.object([("type", "pong"), ("serverTime", .int(now))]))
    }

    /// The welcome, as its head followed by the snapshot bytes (shared; see `LiveMeeting`).
    /// `snapshot` nil: a replay follows instead.
    /// `mail`: whether this server can send e-mail (phones then promise the summary by e-mail;
    /// the console offers to send it only then).
    static func welcome(state: MeetingState, client: ClientKind, you: Participant?, snapshot: [UInt8]?, now: Int64,
                        mail: Bool) -> OutgoingMessage {
        var head = JSONCodec.serialize(jsonObject([
            ("type", "welcome"), ("protocol", .int(protocolVersion)), ("serverTime", .int(now)), ("mail", .bool(mail)),
            ("meeting", .string(state.info.id)), ("client", .string(client.rawValue)), ("seq", .int(state.seq)),
            ("you", you.map { state.participantView($0, .console) } ?? .null),
            ("mode", snapshot == nil ? "replay" : "snapshot"),
            // A phone's own notes the facilitator hid (no other screen but the console gets
            // them): its author sees "hidden from the wall" rather than the note gone.
            ("yourHiddenNotes", you.flatMap { p in
                let hidden = state.visibleNotes().filter { $0.hidden && $0.author == p.id }
                return hidden.isEmpty ? nil : .array(hidden.map(state.noteView))
            }),
        ]))
        guard let snapshot else { return OutgoingMessage([head]) }
        // `{…,"snapshot":` + snapshot + `}`: the head is an object, so it ends with `}`.
        head.removeLast()
        head.append(contentsOf: Array(#","snapshot":"#.utf8))
        return OutgoingMessage([head, snapshot, [UInt8(ascii: "}")]])
    }
}
