import FoundationEssentials
// The standard library's canonical decomposition (NFD), which it uses itself to compare
// strings: the tokenizer strips accents through it. Foundation's
// `decomposedStringWithCanonicalMapping` does the same through ICU, and would link the rest
// of Foundation and its ICU data into the server (about 6 MB resident; docs/BENCHMARKS.md).
// The reference texts' token ids (accents included) hold it to the model's own tokenizer.
@_spi(_Unicode) import Swift

/// BERT's uncased tokenizer, as all-MiniLM-L6-v2 uses it: basic tokenization (clean
/// control characters, spaces around CJK ideographs, lower-case, strip accents through NFD,
/// split on whitespace and punctuation), then greedy longest-match-first WordPiece, wrapped
/// in [CLS] … [SEP] and cut to `maxTokens`.
public struct WordPieceTokenizer: Sendable {
    public let vocabulary: [String: Int32]
    public let maxTokens: Int
    let cls: Int32, sep: Int32, unk: Int32
    static let maxCharactersPerWord = 100

    public init(vocabularyFile path: String, maxTokens: Int = 256) throws {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else {
            throw ModelError("Cannot read the vocabulary \(path).")
        }
        var vocab: [String: Int32] = [:]
        var index: Int32 = 0
        // One token a line, its id the line's number: lines end at any line break ("\r\n" is
        // one), and a break at the end of the file ends the last line, it does not start one.
        let lines = text.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline)
        for line in lines.dropLast(text.last?.isNewline == true ? 1 : 0) {
            vocab[String(line)] = index
            index += 1
        }
        guard let cls = vocab["[CLS]"], let sep = vocab["[SEP]"], let unk = vocab["[UNK]"], vocab.count > 1000 else {
            throw ModelError("The vocabulary \(path) is not a BERT vocabulary.")
        }
        self.vocabulary = vocab
        self.maxTokens = maxTokens
        self.cls = cls; self.sep = sep; self.unk = unk
    }

    /// Token ids of `text`, with [CLS] and [SEP].
    public func tokenize(_ text: String) -> [Int32] {
        var ids: [Int32] = [cls]
        outer: for word in basicTokens(text) {
            for id in wordPieces(word) {
                if ids.count == maxTokens - 1 { break outer }
                ids.append(id)
            }
        }
        ids.append(sep)
        return ids
    }

    // MARK: Basic tokenization

    func basicTokens(_ text: String) -> [[Unicode.Scalar]] {
        // Clean: drop NUL, U+FFFD and control characters; every whitespace becomes a space;
        // put spaces around CJK ideographs so each is a word of its own.
        var cleaned = String.UnicodeScalarView()
        for s in text.unicodeScalars {
            if s.value == 0 || s.value == 0xFFFD || Self.isControl(s) { continue }
            if Self.isWhitespace(s) {
                cleaned.append(" ")
            } else if Self.isCJK(s.value) {
                cleaned.append(" "); cleaned.append(s); cleaned.append(" ")
            } else {
                cleaned.append(s)
            }
        }
        var words: [[Unicode.Scalar]] = []
        for chunk in String(cleaned).split(whereSeparator: { $0.unicodeScalars.allSatisfy { $0.properties.isWhitespace } }) {
            // Lower-case, then strip accents: decompose (NFD) and drop non-spacing marks.
            let lowered = String(chunk).lowercased()
            var current: [Unicode.Scalar] = []
            for s in lowered._nfd {
                if s.properties.generalCategory == .nonspacingMark { continue }
                if s.properties.isWhitespace {
                    if !current.isEmpty { words.append(current); current = [] }
                } else if Self.isPunctuation(s) {
                    if !current.isEmpty { words.append(current); current = [] }
                    words.append([s])
                } else {
                    current.append(s)
                }
            }
            if !current.isEmpty { words.append(current) }
        }
        return words
    }

    func wordPieces(_ word: [Unicode.Scalar]) -> [Int32] {
        if word.count > Self.maxCharactersPerWord { return [unk] }
        var pieces: [Int32] = []
        var start = 0
        while start < word.count {
            var end = word.count
            var found: Int32?
            while start < end {
                var piece = start > 0 ? "##" : ""
                piece.unicodeScalars.append(contentsOf: word[start..<end])
                if let id = vocabulary[piece] { found = id; break }
                end -= 1
            }
            guard let id = found else { return [unk] }
            pieces.append(id)
            start = end
        }
        return pieces
    }

    static func isWhitespace(_ s: Unicode.Scalar) -> Bool {
        s == " " || s == "\t" || s == "\n" || s == "\r" || s.properties.generalCategory == .spaceSeparator
    }

    static func isControl(_ s: Unicode.Scalar) -> Bool {
        if s == "\t" || s == "\n" || s == "\r" { return false }
        switch s.properties.generalCategory {
        case .control, .format, .surrogate, .privateUse, .unassigned: return true
        default: return false
        }
    }

    static func isPunctuation(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if (33...47).contains(v) || (58...64).contains(v) || (91...96).contains(v) || (123...126).contains(v) { return true }
        switch s.properties.generalCategory {
        case .connectorPunctuation, .dashPunctuation, .openPunctuation, .closePunctuation,
             .initialPunctuation, .finalPunctuation, .otherPunctuation: return true
        default: return false
        }
    }

    static func isCJK(_ v: UInt32) -> Bool {
        (0x4E00...0x9FFF).contains(v) || (0x3400...0x4DBF).contains(v) || (0x20000...0x2A6DF).contains(v)
            || (0x2A700...0x2B73F).contains(v) || (0x2B740...0x2B81F).contains(v) || (0x2B820...0x2CEAF).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0x2F800...0x2FA1F).contains(v)
    }
}
