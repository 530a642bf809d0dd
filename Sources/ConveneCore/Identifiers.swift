/// Join codes and secrets. Generation takes the random number generator as a parameter so
/// the meeting logic stays deterministic under test; the server passes the system's.
public enum Identifiers {
    /// No 0/O, 1/I/L: easy to read off a projector and type on a phone.
    public static let joinCodeAlphabet = Array("ABCDEFGHJKMNPQRSTUVWXYZ23456789")

    public static func joinCode<R: RandomNumberGenerator>(using rng: inout R) -> String {
        String((0..<6).map { _ in joinCodeAlphabet.randomElement(using: &rng)! })
    }

    /// 128 random bits as 32 lower-case hex digits.
    public static func secret<R: RandomNumberGenerator>(using rng: inout R) -> String {
        (0..<2).map { _ in
            let v = rng.next()
            let hex = String(v, radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }

    /// Whether `token` has the shape of a `secret`: 32 lower-case hex digits. Anything else
    /// (the empty string above all: attendee records of older logs hold its digest) is no token.
    public static func isSecretShaped(_ token: String) -> Bool {
        token.utf8.count == 32 && token.utf8.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains($0) }
    }

    /// Normalises what a person typed: upper case, no spaces or dashes.
    public static func normalizeJoinCode(_ typed: String) -> String {
        String(typed.uppercased().filter { !$0.isWhitespace && $0 != "-" })
    }

    public static func isValidJoinCode(_ code: String) -> Bool {
        code.count == 6 && code.allSatisfy { joinCodeAlphabet.contains($0) }
    }

    /// Client-chosen ids (notes, nominations): 1–64 of A–Z a–z 0–9 _ -.
    public static func isValidClientId(_ id: String) -> Bool {
        !id.isEmpty && id.utf8.count <= Limits.idCharacters && id.utf8.allSatisfy {
            ($0 >= 48 && $0 <= 57) || ($0 >= 65 && $0 <= 90) || ($0 >= 97 && $0 <= 122) || $0 == 95 || $0 == 45
        }
    }
}
