import ConveneLanguage

/// How alike two notes of one wall are, by the wall's own statistics. On a meeting wall
/// every note is about one industry in one region, so raw sentence embeddings all point
/// the same way; what separates themes is how a note differs from the rest of its wall.
/// So each embedding is centred on the wall's mean (per language: a Spanish note is
/// centred on the wall's Spanish notes, so that language is not what groups it), and a
/// small share of TF-IDF over the wall's words is blended in (shared rare words: "TWIC",
/// "childcare"). No constant here is fitted to a particular wall.
public struct WallSpace: Sendable {
    /// Share of lexical similarity in the blend (the rest is the centred embedding).
    public static let lexicalWeight: Float = 0.2
    /// Notes a wall needs before its own mean says what all its notes share.
    public static let minimumForCentring = 8

    /// Centred, unit-length embeddings, one per note.
    let embeddings: [[Float]]
    /// Unit TF-IDF vectors over the wall's vocabulary, one per note.
    let lexical: [SparseVector]
    let vocabulary: [String: Int]
    let idf: [Float]
    /// The mean each language's notes were centred on (to place a label's vector too).
    let means: [Language: [Float]]

    /// The space of a wall's notes.
    public init(_ notes: [WallNote]) {
        self.init(vectors: notes.map(\.vector), words: notes.map(\.words))
    }

    public init(vectors: [[Float]], texts: [String]) {
        self.init(vectors: vectors, words: texts.map { NoteWords($0) })
    }

    init(vectors: [[Float]], words noteWords: [NoteWords]) {
        let languages = noteWords.map(\.language)
        let dims = vectors.first?.count ?? 0
        var means: [Language: [Float]] = [:]
        let overall = Self.mean(vectors, dims)
        for language in Set(languages + [.english]) {
            let rows = zip(vectors, languages).filter { $0.1 == language }.map(\.0)
            // A language with fewer than two notes on the wall has no mean of its own.
            means[language] = rows.count >= 2 ? Self.mean(rows, dims) : overall
        }
        // A handful of notes is not yet a wall: its mean is mostly the notes themselves, and
        // centring would erase them. Below `minimumForCentring` notes, raw vectors are used.
        if vectors.count < Self.minimumForCentring {
            for key in Array(means.keys) { means[key] = [Float](repeating: 0, count: dims) }
        }
        self.means = means
        embeddings = zip(vectors, languages).map { v, language in
            let mu = means[language] ?? overall
            return Vectors.normalized(zip(v, mu).map { $0 - $1 })
        }
        // TF-IDF over the wall's words.
        let words = noteWords.map(\.lexicalKeys)
        var df: [String: Int] = [:]
        for w in words { for key in Set(w) { df[key, default: 0] += 1 } }
        var vocabulary: [String: Int] = [:]
        for key in df.keys.sorted() { vocabulary[key] = vocabulary.count }
        let n = Float(noteWords.count)
        var idf = [Float](repeating: 0, count: vocabulary.count)
        // A word on every note of the wall (the industry's name) says nothing about themes: weight 0.
        for (key, index) in vocabulary { idf[index] = naturalLog((1 + n) / (1 + Float(df[key]!))) }
        self.vocabulary = vocabulary
        self.idf = idf
        lexical = words.map { Self.tfidf($0, vocabulary, idf) }
    }

    public var count: Int { embeddings.count }

    /// Blended similarity of notes i and j.
    public func similarity(_ i: Int, _ j: Int) -> Float {
        (1 - Self.lexicalWeight) * Vectors.dot(embeddings[i], embeddings[j]) + Self.lexicalWeight * lexical[i].dot(lexical[j])
    }

    /// Every pair, row-major n × n (diagonal 1): the same values as `similarity(i, j)`.
    public func similarityMatrix() -> [Float] {
        let n = count
        var out = [Float](repeating: 1, count: n * n)
        let dims = embeddings.first?.count ?? 0
        guard n > 1, embeddings.allSatisfy({ $0.count == dims }) else {
            for i in 0..<n { for j in (i + 1)..<max(i + 1, n) {
                let s = similarity(i, j)
                out[i * n + j] = s; out[j * n + i] = s
            } }
            return out
        }
        // The embeddings in one buffer, a note compared with four others at a time: each piece
        // of it is loaded once for four products (on 1,000 notes this step took a fifth of a
        // regrouping). Each product is summed exactly as `Vectors.dot` sums it.
        let flat = embeddings.flatMap { $0 }
        var products = [Float](repeating: 0, count: 4)
        flat.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            func store(_ i: Int, _ j: Int, _ product: Float) {
                let s = (1 - Self.lexicalWeight) * product + Self.lexicalWeight * lexical[i].dot(lexical[j])
                out[i * n + j] = s; out[j * n + i] = s
            }
            for i in 0..<n {
                let a = base + i * dims
                var j = i + 1
                while j + 4 <= n {
                    Vectors.dot4(a, base + j * dims, dims, into: &products)
                    for k in 0..<4 { store(i, j + k, products[k]) }
                    j += 4
                }
                while j < n { store(i, j, Vectors.dot(a, base + j * dims, dims)); j += 1 }
            }
        }
        return out
    }

    /// A theme's position in this space: weighted members, minus counter-examples, plus the
    /// facilitator's label (a text and its embedding) when given.
    public struct Centroid: Sendable {
        var embedding: [Float]
        var lexical: SparseVector
    }

    public func centroid(members: [(index: Int, weight: Float)], counterExamples: [Int] = [],
                         label: (text: String, vector: [Float], weight: Float)? = nil) -> Centroid? {
        guard !members.isEmpty || label != nil else { return nil }
        let dims = embeddings.first?.count ?? label?.vector.count ?? 0
        var e = [Float](repeating: 0, count: dims)
        var l = [Float](repeating: 0, count: vocabulary.count)
        for (i, w) in members {
            for d in 0..<dims { e[d] += w * embeddings[i][d] }
            lexical[i].add(into: &l, weight: w)
        }
        // A note the facilitator moved out of this theme pulls its centre away from it.
        for i in counterExamples {
            for d in 0..<dims { e[d] -= embeddings[i][d] }
            lexical[i].add(into: &l, weight: -1)
        }
        if let label {
            let centred = Vectors.normalized(zip(label.vector, means[.english] ?? label.vector).map { $0 - $1 })
            for d in 0..<min(dims, centred.count) { e[d] += label.weight * centred[d] }
            Self.tfidf(Self.lexicalKeys(label.text), vocabulary, idf).add(into: &l, weight: label.weight)
        }
        return Centroid(embedding: Vectors.normalized(e), lexical: SparseVector(dense: l).normalized())
    }

    public func similarity(_ i: Int, to c: Centroid) -> Float {
        (1 - Self.lexicalWeight) * Vectors.dot(embeddings[i], c.embedding) + Self.lexicalWeight * lexical[i].dot(c.lexical)
    }

    public func similarity(_ a: Centroid, _ b: Centroid) -> Float {
        (1 - Self.lexicalWeight) * Vectors.dot(a.embedding, b.embedding) + Self.lexicalWeight * a.lexical.dot(b.lexical)
    }

    // MARK: - Helpers

    static func mean(_ rows: [[Float]], _ dims: Int) -> [Float] {
        var m = [Float](repeating: 0, count: dims)
        guard !rows.isEmpty else { return m }
        for r in rows { for d in 0..<min(dims, r.count) { m[d] += r[d] } }
        return m.map { $0 / Float(rows.count) }
    }

    /// Content words, cut to six letters: a stem good enough for plurals in English and
    /// Spanish ("welders"/"welding", "trabajadores"/"trabajo").
    static func lexicalKeys(_ text: String) -> [String] { lexicalKeys(words: ThemeLabeler.words(text).map(\.key)) }

    static func lexicalKeys(words: [String]) -> [String] {
        words.filter { !EnglishWords.stopWords.contains($0) && !Language.spanishFunctionWords.contains($0) && $0.count >= 3 }
            .map { String($0.prefix(6)) }
    }

    static func tfidf(_ keys: [String], _ vocabulary: [String: Int], _ idf: [Float]) -> SparseVector {
        SparseVector(keys.compactMap { key in vocabulary[key].map { ($0, idf[$0]) } }).normalized()
    }
}
