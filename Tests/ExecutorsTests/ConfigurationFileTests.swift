import Executors
import Foundation
import TestSupport
import Testing

/// config.yaml: its settings, and that a mistake in it is an error rather than silently ignored.
@Suite("The configuration file")
struct ConfigurationFileTests {
    @Test("read_only, protected_namespaces and llm are read; no file or an empty one means no settings")
    func reads() throws {
        let folder = try TemporaryFolder()
        #expect(try ConfigurationFile.load(from: folder.path + "/none.yaml") == ConfigurationFile())
        let empty = try folder.write("empty.yaml", contents: "\n")
        #expect(try ConfigurationFile.load(from: empty.path) == ConfigurationFile())
        let file = try folder.write(
            "config.yaml",
            contents: "llm: {model: m1}\nread_only: true\nprotected_namespaces: [kube-system, prod]\n")
        let configuration = try ConfigurationFile.load(from: file.path)
        #expect(configuration.readOnly == true)
        #expect(configuration.protectedNamespaces == ["kube-system", "prod"])
        #expect(configuration.llm?.model == "m1")
    }

    @Test(
        "an unknown key, a wrong type or a broken file is an error naming the file",
        arguments: [
            ("readonly: true\n", "unknown setting 'readonly'"),
            ("read_only: maybe\n", "wrong type"),
            ("read_only: [true\n", "not valid YAML"),
            ("- read_only\n", "not a YAML mapping"),
        ])
    func refuses(text: String, reason: String) throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("config.yaml", contents: text)
        do {
            _ = try ConfigurationFile.load(from: file.path)
            Issue.record("'\(text)' was accepted")
        } catch {
            #expect(error.localizedDescription.contains(reason), "\(error.localizedDescription)")
            #expect(error.localizedDescription.hasPrefix(file.path))
        }
    }

    @Test("kagent init's write keeps the other settings")
    func writeKeepsSettings() throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("config.yaml", contents: "read_only: true\nprotected_namespaces: [prod]\n")
        try ModelConfiguration.write(url: "http://127.0.0.1:9/v1", model: "m2", to: file.path)
        let configuration = try ConfigurationFile.load(from: file.path)
        #expect(configuration.readOnly == true)
        #expect(configuration.protectedNamespaces == ["prod"])
        #expect(configuration.llm == .init(url: "http://127.0.0.1:9/v1", model: "m2"))
    }
}
