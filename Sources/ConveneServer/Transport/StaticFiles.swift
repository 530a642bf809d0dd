import FoundationEssentials
import Glibc

/// The pages, read into memory once at start. Requests are answered from this table by
/// exact path only, so no request can reach a file outside it: `..`, encoded forms and
/// symlinks pointing elsewhere have nothing to resolve against.
public struct StaticFiles: Sendable {
    public struct File: Sendable {
        public var body: [UInt8]
        public var contentType: String
    }

    public private(set) var files: [String: File] = [:]

    static let contentTypes: [String: String] = [
        "html": "text/html; charset=utf-8", "js": "text/javascript; charset=utf-8",
        "mjs": "text/javascript; charset=utf-8", "css": "text/css; charset=utf-8",
        "svg": "image/svg+xml", "png": "image/png", "ico": "image/x-icon",
        "json": "application/json", "webmanifest": "application/manifest+json", "txt": "text/plain; charset=utf-8",
    ]

    public init(directory: String) throws {
        // The folder itself may be reached through a link (an installed tree); what is in it may not.
        guard let resolved = realpath(directory, nil) else {
            throw StaticFilesError(message: "Cannot read the pages folder \(directory).")
        }
        let root = String(cString: resolved)
        free(resolved)
        guard try read(folder: root, as: "") else { throw StaticFilesError(message: "Cannot read the pages folder \(directory).") }
        if let index = files["/index.html"] { files["/"] = index }
    }

    /// Every regular file under `folder` whose type is known, by its path from the root
    /// ("/phone.js", "/fonts/x.svg"). Symbolic links are skipped (a link could point anywhere
    /// on the machine), and so are hidden files and folders. False when `folder` cannot be read
    /// (a sub-folder that cannot is passed over).
    @discardableResult
    private mutating func read(folder: String, as relative: String) throws -> Bool {
        guard let dir = opendir(folder) else { return false }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            if !name.hasPrefix(".") { names.append(name) }
        }
        closedir(dir)
        for name in names.sorted() {
            let path = folder + "/" + name, inside = relative + "/" + name
            var info = stat()
            guard lstat(path, &info) == 0 else { continue }
            switch info.st_mode & S_IFMT {
            case S_IFDIR:
                try read(folder: path, as: inside)
            case S_IFREG:
                let parts = name.split(separator: ".")
                guard parts.count > 1, let type = Self.contentTypes[parts.last!.lowercased()] else { continue }
                files[inside] = File(body: Array(try Data(contentsOf: URL(fileURLWithPath: path))), contentType: type)
            default:
                continue   // links, sockets, devices
            }
        }
        return true
    }

    public func lookup(_ path: String) -> File? { files[path] }
}

public struct StaticFilesError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
