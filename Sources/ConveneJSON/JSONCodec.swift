import CJSONC
import ConveneCore

/// The wire format: JSON text <-> `JSONValue`, through json-c. This is the only file that
/// touches json-c.
public enum JSONCodec {
    public struct ParseError: Error, CustomStringConvertible {
        public var description: String
    }

    /// Deepest nesting accepted (docs/PROTOCOL.md: 20 levels); no valid message comes close.
    public static let maxDepth = 20

    /// Parses exactly one JSON document filling the whole input (whitespace around it is
    /// fine, anything else after it is an error). The input need not be NUL-terminated.
    /// `strict` (what comes from the network): also refuses what json-c lets through and
    /// RFC 8259 does not (`StrictJSONScan`). The event log reads its own writing with
    /// `strict: false`, so that no stricter rule can ever stop a restart from replaying it.
    public static func parse(_ bytes: UnsafeRawBufferPointer, strict: Bool = true) throws -> JSONValue {
        // json-c's depth counts one more than the levels it lets through.
        guard let tok = json_tokener_new_ex(Int32(maxDepth + 1)) else { throw ParseError(description: "out of memory") }
        defer { json_tokener_free(tok) }
        json_tokener_set_flags(tok, Int32(JSON_TOKENER_STRICT | JSON_TOKENER_VALIDATE_UTF8))
        guard let base = bytes.baseAddress?.assumingMemoryBound(to: CChar.self), bytes.count > 0 else {
            throw ParseError(description: "the message is empty")
        }
        guard bytes.count < Int(Int32.max) else { throw ParseError(description: "too large") }
        let obj = json_tokener_parse_ex(tok, base, Int32(bytes.count))
        let err = json_tokener_get_error(tok)
        if err == json_tokener_continue {
            throw ParseError(description: "the JSON ends too early")
        }
        guard err == json_tokener_success else {
            throw ParseError(description: String(cString: json_tokener_error_desc(err)))
        }
        defer { json_object_put(obj) }
        let end = Int(json_tokener_get_parse_end(tok))
        if end < bytes.count {
            let rest = bytes[end...]
            if !rest.allSatisfy({ $0 == 0x20 || $0 == 0x0A || $0 == 0x0D || $0 == 0x09 }) {
                throw ParseError(description: "unexpected text after the JSON")
            }
        }
        let value = convert(obj)
        if strict, try StrictJSONScan.check(bytes) != StrictJSONScan.pairCounts(of: value) {
            throw ParseError(description: "a key appears twice in one object")
        }
        return value
    }

    public static func parse(_ bytes: [UInt8], strict: Bool = true) throws -> JSONValue {
        try bytes.withUnsafeBytes { try parse($0, strict: strict) }
    }

    public static func parse(_ text: String, strict: Bool = true) throws -> JSONValue {
        try parse(Array(text.utf8), strict: strict)
    }

    private static func convert(_ obj: OpaquePointer?) -> JSONValue {
        guard let obj else { return .null }
        switch json_object_get_type(obj) {
        case json_type_null: return .null
        case json_type_boolean: return .bool(json_object_get_boolean(obj) != 0)
        case json_type_int: return .int(json_object_get_int64(obj))
        case json_type_double: return .double(json_object_get_double(obj))
        case json_type_string:
            let len = Int(json_object_get_string_len(obj))
            guard let p = json_object_get_string(obj) else { return .string("") }
            let buffer = UnsafeRawBufferPointer(start: p, count: len)
            return .string(String(decoding: buffer, as: UTF8.self))
        case json_type_array:
            let n = json_object_array_length(obj)
            return .array((0..<n).map { convert(json_object_array_get_idx(obj, $0)) })
        case json_type_object:
            var pairs: [(String, JSONValue)] = []
            var it = json_object_iter_begin(obj)
            var end = json_object_iter_end(obj)
            while json_object_iter_equal(&it, &end) == 0 {
                let name = String(cString: json_object_iter_peek_name(&it))
                pairs.append((name, convert(json_object_iter_peek_value(&it))))
                json_object_iter_next(&it)
            }
            return .object(pairs)
        default: return .null
        }
    }

    /// Prints compact JSON ("/" is not escaped).
    public static func serialize(_ value: JSONValue) -> [UInt8] {
        let obj = build(value)
        defer { json_object_put(obj) }
        var length = 0
        guard let text = json_object_to_json_string_length(obj, JSON_C_TO_STRING_PLAIN | JSON_C_TO_STRING_NOSLASHESCAPE, &length) else {
            return Array("null".utf8)
        }
        // Copy before json_object_put frees the string.
        return Array(UnsafeRawBufferPointer(start: text, count: length))
    }

    public static func serializeString(_ value: JSONValue) -> String {
        String(decoding: serialize(value), as: UTF8.self)
    }

    private static func build(_ value: JSONValue) -> OpaquePointer? {
        switch value {
        case .null: return nil
        case .bool(let b): return json_object_new_boolean(b ? 1 : 0)
        case .int(let i): return json_object_new_int64(i)
        case .double(let d): return json_object_new_double(d)
        case .string(let s) where s.isEmpty:
            return json_object_new_string("")
        case .string(let s):
            var s = s
            return s.withUTF8 { u in
                u.withMemoryRebound(to: CChar.self) { json_object_new_string_len($0.baseAddress, Int32($0.count)) }
            }
        case .array(let items):
            let arr = json_object_new_array_ext(Int32(items.count))
            for item in items { json_object_array_add(arr, build(item)) }
            return arr
        case .object(let pairs):
            let obj = json_object_new_object()
            for (key, v) in pairs { json_object_object_add(obj, key, build(v)) }
            return obj
        }
    }
}
