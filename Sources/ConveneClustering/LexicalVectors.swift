import ConveneLanguage

/// Lexical features for when the embedding model is not available: stemmed words (the
/// caller passes a stemmer — the server and CLI pass Snowball's English stemmer; this
/// module stays free of C libraries) and character trigrams (for typos), hashed into a fixed-size signed vector and
/// normalised, so the same clustering code runs on them. Much weaker than embeddings on
/// paraphrased notes (see the data README), but better than nothing.
public enum LexicalVectors {
    public static let dimensions = 1024

    public static func vector(_ text: String, stem stemmer: (String) -> String = crudeStem) -> [Float] {
        var v = [Float](repeating: 0, count: dimensions)
        for (key, _) in ThemeLabeler.words(text) where !EnglishWords.stopWords.contains(key) {
            let stem = stemmer(key)
            add(&v, "w:" + stem, weight: 1)
            let padded = Array("<" + stem + ">")
            if padded.count >= 3 {
                for i in 0...(padded.count - 3) { add(&v, "c:" + String(padded[i..<(i + 3)]), weight: 0.3) }
            }
        }
        return Vectors.normalized(v)
    }

    /// A few English suffixes, for when no real stemmer is at hand.
    public static func crudeStem(_ word: String) -> String {
        for suffix in ["ing", "ers", "ies", "es", "ed", "er", "s"] where word.count > suffix.count + 3 && word.hasSuffix(suffix) {
            return String(word.dropLast(suffix.count))
        }
        return word
    }

    /// FNV-1a: stable across runs and machines (Swift's Hasher is seeded per process).
    static func add(_ v: inout [Float], _ feature: String, weight: Float) {
        var h: UInt64 = 0xcbf29ce484222325
        for b in feature.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        let index = Int(h % UInt64(dimensions))
        v[index] += (h >> 63) == 0 ? weight : -weight
    }
}
