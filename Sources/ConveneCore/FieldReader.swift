/// Reads the stored body of an event with the same field reader as a client's message
/// (`Fields`); only the error differs: a stored event that does not read back is a damaged
/// log (`EventDecodingError`), not a person's mistake.
struct FieldReader {
    let fields: Fields
    init(_ value: JSONValue) { fields = Fields(value) }

    private func read<T>(_ body: () throws(CommandError) -> T) throws -> T {
        do { return try body() } catch { throw EventDecodingError(description: error.message) }
    }

    func string(_ key: String) throws -> String { try read { () throws(CommandError) in try fields.string(key, max: .max) } }
    func optionalString(_ key: String) throws -> String? { try read { () throws(CommandError) in try fields.optionalString(key, max: .max) } }
    func bool(_ key: String) throws -> Bool { try read { () throws(CommandError) in try fields.bool(key) } }
    func optionalBool(_ key: String) throws -> Bool? { try read { () throws(CommandError) in try fields.optionalBool(key) } }
    func int(_ key: String) throws -> Int64 { try read { () throws(CommandError) in try fields.int(key) } }
    func stringList(_ key: String) throws -> [String] { try read { () throws(CommandError) in try fields.stringList(key) } }
}
