import ConveneStore
import Foundation
import Glibc

/// The data directory: the event log lives here, and a lock file keeps a second server
/// from writing the same log.
public enum DataDirectory {
    public static func databasePath(_ dir: String) -> String { dir + "/convene.sqlite" }

    public static func prepare(_ dir: String) throws {
        do {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        } catch {
            throw ServerError("Cannot create the data directory \(dir): \(error.localizedDescription)")
        }
        guard access(dir, W_OK) == 0 else {
            throw ServerError("The data directory \(dir) is not writable. Convene refuses to start rather than accept notes it cannot save.")
        }
    }

    /// Holds an exclusive lock on `dir/convene.lock` for the life of the process.
    public static func lock(_ dir: String) throws {
        let fd = open(dir + "/convene.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw ServerError("Cannot create the lock file in \(dir).") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw ServerError("Another Convene server is already using the data directory \(dir).")
        }
        // The descriptor stays open (and locked) until the process ends.
    }
}
