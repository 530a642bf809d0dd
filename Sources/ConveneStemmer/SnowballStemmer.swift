import CStemmer

/// The Snowball English stemmer (Debian's libstemmer) for the lexical similarity used when
/// the embedding model is absent: "welders", "welding" and "weld" meet at "weld".
/// An instance is not thread-safe; use one per thread.
public final class SnowballStemmer {
    private let stemmer: OpaquePointer?

    public init() {
        stemmer = sb_stemmer_new("english", "UTF_8")
    }

    deinit { sb_stemmer_delete(stemmer) }

    public func stem(_ word: String) -> String {
        guard let stemmer else { return word }
        var bytes = Array(word.utf8)
        guard !bytes.isEmpty, bytes.count < 256 else { return word }
        return bytes.withUnsafeMutableBufferPointer { b -> String in
            guard let out = sb_stemmer_stem(stemmer, b.baseAddress, Int32(b.count)) else { return word }
            let length = Int(sb_stemmer_length(stemmer))
            return String(decoding: UnsafeBufferPointer(start: out, count: length), as: UTF8.self)
        }
    }
}
