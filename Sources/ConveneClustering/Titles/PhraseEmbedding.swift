/// Embeds short phrases with the same model as the notes (the server and the command line
/// pass the sentence embedder; tests may pass nothing, and titles then rank by coverage).
public protocol PhraseEmbedding: Sendable {
    func embed(_ phrases: [String]) -> [[Float]]
}

/// A `PhraseEmbedding` from a function (e.g. `{ model.embed($0) }`).
public struct PhraseEmbedder: PhraseEmbedding {
    let function: @Sendable ([String]) -> [[Float]]
    public init(_ function: @escaping @Sendable ([String]) -> [[Float]]) { self.function = function }
    public func embed(_ phrases: [String]) -> [[Float]] { function(phrases) }
}
