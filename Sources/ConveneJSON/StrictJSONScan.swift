import ConveneCore

/// What json-c lets through, even in strict mode, and RFC 8259 or this protocol does not:
/// single-quoted strings, NaN and Infinity, raw control bytes inside a string, an escaped
/// surrogate without its pair (json-c stores U+FFFD: the text would not be what was typed),
/// integers beyond 64 bits (json-c clamps them: a `req` echoed back would not be the
/// client's), and a key given twice in one object (json-c keeps the last: a message would
/// not mean what its first reader takes it to mean). A byte scan beside json-c's parse,
/// not a second parser: it reads only what it must to find these.
enum StrictJSONScan {
    /// Checks `bytes` (which json-c has parsed) and returns the number of key–value pairs
    /// written in each object, in the order the objects open; the caller compares them with
    /// the parsed objects' pairs (a key given twice leaves one pair fewer).
    static func check(_ bytes: UnsafeRawBufferPointer) throws(JSONCodec.ParseError) -> [Int] {
        var pairs: [Int] = []
        var open: [Int?] = []   // per open container: its index in `pairs` (an object) or nil (a list)
        var i = 0
        let n = bytes.count
        func fail(_ why: String) -> JSONCodec.ParseError { JSONCodec.ParseError(description: why) }
        while i < n {
            let b = bytes[i]
            switch b {
            case 0x22:   // "
                i = try endOfString(bytes, from: i + 1)
                continue
            case 0x27:   // '
                throw fail("strings must use double quotes")
            case 0x7B:   // {
                open.append(pairs.count)
                pairs.append(0)
            case 0x5B:   // [
                open.append(nil)
            case 0x7D, 0x5D:   // } ]
                if !open.isEmpty { open.removeLast() }
            case 0x3A:   // : after a key
                if let last = open.last, let object = last { pairs[object] += 1 }
            case 0x2D, 0x30...0x39:   // - and digits: a number
                var j = i + 1
                var whole = true
                while j < n, [0x2B, 0x2D, 0x2E, 0x45, 0x65].contains(bytes[j]) || (0x30...0x39).contains(bytes[j]) {
                    if bytes[j] == 0x2E || bytes[j] == 0x45 || bytes[j] == 0x65 { whole = false }
                    j += 1
                }
                if whole, j - i > 18, Int64(String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self)) == nil {
                    throw fail("a whole number beyond 64 bits")
                }
                i = j
                continue
            case 0x41...0x5A, 0x61...0x7A:   // letters: only true, false and null are words in JSON
                var j = i
                while j < n, (0x41...0x5A).contains(bytes[j]) || (0x61...0x7A).contains(bytes[j]) { j += 1 }
                let word = String(decoding: UnsafeRawBufferPointer(rebasing: bytes[i..<j]), as: UTF8.self)
                guard word == "true" || word == "false" || word == "null" else {
                    throw fail("\(word.prefix(20)) is not JSON (only true, false, null, numbers, strings, lists and objects are)")
                }
                i = j
                continue
            default:
                break
            }
            i += 1
        }
        return pairs
    }

    /// The index just past the closing quote of the string whose content starts at `start`.
    private static func endOfString(_ bytes: UnsafeRawBufferPointer, from start: Int) throws(JSONCodec.ParseError) -> Int {
        var i = start
        let n = bytes.count
        func hex(_ at: Int) -> Int? {
            guard at + 4 <= n else { return nil }
            var v = 0
            for k in at..<(at + 4) {
                let c = bytes[k]
                switch c {
                case 0x30...0x39: v = v * 16 + Int(c - 0x30)
                case 0x41...0x46: v = v * 16 + Int(c - 0x41 + 10)
                case 0x61...0x66: v = v * 16 + Int(c - 0x61 + 10)
                default: return nil
                }
            }
            return v
        }
        while i < n {
            let b = bytes[i]
            if b == 0x22 { return i + 1 }
            if b < 0x20 { throw JSONCodec.ParseError(description: "a control character inside a string (write it as an escape)") }
            if b == 0x5C, i + 1 < n {
                if bytes[i + 1] == 0x75, let unit = hex(i + 2) {   // \uXXXX
                    if (0xDC00...0xDFFF).contains(unit) {
                        throw JSONCodec.ParseError(description: "an escaped surrogate without its pair")
                    }
                    if (0xD800...0xDBFF).contains(unit) {
                        guard i + 7 < n, bytes[i + 6] == 0x5C, bytes[i + 7] == 0x75, let low = hex(i + 8), (0xDC00...0xDFFF).contains(low) else {
                            throw JSONCodec.ParseError(description: "an escaped surrogate without its pair")
                        }
                        i += 12
                        continue
                    }
                    i += 6
                    continue
                }
                i += 2
                continue
            }
            i += 1
        }
        return n
    }

    /// The number of pairs of each object in `value`, in the order the objects open.
    static func pairCounts(of value: JSONValue) -> [Int] {
        var counts: [Int] = []
        func walk(_ v: JSONValue) {
            switch v {
            case .object(let pairs):
                counts.append(pairs.count)
                for (_, child) in pairs { walk(child) }
            case .array(let items):
                items.forEach(walk)
            default:
                break
            }
        }
        walk(value)
        return counts
    }
}
