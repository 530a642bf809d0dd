/// Reads typed fields from a JSON object, throwing a readable error for a missing or wrong one.
struct FieldReader {
    let value: JSONValue
    init(_ value: JSONValue) { self.value = value }

    func string(_ key: String) throws -> String {
        guard let s = value[key]?.stringValue else { throw EventDecodingError(description: "missing string \(key)") }
        return s
    }
    func optionalString(_ key: String) throws -> String? {
        guard let v = value[key], !v.isNull else { return nil }
        guard let s = v.stringValue else { throw EventDecodingError(description: "\(key) is not a string") }
        return s
    }
    func bool(_ key: String) throws -> Bool {
        guard let b = value[key]?.boolValue else { throw EventDecodingError(description: "missing boolean \(key)") }
        return b
    }
    func int(_ key: String) throws -> Int64 {
        guard let i = value[key]?.intValue else { throw EventDecodingError(description: "missing number \(key)") }
        return i
    }
    func stringList(_ key: String) throws -> [String] {
        guard let a = value[key]?.arrayValue else { throw EventDecodingError(description: "missing list \(key)") }
        return try a.map { guard let s = $0.stringValue else { throw EventDecodingError(description: "bad \(key)") }; return s }
    }
}
