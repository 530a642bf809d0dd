import ConveneCore
import FoundationEssentials
import Glibc

/// The data directory: the event log lives here, and a lock file keeps a second server
/// from writing the same log.
public enum DataDirectory {
    public static func databasePath(_ dir: String) -> String { dir + "/convene.sqlite" }

    /// `dir` and every folder above it that is missing (as `mkdir -p`); the reason in the system's words when one cannot be made.
    static func makeFolders(_ dir: String) throws {
        guard !dir.isEmpty else { throw DataDirectoryError("The data directory's name is empty.") }
        var path = dir.hasPrefix("/") ? "" : "."
        for part in dir.split(separator: "/") {
            path += "/" + part
            if mkdir(path, 0o777) != 0 && errno != EEXIST {   // less the umask, as `mkdir -p`
                throw DataDirectoryError("Cannot create the data directory \(dir): \(String(cString: strerror(errno))).")
            }
        }
        var info = stat()
        guard stat(dir, &info) == 0, info.st_mode & S_IFMT == S_IFDIR else {
            throw DataDirectoryError("Cannot create the data directory \(dir): a file of that name is in the way.")
        }
    }

    public static func prepare(_ dir: String) throws {
        try makeFolders(dir)
        guard access(dir, W_OK) == 0 else {
            throw DataDirectoryError("The data directory \(dir) is not writable. Convene refuses to start rather than accept notes it cannot save.")
        }
    }

    /// The directory for the server's owner only (0700), and the database, its WAL and
    /// shared-memory files 0600 — also when an older version left them readable.
    public static func restrict(_ dir: String) {
        chmod(dir, 0o700)
        for suffix in ["", "-wal", "-shm"] { chmod(databasePath(dir) + suffix, 0o600) }
    }

    /// Holds an exclusive lock on `dir/convene.lock` for the life of the process.
    public static func lock(_ dir: String) throws {
        let fd = open(dir + "/convene.lock", O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw DataDirectoryError("Cannot create the lock file in \(dir).") }
        guard flock(fd, LOCK_EX | LOCK_NB) == 0 else {
            close(fd)
            throw DataDirectoryError("Another Convene server is already using the data directory \(dir).")
        }
        // The descriptor stays open (and locked) until the process ends.
    }

    /// The address the server gave its links when it last started with this directory, so
    /// that `convene meeting create` prints links with the port the server really uses.
    public static func recordPublicURL(_ dir: String, _ url: String) {
        try? (url + "\n").write(toFile: dir + "/server-url", atomically: true, encoding: .utf8)
    }

    public static func recordedPublicURL(_ dir: String) -> String? {
        guard let text = try? String(contentsOfFile: dir + "/server-url", encoding: .utf8) else { return nil }
        let url = text.trimmedOfWhiteSpace
        return url.hasPrefix("http://") || url.hasPrefix("https://") ? url : nil
    }

    /// The organizer key of this server: whoever holds it may list every meeting (with its
    /// facilitator key) and create new ones from the browser. Made on first use, kept in
    /// `dir/organizer.key`, readable by the owner only.
    public static func organizerKey(_ dir: String, warn: (String) -> Void) throws -> String {
        let path = dir + "/organizer.key"
        if let text = try? String(contentsOfFile: path, encoding: .utf8) {
            let key = text.trimmedOfWhiteSpace
            guard key.utf8.count >= 16, key.utf8.count <= 128, key.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
                throw DataDirectoryError("\(path) must hold 16 to 128 letters and digits. Delete it to get a new organizer key.")
            }
            var st = stat()
            if stat(path, &st) == 0, st.st_mode & 0o077 != 0 {
                warn("\(path) can be read by other users of this machine; `chmod 600 \(path)` keeps the organizer key private.")
            }
            return key
        }
        var rng = SystemRandomNumberGenerator()
        let key = Identifiers.secret(using: &rng)
        // Written whole to a temporary file, then renamed: a crash never leaves a half key.
        let temporary = path + ".new"
        unlink(temporary)
        let fd = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw DataDirectoryError("Cannot create the organizer key file \(path).") }
        let line = Array((key + "\n").utf8)
        let written = write(fd, line, line.count) == line.count && fsync(fd) == 0
        close(fd)
        guard written, rename(temporary, path) == 0 else {
            unlink(temporary)
            throw DataDirectoryError("Cannot write the organizer key file \(path).")
        }
        return key
    }
}

/// Why the data directory cannot be used, in a sentence for the person running Convene.
public struct DataDirectoryError: Error, CustomStringConvertible {
    public var description: String
    public init(_ description: String) { self.description = description }
}
