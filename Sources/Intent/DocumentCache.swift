import Foundation
import Yams

/// JSON copies of the rule files, so that starting kagent does not parse YAML (about 1 ms per KB with Yams,
/// against a few µs per KB for JSON). A copy is named after its file's name and a hash of its bytes, and is
/// only used when it decodes to the same type; anything odd falls back to the YAML.
///
/// Keyed by contents rather than size and modification time: a file rewritten within one clock tick, given
/// back an old time, or a file of the same name in another rules folder could otherwise be answered with a
/// good file's copy, and a broken file would load as the good one. Hashing 150 KB costs far less than parsing.
struct DocumentCache: Sendable {
    let directory: URL

    init(directory: URL) {
        self.directory = directory
    }

    private func key(for url: URL, contents: Data) -> URL {
        var hash = ContentHash()
        hash.add(contents)
        return directory.appendingPathComponent(
            "\(url.lastPathComponent)-\(contents.count)-\(String(hash.value, radix: 16)).json")
    }

    /// The copy of a file whose bytes are `contents`, if one was stored and decodes.
    func read<T: Decodable>(for url: URL, contents: Data) -> T? {
        guard let data = try? Data(contentsOf: key(for: url, contents: contents)) else { return nil }
        return try? JSONDecoder().decode(T.self, from: data)
    }

    /// Stores the document as JSON if the JSON decodes to the same type (YAML scalars such as `yes` or `3`
    /// can change type on the way; such a file is simply not cached).
    func write<T: Decodable>(yaml: String, for url: URL, contents: Data, as type: T.Type) {
        let file = key(for: url, contents: contents)
        guard let document = try? Yams.load(yaml: yaml),
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
