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

    static func welcome(state: MeetingState, client: ClientKind, you: Participant?, replay: Bool, now: Int64) -> [UInt8] {
        let audience: Audience = client == .console ? .console : .everyone
        return JSONCodec.serialize(jsonObject([
            ("type", "welcome"), ("protocol", .int(protocolVersion)), ("serverTime", .int(now)),
            ("meeting", .string(state.info.id)), ("client", .string(client.rawValue)), ("seq", .int(state.seq)),
            ("you", you.map { state.participantView($0, .console) } ?? .null),
            ("mode", replay ? "replay" : "snapshot"),
            ("snapshot", replay ? nil : state.snapshot(for: audience)),
        ]))
    }
}
