/// Typed access to a message's fields with protocol errors.
struct Fields {
    let json: JSONValue
    init(_ json: JSONValue) { self.json = json }

    func string(_ key: String, max: Int = 256) throws(CommandError) -> String {
        guard let v = json[key], !v.isNull else { throw CommandError(.badMessage, "Missing field \"\(key)\".") }
        guard let s = v.stringValue else { throw CommandError(.badMessage, "\"\(key)\" must be a string, not \(v.typeName).") }
        guard s.utf8.count <= max else { throw CommandError(.invalid, "\"\(key)\" is too long.") }
        return s
    }
    func optionalString(_ key: String, max: Int = 256) throws(CommandError) -> String? {
        guard let v = json[key], !v.isNull else { return nil }
        return try string(key, max: max)
    }
    func bool(_ key: String) throws(CommandError) -> Bool {
        guard let b = try optionalBool(key) else { throw CommandError(.badMessage, "Missing field \"\(key)\".") }
        return b
    }
    func int(_ key: String) throws(CommandError) -> Int64 {
        guard let i = try optionalInt(key) else { throw CommandError(.badMessage, "Missing field \"\(key)\".") }
        return i
    }
    func stringList(_ key: String) throws(CommandError) -> [String] {
        guard let v = json[key], !v.isNull else { throw CommandError(.badMessage, "Missing field \"\(key)\".") }
        guard let items = v.arrayValue else { throw CommandError(.badMessage, "\"\(key)\" must be a list, not \(v.typeName).") }
        return try items.map { item throws(CommandError) in
            guard let s = item.stringValue else { throw CommandError(.badMessage, "\"\(key)\" must hold only strings.") }
            return s
        }
    }
    func optionalBool(_ key: String) throws(CommandError) -> Bool? {
        guard let v = json[key], !v.isNull else { return nil }
        guard let b = v.boolValue else { throw CommandError(.badMessage, "\"\(key)\" must be true or false, not \(v.typeName).") }
        return b
    }
    func optionalInt(_ key: String) throws(CommandError) -> Int64? {
        guard let v = json[key], !v.isNull else { return nil }
        guard let i = v.intValue else { throw CommandError(.badMessage, "\"\(key)\" must be a whole number, not \(v.typeName).") }
        return i
    }
    func noteKind(_ key: String) throws(CommandError) -> NoteKind {
        guard let kind = NoteKind(rawValue: try string(key)) else {
            throw CommandError(.badMessage, "\"\(key)\" must be \"opportunity\" or \"requirement\".")
        }
        return kind
    }
    func clientId(_ key: String) throws(CommandError) -> String {
        let s = try string(key, max: 256)
        guard Identifiers.isValidClientId(s) else {
            throw CommandError(.badMessage, "\"\(key)\" must be 1–\(Limits.idCharacters) letters, digits, '-' or '_'.")
        }
        return s
    }
    func optionalClientId(_ key: String) throws(CommandError) -> String? {
        guard let v = json[key], !v.isNull else { return nil }
        return try clientId(key)
    }
}
