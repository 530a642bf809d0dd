import Foundation

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
            let candidate = (base as NSString).appendingPathComponent(resource.path)
            let standardized = (candidate as NSString).standardizingPath
            guard !looked.contains(standardized) else { continue }
            looked.append(standardized)
            if holds(standardized, resource) { return Lookup(found: standardized, looked: looked) }
        }
        return Lookup(found: nil, looked: looked)
    }

    /// True when `folder` holds the resource's marker file.
    static func holds(_ folder: String, _ resource: (path: String, marker: String)) -> Bool {
        FileManager.default.fileExists(atPath: (folder as NSString).appendingPathComponent(resource.marker))
    }

    /// Folders a resource's path is tried under, most specific first.
    static func bases() -> [String] {
        var result: [String] = []
        if let exe = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") {
            let dir = (exe as NSString).deletingLastPathComponent
            result.append(((dir as NSString).deletingLastPathComponent as NSString).appendingPathComponent("share/convene"))
            // Built in a checkout: …/<checkout>/.build/<triple>/<configuration>/convene.
            var folder = dir
            while folder != "/" && !folder.isEmpty {
                if (folder as NSString).lastPathComponent == ".build" {
                    result.append((folder as NSString).deletingLastPathComponent)
                    break
                }
                folder = (folder as NSString).deletingLastPathComponent
            }
        }
        result.append(FileManager.default.currentDirectoryPath)
        return result
    }
}
