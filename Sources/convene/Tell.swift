import FoundationEssentials
import ConveneStore
import Glibc

/// Writes a line to standard output at once (no buffering): the links `meeting create`
/// prints and the progress of `send-summary` reach a script or a person as they happen.
func tell(_ line: String) {
    writeWhole(line + "\n", to: STDOUT_FILENO)
}
