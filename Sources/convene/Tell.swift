import Foundation

/// Writes a line to standard output at once (no buffering): the links `meeting create`
/// prints and the progress of `send-summary` reach a script or a person as they happen.
func tell(_ line: String) {
    try? FileHandle.standardOutput.write(contentsOf: Data((line + "\n").utf8))
}
