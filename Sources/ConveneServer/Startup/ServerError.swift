/// A reason the server cannot start or go on, in a sentence for the person running it.
public struct ServerError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
