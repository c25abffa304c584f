import Foundation
import Intent
import TestSupport
import Testing

/// A broken rules folder is refused with an ``IntentError`` naming the file and the rule, in process and
/// through the kagent binary (exit 1), whatever the JSON cache holds; the process never stops.
@Suite("Loading a broken rules folder")
struct RuleLoadingTests {
    /// One way to break a rules folder, and the words its error must contain.
    struct BrokenFolder: CustomTestStringConvertible, Sendable {
        let name: String
        let files: [String: String]
        let expected: [String]
        var actions: Set<String>? = nil
        var testDescription: String { name }
    }

    static let scaleRule = """
        rules:
          - id: same_id
            action: scale
            description: scales
            patterns: ["scale {name} to {replicas:count}"]
            examples:
              match: []
        """

    static let brokenFolders: [BrokenFolder] = [
        BrokenFolder(
            name: "an id repeated in two files", files: ["a.yaml": scaleRule, "b.yaml": scaleRule],
            expected: ["'same_id'", "a.yaml", "b.yaml"]),
        BrokenFolder(
            name: "an id repeated in one file",
            files: [
                "twice.yaml": scaleRule + "\n"
                    + scaleRule.split(separator: "\n").dropFirst().joined(separator: "\n")
            ],
            expected: ["'same_id'", "twice.yaml"]),
        BrokenFolder(
            name: "an unknown slot type",
            files: ["slots.yaml": scaleRule.replacingOccurrences(of: "{replicas:count}", with: "{replicas:cnt}")],
            expected: ["'same_id'", "'slots.yaml'", "unknown slot type 'cnt'"]),
        BrokenFolder(
            name: "bad YAML",
            files: ["bad.yaml": scaleRule.replacingOccurrences(of: "patterns: [", with: "patterns: [[")],
            expected: ["'bad.yaml'"]),
        BrokenFolder(
            name: "a rule without an action",
            files: ["noaction.yaml": scaleRule.replacingOccurrences(of: "    action: scale\n", with: "")],
            expected: ["'noaction.yaml'", "action"]),
        BrokenFolder(
            name: "an action no planner plans",
            files: ["typo.yaml": scaleRule.replacingOccurrences(of: "action: scale", with: "action: scael")],
            expected: ["'same_id'", "'typo.yaml'", "unknown action 'scael'", "did you mean 'scale'"],
            actions: ["scale", "restart"]),
        BrokenFolder(
            name: "a missing lexicon", files: ["lexicon.yaml": "", "scale.yaml": scaleRule],
            expected: ["'lexicon.yaml'"]),
    ]

    /// A folder holding the repository's lexicon and the given files (an empty text removes the file).
    static func folder(with files: [String: String]) throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(
            RuleCatalog.lexiconFile,
            contents: String(
                contentsOf: Repository.rules.appendingPathComponent(RuleCatalog.lexiconFile), encoding: .utf8))
        for (name, contents) in files {
            if contents.isEmpty {
                try FileManager.default.removeItem(at: folder.url.appendingPathComponent(name))
            } else {
                try folder.write(name, contents: contents)
            }
        }
        return folder
    }

    @Test("a broken rules folder is refused with an error naming the file and the rule", arguments: brokenFolders)
    func brokenFolderIsRefused(_ broken: BrokenFolder) throws {
        let folder = try Self.folder(with: broken.files)
        let cache = try TemporaryFolder()
        // Without a cache, and twice with one: the second load may read what the first one stored.
        for cacheDirectory in [nil, cache.url, cache.url] {
            do {
                let catalog = try RuleCatalog.load(
                    from: folder.url, cacheDirectory: cacheDirectory, actions: broken.actions)
                Issue.record("\(broken.name): loaded \(catalog.rules.map(\.id)) instead of refusing the folder")
            } catch {
                let message = error.localizedDescription
                for fragment in broken.expected {
                    #expect(message.contains(fragment), "\(broken.name): '\(fragment)' is not in: \(message)")
                }
            }
        }
    }

    @Test("a rule file broken after it was cached is refused: the cache never answers for other contents")
    func cacheNeverHidesABrokenFile() throws {
        let folder = try Self.folder(with: ["scale.yaml": Self.scaleRule])
        let cache = try TemporaryFolder()
        let file = folder.url.appendingPathComponent("scale.yaml")
        let good = try RuleCatalog.load(from: folder.url, cacheDirectory: cache.url)
        #expect(good.rules.map(\.id) == ["same_id"])
        let stored = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        #expect(stored.contains { $0.hasPrefix("scale.yaml-") }, "the good file was not cached: \(stored)")

        // The same size and the same modification time, other contents: an unknown slot type.
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate])
        let broken = Self.scaleRule.replacingOccurrences(of: "{replicas:count}", with: "{replicas:cuont}")
        #expect(broken.utf8.count == Self.scaleRule.utf8.count)
        try broken.write(to: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path)

        do {
            let catalog = try RuleCatalog.load(from: folder.url, cacheDirectory: cache.url)
            Issue.record("the cached copy of the good file answered for the broken one: \(catalog.rules.map(\.id))")
        } catch {
            #expect(error.localizedDescription.contains("unknown slot type 'cuont'"), "\(error.localizedDescription)")
        }
    }

    @Test("kagent given a broken KAGENT_RULES_DIR prints the error and exits 1, even after caching the good rules")
    func binaryRefusesABrokenFolder() async throws {
        let executable = Repository.kagentExecutable
        try #require(FileManager.default.isExecutableFile(atPath: executable), "\(executable) is not built")
        let folder = try Self.folder(with: ["a.yaml": Self.scaleRule])
        let home = try TemporaryFolder()
        let environment = [
            "KAGENT_RULES_DIR": folder.path, "XDG_CACHE_HOME": home.path + "/cache",
            "XDG_CONFIG_HOME": home.path + "/config", "XDG_STATE_HOME": home.path + "/state",
            "KUBECONFIG": try home.unreachableKubeconfig().path,
        ]
        let arguments = ["--offline", "--dry-run", "--no-llm", "scale backend to 3"]
        let first = try #require(try await RunningKagent(arguments, environment: environment).finish())
        let cached = (try? FileManager.default.contentsOfDirectory(atPath: home.path + "/cache/kagent/rules")) ?? []
        #expect(cached.contains { $0.hasPrefix("a.yaml-") }, "the good rules were not cached: \(first.stderr)")

        let breakages: [(file: String, contents: String, message: String)] = [
            ("b.yaml", Self.scaleRule, "kagent: rule id 'same_id' is used more than once (a.yaml, b.yaml)"),
            (
                "a.yaml", Self.scaleRule.replacingOccurrences(of: "action: scale", with: "action: scael"),
                "kagent: rule 'same_id' in 'a.yaml': unknown action 'scael'; did you mean 'scale'?"
            ),
            (
                "a.yaml", Self.scaleRule.replacingOccurrences(of: "{replicas:count}", with: "{replicas:cuont}"),
                "kagent: rule 'same_id' in 'a.yaml': pattern"
            ),
        ]
        for breakage in breakages {
            try? FileManager.default.removeItem(at: folder.url.appendingPathComponent("b.yaml"))
            try folder.write("a.yaml", contents: Self.scaleRule)
            try folder.write(breakage.file, contents: breakage.contents)
            let result = try #require(try await RunningKagent(arguments, environment: environment).finish())
            #expect(result.exitCode == 1, "\(breakage.message): exit \(result.exitCode), stderr: \(result.stderr)")
            #expect(result.stderr.contains(breakage.message), "stderr: \(result.stderr)")
        }
    }
}
