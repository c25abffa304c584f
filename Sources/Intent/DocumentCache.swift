import Foundation
import Yams

/// JSON copies of the rule files, so that starting kagent does not parse YAML (about 1 ms per KB with Yams,
/// against a few µs per KB for JSON). A copy is named after its file's size and modification time, and is
/// only used when it decodes to the same type; anything odd falls back to the YAML.
struct DocumentCache: Sendable {
    let directory: URL

    init(directory: URL) {
        self.directory = directory
    }

    private func key(for url: URL) -> URL? {
        guard let attributes = try? FileManager.default.attributesOfItem(atPath: url.path),
            let size = attributes[.size] as? NSNumber, let modified = attributes[.modificationDate] as? Date
        else { return nil }
        let stamp = Int(modified.timeIntervalSince1970 * 1_000_000)
        return directory.appendingPathComponent("\(url.lastPathComponent)-\(size)-\(stamp).json")
    }

    func read<T: Decodable>(for url: URL) -> T? {
        guard let file = key(for: url), let data = try? Data(contentsOf: file) else { return nil }
        return try? JSONDecoder().decode(T.self, from: data)
    }

    /// Stores the document as JSON if the JSON decodes to the same type (YAML scalars such as `yes` or `3`
    /// can change type on the way; such a file is simply not cached).
    func write<T: Decodable>(yaml: String, for url: URL, as type: T.Type) {
        guard let file = key(for: url), let document = try? Yams.load(yaml: yaml),
            JSONSerialization.isValidJSONObject(document),
            let data = try? JSONSerialization.data(withJSONObject: document),
            (try? JSONDecoder().decode(T.self, from: data)) != nil
        else { return }
        try? FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        // Old copies of the same file go; a temporary name and a rename keep concurrent readers safe.
        let prefix = url.lastPathComponent + "-"
        if let names = try? FileManager.default.contentsOfDirectory(atPath: directory.path) {
            for name in names where name.hasPrefix(prefix) && name != file.lastPathComponent {
                try? FileManager.default.removeItem(at: directory.appendingPathComponent(name))
            }
        }
        let temporary = directory.appendingPathComponent(".\(UUID().uuidString).tmp")
        guard (try? data.write(to: temporary)) != nil else { return }
        if rename(temporary.path, file.path) != 0 { try? FileManager.default.removeItem(at: temporary) }
    }
}
