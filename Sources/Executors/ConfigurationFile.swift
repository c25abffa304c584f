import Foundation
import Yams

/// kagent's configuration file, `$XDG_CONFIG_HOME/kagent/config.yaml`:
///
/// ```yaml
/// llm: {url: https://api.openai.com/v1, model: gpt-4o-mini, timeout: 60}
/// read_only: true                              # refuse every changing step
/// protected_namespaces: [kube-system, prod]    # replaces the default list
/// ```
///
/// A key kagent does not know is an error, not ignored: a misspelt `read_only` must not leave changes allowed.
public struct ConfigurationFile: Sendable, Equatable, Codable {
    public var llm: ModelSection?
    public var readOnly: Bool?
    public var protectedNamespaces: [String]?

    public struct ModelSection: Sendable, Equatable, Codable {
        public var url: String?
        public var model: String?
        public var timeout: Int?

        public init(url: String? = nil, model: String? = nil, timeout: Int? = nil) {
            self.url = url
            self.model = model
            self.timeout = timeout
        }
    }

    enum CodingKeys: String, CodingKey, CaseIterable {
        case llm
        case readOnly = "read_only"
        case protectedNamespaces = "protected_namespaces"
    }

    public init(llm: ModelSection? = nil, readOnly: Bool? = nil, protectedNamespaces: [String]? = nil) {
        self.llm = llm
        self.readOnly = readOnly
        self.protectedNamespaces = protectedNamespaces
    }

    /// Why a configuration file cannot be used.
    public struct Problem: Error, Sendable, LocalizedError {
        public var file: String
        public var reason: String
        public var errorDescription: String? { "\(file): \(reason); fix or remove the file" }
    }

    /// The file's settings; an empty configuration when there is no file.
    /// - Throws: ``Problem`` when the file cannot be read, is not YAML, or has an unknown key or a wrong type.
    public static func load(from path: String) throws(Problem) -> ConfigurationFile {
        guard FileManager.default.fileExists(atPath: path) else { return ConfigurationFile() }
        let text: String
        do {
            text = try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw Problem(file: path, reason: "cannot be read (\(error.localizedDescription))")
        }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return ConfigurationFile() }
        let keys: [String]
        do {
            guard let mapping = try Yams.compose(yaml: text)?.mapping else {
                throw Problem(file: path, reason: "is not a YAML mapping of settings")
            }
            keys = mapping.keys.compactMap(\.string)
        } catch let problem as Problem {
            throw problem
        } catch {
            throw Problem(file: path, reason: "is not valid YAML (\(error))")
        }
        let known = CodingKeys.allCases.map(\.rawValue)
        if let unknown = keys.first(where: { !known.contains($0) }) {
            throw Problem(
                file: path, reason: "unknown setting '\(unknown)' (known: \(known.joined(separator: ", ")))")
        }
        do {
            return try YAMLDecoder().decode(ConfigurationFile.self, from: text)
        } catch {
            throw Problem(file: path, reason: "a setting has the wrong type (\(error))")
        }
    }

    /// Writes the configuration, keeping a comment line on top.
    public func write(to path: String, comment: String) throws {
        let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        let yaml = try YAMLEncoder().encode(self)
        try ("# \(comment)\n" + yaml).write(toFile: path, atomically: true, encoding: .utf8)
    }
}
