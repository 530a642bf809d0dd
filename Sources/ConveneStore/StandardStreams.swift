import Glibc

/// Writes `text` to a file descriptor whole and at once (no buffering): log lines, the links
/// `meeting create` prints, progress lines people and scripts wait for. Retries when
/// interrupted; any other failure (a full disk, a closed terminal) is ignored, never a crash.
/// POSIX `write` rather than Foundation's `FileHandle`, so that the program links only
/// FoundationEssentials (docs/BENCHMARKS.md).
public func writeWhole(_ text: String, to descriptor: Int32) {
    let bytes = Array(text.utf8)
    var done = 0
    while done < bytes.count {
        let n = bytes.withUnsafeBytes { write(descriptor, $0.baseAddress! + done, bytes.count - done) }
        if n > 0 { done += n } else if n < 0 && errno == EINTR { continue } else { return }
    }
}
