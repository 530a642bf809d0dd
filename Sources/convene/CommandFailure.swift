/// A command that cannot do what was asked, in a sentence for the person who typed it.
struct CommandFailure: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
