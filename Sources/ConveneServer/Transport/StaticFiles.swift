import Foundation

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
        let root = URL(fileURLWithPath: directory).standardizedFileURL.resolvingSymlinksInPath()
        let fm = FileManager.default
        guard let walker = fm.enumerator(at: root, includingPropertiesForKeys: [.isRegularFileKey, .isSymbolicLinkKey]) else {
            throw StaticFilesError(message: "Cannot read the pages folder \(directory).")
        }
        for case let url as URL in walker {
            let values = try? url.resourceValues(forKeys: [.isRegularFileKey, .isSymbolicLinkKey])
            // Symlinks are skipped: a link could point anywhere on the machine.
            guard values?.isSymbolicLink != true, values?.isRegularFile == true else { continue }
            let ext = url.pathExtension.lowercased()
            guard let type = Self.contentTypes[ext] else { continue }
            let relative = String(url.standardizedFileURL.path.dropFirst(root.path.count))
            guard relative.hasPrefix("/"), !relative.split(separator: "/").contains(where: { $0.hasPrefix(".") }) else { continue }
            files[relative] = File(body: Array(try Data(contentsOf: url)), contentType: type)
        }
        if let index = files["/index.html"] { files["/"] = index }
    }

    public func lookup(_ path: String) -> File? { files[path] }
}

public struct StaticFilesError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { message }
}
