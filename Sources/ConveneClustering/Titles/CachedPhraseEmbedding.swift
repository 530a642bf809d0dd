import Synchronization

/// Remembers the vectors of phrases already embedded. Titling a theme embeds about 150
/// candidate phrases and pairs; when a note arrives the same candidates come back for its
/// theme, so without this each placement would embed them all again (about 200 ms of CPU per
/// note on the meeting walls, against a few ms with it). Bounded: past `capacity` phrases
/// (1.5 KB each) it starts afresh, so a long-running server does not grow.
public final class CachedPhraseEmbedding: PhraseEmbedding {
    private let model: PhraseEmbedding
    private let capacity: Int
    private let vectors = Mutex<[String: [Float]]>([:])

    public init(_ model: PhraseEmbedding, capacity: Int = 4000) {
        self.model = model
        self.capacity = capacity
    }

    public func embed(_ phrases: [String]) -> [[Float]] {
        let known = vectors.withLock { cache in phrases.map { cache[$0] } }
        var missing: [String] = [], seen: Set<String> = []
        for (phrase, vector) in zip(phrases, known) where vector == nil && seen.insert(phrase).inserted { missing.append(phrase) }
        guard !missing.isEmpty else { return known.map { $0! } }
        let fresh = Dictionary(zip(missing, model.embed(missing)), uniquingKeysWith: { a, _ in a })
        vectors.withLock { cache in
            if cache.count + fresh.count > capacity { cache.removeAll(keepingCapacity: true) }
            cache.merge(fresh) { a, _ in a }
        }
        return zip(phrases, known).map { phrase, vector in vector ?? fresh[phrase] ?? [] }
    }
}
