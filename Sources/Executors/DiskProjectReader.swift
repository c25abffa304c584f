import Foundation
import Planner
import Synchronization
import Yams

/// Reads the local project from the disk: the Docker Compose files under a folder and their services.
///
/// Looks at most ``maximumDepth`` folders down, skipping `.git`, `.build`, `node_modules` and other hidden or
/// vendored folders, so a run from a large checkout stays quick.
public struct DiskProjectReader: ProjectReader {
    /// The folder searched (the working directory).
    public let root: URL
    /// How many folders below the root are searched.
    public let maximumDepth: Int
    /// Folders never entered.
    static let skipped: Set<String> = [
        ".git", ".build", "node_modules", ".venv", "venv", "vendor", "Pods", "DerivedData",
    ]

    /// The folder as paths in plans start (`--project-dir examples` → `examples/todo-app/...`); empty for the
    /// working directory.
    public let shownAs: String

    public init(root: URL, maximumDepth: Int = 6, shownAs: String = "") {
        self.root = root.standardizedFileURL
        self.maximumDepth = maximumDepth
        var prefix = shownAs
        while prefix.hasSuffix("/") && prefix.count > 1 { prefix.removeLast() }
        self.shownAs = prefix == "." ? "" : prefix
    }

    /// A path relative to the root as the plan shows it (relative to the working directory).
    func shown(_ path: String) -> String {
        guard !shownAs.isEmpty else { return path }
        return path == "." ? shownAs : shownAs + "/" + path
    }

    /// Whether a file name is a compose file's: `compose.yaml`, `docker-compose.yml`, `docker-compose-db.yml`,
    /// `docker-compose.override.yaml`…
    static func isComposeFileName(_ name: String) -> Bool {
        let lower = name.lowercased()
        guard lower.hasSuffix(".yml") || lower.hasSuffix(".yaml") else { return false }
        let stem = lower.hasSuffix(".yml") ? lower.dropLast(4) : lower.dropLast(5)
        for prefix in ["docker-compose", "compose"] where stem.hasPrefix(prefix) {
            let rest = stem.dropFirst(prefix.count)
            if rest.isEmpty || rest.first == "-" || rest.first == "." || rest.first == "_" { return true }
        }
        return false
    }

    /// Scans of the last few seconds, by folder: a shell asking twice in a row reads the disk once,
    /// and a file changed since is seen two seconds later.
    static let recent = Mutex<[String: (files: [ComposeFile], read: Date)]>([:])
    static let reuseSeconds: TimeInterval = 2

    public func composeFiles() throws(PlannerError) -> [ComposeFile] {
        let key = "\(root.path)#\(maximumDepth)#\(shownAs)"
        if let cached = Self.recent.withLock({ $0[key] }), Date().timeIntervalSince(cached.read) < Self.reuseSeconds {
            return cached.files
        }
        let files = try scan()
        Self.recent.withLock { $0[key] = (files, Date()) }
        return files
    }

    private func scan() throws(PlannerError) -> [ComposeFile] {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: root.path, isDirectory: &isDirectory), isDirectory.boolValue
        else {
            throw .invalidValue(slot: "project", value: root.path, reason: "the folder does not exist")
        }
        var found: [ComposeFile] = []
        search(root, relative: shownAs, depth: 0, into: &found)
        return found.sorted { $0.path < $1.path }
    }

    private func search(_ folder: URL, relative: String, depth: Int, into found: inout [ComposeFile]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        for name in names.sorted() {
            let url = folder.appendingPathComponent(name)
            let path = relative.isEmpty ? name : relative + "/" + name
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if depth < maximumDepth, !name.hasPrefix("."), !Self.skipped.contains(name) {
                    search(url, relative: path, depth: depth + 1, into: &found)
                }
            } else if Self.isComposeFileName(name), let file = Self.read(url, path: path) {
                found.append(file)
            }
        }
    }

    /// The file's project name and services, or nil when it is not a compose file (no `services:` mapping).
    static func read(_ url: URL, path: String) -> ComposeFile? {
        guard let text = try? String(contentsOf: url, encoding: .utf8),
            let document = (try? Yams.load(yaml: text)) as? [String: Any],
            let services = document["services"] as? [String: Any]
        else { return nil }
        // Yams gives an unordered dictionary; the services keep the file's order as written.
        let order = text.split(separator: "\n").compactMap { line -> String? in
            guard line.hasPrefix("  "), !line.hasPrefix("   "), line.hasSuffix(":") else { return nil }
            return String(line.dropFirst(2).dropLast())
        }
        let names = services.keys.sorted {
            (order.firstIndex(of: $0) ?? .max, $0) < (order.firstIndex(of: $1) ?? .max, $1)
        }
        return ComposeFile(
            path: path, name: document["name"] as? String,
            services: names.map { name in
                ComposeFile.Service(name: name, image: (services[name] as? [String: Any])?["image"] as? String)
            })
    }
}
