import FoundationEssentials

/// Where `convene serve` finds its pages and the model when no flag names them, so that it
/// works from any folder: beside an installed executable (`make install`: PREFIX/bin/convene
/// with PREFIX/share/convene/…), in the checkout the executable was built in (…/.build/…),
/// then in the current folder. Each place is checked for a file that must be there, so an
/// empty or unrelated folder of the same name is passed over.
enum InstalledResources {
    struct Lookup {
        var found: String?
        var looked: [String]
    }

    static let pages = (path: "web-static", marker: "index.html")
    static let model = (path: "models/all-MiniLM-L6-v2", marker: "model.safetensors")

    static func find(_ resource: (path: String, marker: String)) -> Lookup {
        var looked: [String] = []
        for base in bases() {
            let candidate = Path.joined(base, resource.path)
            let standardized = Path.standardized(candidate)
            guard !looked.contains(standardized) else { continue }
            looked.append(standardized)
            if holds(standardized, resource) { return Lookup(found: standardized, looked: looked) }
        }
        return Lookup(found: nil, looked: looked)
    }

    /// True when `folder` holds the resource's marker file.
    static func holds(_ folder: String, _ resource: (path: String, marker: String)) -> Bool {
        FileManager.default.fileExists(atPath: Path.joined(folder, resource.marker))
    }

    /// Folders a resource's path is tried under, most specific first.
    static func bases() -> [String] {
        var result: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let dir = Path.parent(exe)
            result.append(Path.joined(Path.parent(dir), "share/convene"))
            // Built in a checkout: …/<checkout>/.build/<triple>/<configuration>/convene.
            var folder = dir
            while folder != "/" && !folder.isEmpty {
                if Path.last(folder) == ".build" {
                    result.append(Path.parent(folder))
                    break
                }
                folder = Path.parent(folder)
            }
        }
        result.append(FileManager.default.currentDirectoryPath)
        return result
    }
}

/// Path arithmetic on strings, as the folders above need it ("/opt/convene/bin" → parent
/// "/opt/convene"; "a/./b/../c" → "a/c"). By hand: FoundationEssentials has no `NSString`.
enum Path {
    static func joined(_ base: String, _ component: String) -> String {
        base.hasSuffix("/") ? base + component : base + "/" + component
    }

    /// Without its last component: "/a/b" → "/a", "/a" → "/", "a" → "".
    static func parent(_ path: String) -> String {
        let parts = path.split(separator: "/")
        guard parts.count > 1 else { return path.hasPrefix("/") ? "/" : "" }
        return (path.hasPrefix("/") ? "/" : "") + parts.dropLast().joined(separator: "/")
    }

    static func last(_ path: String) -> String { path.split(separator: "/").last.map(String.init) ?? "" }

    /// "." and empty components dropped, ".." taking the one before it away.
    static func standardized(_ path: String) -> String {
        var kept: [Substring] = []
        for part in path.split(separator: "/") {
            if part == "." { continue }
            if part == "..", let previous = kept.last, previous != ".." { kept.removeLast(); continue }
            if part == "..", path.hasPrefix("/") { continue }   // above the root is the root
            kept.append(part)
        }
        let joined = kept.joined(separator: "/")
        return path.hasPrefix("/") ? "/" + joined : joined
    }
}
