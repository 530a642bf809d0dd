import ConveneCore
import ConveneJSON

/// A seeded mutation fuzzer over everything a network message goes through: json-c
/// parsing, protocol decoding, and validation against a live meeting (as a guest, a
/// participant, the wall and the facilitator). Accepted commands are applied, and the
/// meeting must replay from its events to the same state. Any crash is a bug; the run
/// reports how many inputs were tried, parsed, decoded and accepted.
public struct WireFuzzer {
    public struct Report: Sendable {
        public var inputs = 0, parsed = 0, decoded = 0, accepted = 0, events = 0
    }

    var rng: SplitMix
    var state: MeetingState
    var log: [StoredEvent]
    let corpus: [[UInt8]]

    public init(seed: UInt64) {
        rng = SplitMix(seed)
        let created = try! MeetingFactory.created(id: "m", title: "Fuzz", industry: "Fuzzing", region: "Loopback", date: nil,
                                                  place: nil, chairs: [], joinCode: "ABC234", facilitatorKey: "k", at: 0)
        state = MeetingState.replay([created])!
        log = [created]
        corpus = Self.seeds.map { Array($0.utf8) }
    }

    static let seeds: [String] = [
        #"{"type":"hello","code":"ABC234","client":"participant","token":"t","since":3}"#,
        #"{"type":"hello","code":"abc-234","client":"console","key":"k"}"#,
        #"{"type":"join","req":1,"name":"Karen","organization":"Acme","role":"employer","email":"k@a.example","consent":true}"#,
        #"{"type":"post","req":2,"id":"n1","kind":"opportunity","text":"Drones <img src=x onerror=alert(1)>"}"#,
        #"{"type":"post","req":3,"id":"s1","kind":"requirement","text":"x","scribe":{"name":"A","organization":"B","role":"partner"}}"#,
        #"{"type":"edit","note":"n1","text":"edited"}"#, #"{"type":"withdraw","note":"n1"}"#,
        #"{"type":"champion","theme":"t2"}"#, #"{"type":"unchampion","theme":"t2"}"#,
        #"{"type":"nominate","id":"x1","name":"Tom","organization":"V","contact":"t@v.example","theme":"t2"}"#,
        #"{"type":"withdrawNomination","id":"x1"}"#,
        #"{"type":"editNomination","id":"x1","name":"Tom","organization":"Valley","contact":"t@v.example"}"#, #"{"type":"setPhase","phase":"requirements"}"#,
        #"{"type":"hideNote","note":"n1","hidden":false}"#, #"{"type":"createTheme","kind":"requirement","label":"Workers"}"#,
        #"{"type":"renameTheme","theme":"t2","label":"Talent"}"#, #"{"type":"applyProposal","kind":"opportunity"}"#, #"{"type":"dismissProposal","kind":"requirement"}"#, #"{"type":"moveNote","note":"n1","theme":"t2"}"#,
        #"{"type":"mergeThemes","from":"t2","into":"t3"}"#, #"{"type":"splitTheme","theme":"t2","notes":["n1"],"label":"S"}"#,
        #"{"type":"lockTheme","theme":"t2","locked":true}"#, #"{"type":"deleteTheme","theme":"t3"}"#,
        #"{"type":"addAttendee","name":"Ruth","organization":"O","role":"employer"}"#, #"{"type":"signUp","participant":"p1","theme":"t2"}"#,
        #"{"type":"mergeParticipants","from":"p2","into":"p1"}"#, #"{"type":"removeParticipant","participant":"p3","keepNotes":false}"#,
        #"{"type":"renameParticipant","participant":"p1","name":"Karen Lee","organization":"Acme Machining"}"#,
        #"{"type":"setOpening","text":"We met."}"#, #"{"type":"setSynthesis","theme":"t2","text":""}"#,
        #"{"type":"correctNote","note":"n1","text":"Fixed"}"#, #"{"type":"summary","format":"markdown","includeContacts":true,"appendix":false}"#,
        #"{"type":"spotlight","theme":"t2"}"#, #"{"type":"spotlight","theme":null}"#, #"{"type":"showJoin","shown":true}"#, #"{"type":"regroup","kind":"requirement","preview":true}"#, #"{"type":"splitByMeaning","theme":"t2"}"#,
        #"{"type":"setNextSteps","championsCallDate":"2027-01-21T15:00","championsCallHost":"K","nextMeetingDate":"2027-02-26","other":"o"}"#,
        #"{"type":"updateMeeting","title":"T","chairs":["A"],"everyoneMayPost":true,"targetThemes":4,"timeboxes":{"opportunities":30}}"#,
        #"{"type":"regroup","kind":"opportunity"}"#, #"{"type":"summary","format":"csv"}"#, #"{"type":"mailRecipients"}"#,
        #"{"type":"sendSummary","recipients":["k@a.example"]}"#, #"{"type":"ping"}"#,
        #"{"type":"undoRegroup","kind":"opportunity"}"#, #"{"type":"undoMerge","kind":"opportunity"}"#, #"{"type":"undoRegroup","kind":"requirement","preview":true}"#, #"{"type":"dismissProposal","kind":"opportunity","notes":["n1"]}"#, #"{"type":"mergeSuggestions","kind":"requirement"}"#,
        #"{"type":"listMeetings","req":9,"organizerKey":"0123456789abcdef"}"#,
        #"{"type":"createMeeting","organizerKey":"k","title":"Launch","industry":"Health care","region":"Region Y","date":"2026-12-03","place":"Hall","chairs":["Dana"],"everyoneMayPost":true,"targetThemes":5,"timeboxes":{"requirements":35}}"#,
    ]

    static let tokens: [String] = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u0000", "\\ud800", "null", "true", "false", "-0",
                                   "1e999", "9223372036854775808", "\"type\"", "\"req\"", "\u{2028}", "'", "\u{0}", "\u{FFFD}",
                                   String(repeating: "a", count: 300), String(repeating: "[", count: 30), "\"n1\"", "\"t2\""]

    mutating func mutate(_ input: [UInt8]) -> [UInt8] {
        var b = input
        for _ in 0..<(1 + Int(rng.next() % 4)) {
            let pos = b.isEmpty ? 0 : Int(rng.next() % UInt64(b.count + 1))
            switch rng.next() % 7 {
            case 0 where !b.isEmpty: b[min(pos, b.count - 1)] ^= UInt8(1 << (rng.next() % 8))
            case 1: b.insert(UInt8(truncatingIfNeeded: rng.next()), at: pos)
            case 2 where !b.isEmpty: b.remove(at: min(pos, b.count - 1))
            case 3: b.insert(contentsOf: Array(Self.tokens[Int(rng.next() % UInt64(Self.tokens.count))].utf8), at: pos)
            case 4 where b.count > 2:
                let end = min(b.count, pos + Int(rng.next() % 16))
                if pos < end { b.removeSubrange(pos..<end) }
            case 5:
                let other = corpus[Int(rng.next() % UInt64(corpus.count))]
                let cut = Int(rng.next() % UInt64(other.count))
                b = Array(b.prefix(pos)) + Array(other.suffix(from: cut))
            default: break
            }
        }
        return Array(b.prefix(20_000))
    }

    /// Runs `count` inputs: valid seeds (so the meeting fills up) and their mutations.
    public mutating func run(_ count: Int) -> Report {
        var report = Report()
        let actors: [Actor] = [.guest, .wall, .facilitator]
        for i in 0..<count {
            let seed = corpus[Int(rng.next() % UInt64(corpus.count))]
            let input = i % 4 == 0 ? seed : mutate(seed)
            report.inputs += 1
            guard let json = try? JSONCodec.parse(input) else { continue }
            report.parsed += 1
            guard let decoded = try? ClientMessageDecoder.decode(json) else { continue }
            if case .organizer(_, _, .createMeeting(let fields)) = decoded {
                // A new meeting built from hostile fields must store and replay like any other.
                report.decoded += 1
                guard let created = try? MeetingFactory.created(id: "m\(i)", from: fields, joinCode: "ABC234",
                                                                facilitatorKey: "k", at: Int64(i)) else { continue }
                let back = try! StoredEvent(meeting: created.meeting, seq: 1,
                                            storage: JSONCodec.parse(JSONCodec.serialize(created.storageJSON())))
                precondition(back == created, "a created meeting does not round-trip: \(created)")
                precondition(MeetingState.replay([back]) != nil, "a created meeting does not replay")
                report.accepted += 1
                continue
            }
            guard case .command(_, let command) = decoded else { continue }
            report.decoded += 1
            var actor = actors[Int(rng.next() % UInt64(actors.count))]
            if let p = state.participantOrder.randomElement(using: &rng), rng.next() % 2 == 0 { actor = .participant(p) }
            guard let decision = try? state.decide(command, by: actor, newSecret: "secret\(i)") else { continue }
            report.accepted += 1
            for event in decision.events {
                let stored = StoredEvent(meeting: "m", seq: state.seq + 1, at: Int64(i), event: event)
                // Round-trip through the stored form, as the log does.
                let back = try! StoredEvent(meeting: "m", seq: stored.seq, storage: JSONCodec.parse(JSONCodec.serialize(stored.storageJSON())))
                precondition(back == stored, "stored form does not round-trip: \(stored)")
                state.apply(stored)
                log.append(stored)
                report.events += 1
                _ = JSONCodec.serialize(state.eventView(stored, for: .everyone))
            }
            if i % 5000 == 4999 { checkReplay() }
        }
        checkReplay()
        return report
    }

    func checkReplay() {
        let rebuilt = MeetingState.replay(log)!
        precondition(rebuilt.snapshot(for: .console) == state.snapshot(for: .console), "replay differs from the live state")
        _ = JSONCodec.serialize(state.snapshot(for: .everyone))
    }
}

/// A small deterministic generator (SplitMix64): the same seed gives the same run.
public struct SplitMix: RandomNumberGenerator {
    var state: UInt64
    public init(_ seed: UInt64) { state = seed }
    public mutating func next() -> UInt64 {
        state &+= 0x9E3779B97F4A7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58476D1CE4E5B9
        z = (z ^ (z >> 27)) &* 0x94D049BB133111EB
        return z ^ (z >> 31)
    }
}
