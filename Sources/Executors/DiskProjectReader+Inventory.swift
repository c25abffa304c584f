import Foundation
import Planner
import Synchronization
import Yams

/// The project's deployables read from the disk: Helm charts and values files, Kustomize folders, plain
/// manifest folders and Dockerfiles, beside the compose files.
extension DiskProjectReader {
    /// Inventories of the last few seconds, by folder (as for compose files).
    static let recentInventories = Mutex<[String: (inventory: ProjectInventory, read: Date)]>([:])

    public func inventory() throws(PlannerError) -> ProjectInventory {
        let key = "\(root.path)#\(maximumDepth)#\(shownAs)"
        if let cached = Self.recentInventories.withLock({ $0[key] }),
            Date().timeIntervalSince(cached.read) < Self.reuseSeconds
        {
            return cached.inventory
        }
        let composeFiles = try composeFiles()
        var files: [String: [String]] = [:]
        collect(root, relative: shownAs, depth: 0, into: &files)
        var inventory = Self.inventory(root: root, shownAs: shownAs, folders: files)
        inventory.composeFiles = composeFiles
        Self.recentInventories.withLock { $0[key] = (inventory, Date()) }
        return inventory
    }

    public func fileExists(_ path: String) -> Bool { FileManager.default.fileExists(atPath: path) }

    /// Every folder searched (relative path, "" for the root) and the names of the files in it.
    private func collect(_ folder: URL, relative: String, depth: Int, into found: inout [String: [String]]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return }
        var files: [String] = []
        for name in names.sorted() {
            let url = folder.appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { continue }
            if isDirectory.boolValue {
                if depth < maximumDepth, !name.hasPrefix("."), !Self.skipped.contains(name) {
                    collect(
                        url, relative: relative.isEmpty ? name : relative + "/" + name, depth: depth + 1, into: &found)
                }
            } else {
                files.append(name)
            }
        }
        found[relative] = files
    }

    static let kustomizationNames = ["kustomization.yaml", "kustomization.yml", "Kustomization"]

    static func isYAML(_ name: String) -> Bool {
        let lower = name.lowercased()
        return lower.hasSuffix(".yaml") || lower.hasSuffix(".yml")
    }

    /// A values file's name: `values-dev.yaml`, `prod-values.yml`, `values.production.yaml`.
    static func isValuesFileName(_ name: String) -> Bool {
        isYAML(name) && name.lowercased().contains("values")
    }

    static func isDockerfileName(_ name: String) -> Bool {
        name == "Dockerfile" || name.hasPrefix("Dockerfile.") || name.hasSuffix(".Dockerfile")
            || name.hasSuffix(".dockerfile")
    }

    static func join(_ folder: String, _ name: String) -> String { folder.isEmpty ? name : folder + "/" + name }

    static func isInside(_ path: String, _ folder: String) -> Bool {
        folder.isEmpty || path == folder || path.hasPrefix(folder + "/")
    }

    /// `a/b` + `../c` → `a/c`; nil when it leaves the root.
    static func resolve(_ folder: String, _ relative: String) -> String? {
        var parts = folder.split(separator: "/").map(String.init)
        for part in relative.split(separator: "/").map(String.init) {
            switch part {
            case ".", "": continue
            case "..":
                guard !parts.isEmpty else { return nil }
                parts.removeLast()
            default: parts.append(part)
            }
        }
        return (folder.hasPrefix("/") ? "/" : "") + parts.joined(separator: "/")
    }

    /// The inventory of the folders found (paths as shown: under `shownAs`), read from the files under `root`.
    static func inventory(root: URL, shownAs: String, folders: [String: [String]]) -> ProjectInventory {
        func url(_ path: String) -> URL {
            let relative = shownAs.isEmpty ? path : String(path.dropFirst(min(path.count, shownAs.count + 1)))
            return relative.isEmpty ? root : root.appendingPathComponent(relative)
        }
        let paths = folders.keys.sorted()

        // Helm charts: a folder with Chart.yaml; everything under it belongs to the chart.
        var charts: [HelmChart] = []
        for folder in paths where folders[folder]?.contains("Chart.yaml") == true {
            guard !charts.contains(where: { isInside(folder, $0.path) }) else { continue }
            let document = (try? String(contentsOf: url(join(folder, "Chart.yaml")), encoding: .utf8))
                .flatMap { try? Yams.load(yaml: $0) as? [String: Any] }
            let name = (document?["name"] as? String) ?? ProjectNames.lastComponent(folder)
            let values = (folders[folder] ?? []).filter {
                isValuesFileName($0) && $0 != "values.yaml" && $0 != "values.yml"
            }
            let templates = join(folder, "templates")
            let hasDeployments = (folders[templates] ?? []).contains { file in
                (try? String(contentsOf: url(join(templates, file)), encoding: .utf8))?.contains("kind: Deployment")
                    == true
            }
            charts.append(
                HelmChart(
                    path: folder, name: name, valuesFiles: values.map { join(folder, $0) },
                    hasDeployments: hasDeployments))
        }
        func inChart(_ path: String) -> Bool { charts.contains { isInside(path, $0.path) } }

        var looseValues: [String] = []
        for folder in paths where !inChart(folder) {
            for name in folders[folder] ?? [] where isValuesFileName(name) && !isComposeFileName(name) {
                looseValues.append(join(folder, name))
            }
        }

        // Kustomize folders, with their bases' objects.
        let kustomizeFolders = paths.filter { folder in
            !inChart(folder) && (folders[folder] ?? []).contains { kustomizationNames.contains($0) }
        }
        var built: [String: Kustomization] = [:]
        func build(_ folder: String, seen: Set<String>) -> Kustomization? {
            if let done = built[folder] { return done }
            guard !seen.contains(folder),
                let file = (folders[folder] ?? []).first(where: { kustomizationNames.contains($0) }),
                let text = try? String(contentsOf: url(join(folder, file)), encoding: .utf8),
                let document = (try? Yams.load(yaml: text)) as? [String: Any]
            else { return nil }
            let resources = ((document["resources"] as? [Any]) ?? []) + ((document["bases"] as? [Any]) ?? [])
            var bases: [String] = []
            var objects: [ManifestObject] = []
            var namespace = document["namespace"] as? String
            for case let resource as String in resources {
                guard let path = resolve(folder, resource) else { continue }
                if folders[path] != nil {
                    if let base = build(path, seen: seen.union([folder])) {
                        bases.append(path)
                        objects += base.objects
                        if namespace == nil { namespace = base.namespace }
                    }
                } else {
                    objects += manifestObjects(at: url(path))
                }
            }
            let prefix = document["namePrefix"] as? String ?? ""
            let suffix = document["nameSuffix"] as? String ?? ""
            objects = objects.map { object in
                var object = object
                if object.kind != "namespace" { object.name = prefix + object.name + suffix }
                if let namespace, object.kind != "namespace" { object.namespace = namespace }
                return object
            }
            let kustomization = Kustomization(path: folder, namespace: namespace, bases: bases, objects: objects)
            built[folder] = kustomization
            return kustomization
        }
        let kustomizations = kustomizeFolders.compactMap { build($0, seen: []) }

        // Plain manifest folders: YAML files defining Kubernetes objects, outside charts and Kustomize folders.
        var manifestFolders: [ManifestFolder] = []
        for folder in paths where !inChart(folder) && !kustomizeFolders.contains(folder) {
            let objects = (folders[folder] ?? [])
                .filter { isYAML($0) && !isComposeFileName($0) && !isValuesFileName($0) }
                .flatMap { manifestObjects(at: url(join(folder, $0))) }
            if !objects.isEmpty {
                manifestFolders.append(ManifestFolder(path: folder.isEmpty ? "." : folder, objects: objects))
            }
        }

        var dockerfiles: [ProjectDockerfile] = []
        for folder in paths {
            for name in folders[folder] ?? [] where isDockerfileName(name) {
                let path = join(folder, name)
                let base = (try? String(contentsOf: url(path), encoding: .utf8)).flatMap(lastBaseImage)
                dockerfiles.append(
                    ProjectDockerfile(path: path, folder: folder.isEmpty ? "." : folder, baseImage: base))
            }
        }
        return ProjectInventory(
            charts: charts, looseValuesFiles: looseValues, kustomizations: kustomizations,
            manifestFolders: manifestFolders, dockerfiles: dockerfiles)
    }

    /// The Kubernetes objects of a YAML file (every document with `apiVersion`, `kind` and `metadata.name`).
    static func manifestObjects(at url: URL) -> [ManifestObject] {
        guard let text = try? String(contentsOf: url, encoding: .utf8),
            let documents = try? Yams.load_all(yaml: text)
        else { return [] }
        var objects: [ManifestObject] = []
        for document in documents {
            guard let mapping = document as? [String: Any], mapping["apiVersion"] is String,
                let kind = mapping["kind"] as? String,
                let metadata = mapping["metadata"] as? [String: Any], let name = metadata["name"] as? String
            else { continue }
            objects.append(
                ManifestObject(kind: kind.lowercased(), name: name, namespace: metadata["namespace"] as? String))
        }
        return objects
    }

    /// The image of a Dockerfile's last `FROM`.
    static func lastBaseImage(_ text: String) -> String? {
        text.split(separator: "\n").reversed().lazy.compactMap { line -> String? in
            let words = line.split(separator: " ", omittingEmptySubsequences: true)
            guard words.count >= 2, words[0].uppercased() == "FROM" else { return nil }
            return words.dropFirst().first { !$0.hasPrefix("--") }.map(String.init)
        }.first
    }
}
