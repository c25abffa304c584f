import Foundation
import Intent
import TestSupport
import Testing

/// The compiled catalogue kept in the cache folder (`catalogue-KEY.bin`): a rules folder changed in any way is
/// compiled again, a damaged file is ignored and written again, and what it reads back is the catalogue the YAML
/// gives, field for field.
@Suite("Compiled catalogue cache")
struct CatalogCacheTests {
    /// A rule file of two rules, one with a frame.
    static let scaleRules = """
        rules:
          - id: scale_probe
            action: scale
            description: scales a workload
            patterns: ["scale {name} to {replicas:count}"]
            sets: {direction: to}
            examples:
              match:
                - request: scale web to 3
                  intent: {action: scale, name: web, replicas: 3, direction: to}
              no_match: [scale web]
          - id: scale_probe_by_meaning
            action: scale
            description: scales a workload, by meaning
            frame:
              cues: [scale, resize]
              slots: {name: name, replicas: "count after to"}
              requires: [name, replicas]
            examples:
              match:
                - request: resize the web app to 4
                  intent: {action: scale, name: web-app, replicas: 4}
        """

    static let extraRule = """
        rules:
          - id: cache_probe
            action: restart
            description: a rule only this test has
            patterns: ["probe the cache of {name}"]
            examples:
              match:
                - request: probe the cache of web
                  intent: {action: restart, name: web}
              no_match: [probe the cache]
        """

    /// A rules folder of the repository's lexicon and ``scaleRules``.
    static func rulesFolder() throws -> TemporaryFolder {
        let folder = try TemporaryFolder()
        try folder.write(
            RuleCatalog.lexiconFile,
            contents: String(
                contentsOf: Repository.rules.appendingPathComponent(RuleCatalog.lexiconFile), encoding: .utf8))
        try folder.write("scale.yaml", contents: scaleRules)
        return folder
    }

    /// The compiled catalogues in a cache folder.
    static func compiled(in cache: TemporaryFolder) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: cache.path)
            .filter { $0.hasPrefix("catalogue-") && $0.hasSuffix(".bin") }.sorted()
    }

    /// Loads twice with the cache, so that the second load reads what the first stored; the stored file's name.
    static func loadCached(_ rules: TemporaryFolder, cache: TemporaryFolder) throws -> (RuleCatalog, String) {
        _ = try RuleCatalog.load(from: rules.url, cacheDirectory: cache.url)
        let stored = try compiled(in: cache)
        try #require(stored.count == 1, "one compiled catalogue expected, found \(stored)")
        return (try RuleCatalog.load(from: rules.url, cacheDirectory: cache.url), stored[0])
    }

    @Test("the repository's catalogue read back from the cache reads every rule example as the one built from YAML")
    func repositoryReadBack() throws {
        let cache = try TemporaryFolder()
        let fresh = try RuleCatalog.load(from: Repository.rules)
        _ = try RuleCatalog.load(from: Repository.rules, cacheDirectory: cache.url)
        try #require(try Self.compiled(in: cache).count == 1)
        let cached = try RuleCatalog.load(from: Repository.rules, cacheDirectory: cache.url)
        // The pattern filter is read back, not built: it must admit what the built one admits.
        let requests = fresh.rules.flatMap { $0.matchExamples.map(\.request) + $0.nonMatchExamples }
        #expect(requests.count > 500)
        for request in requests {
            #expect(try cached.parse(request) == fresh.parse(request), "\(request)")
        }
    }

    @Test("a rule file changed, added or removed is compiled again, under a new key")
    func changedRulesAreCompiledAgain() throws {
        let rules = try Self.rulesFolder()
        let cache = try TemporaryFolder()
        var (catalog, stored) = try Self.loadCached(rules, cache: cache)
        var keys: Set<String> = [stored]
        #expect(try catalog.parse("scale web to 3") == .understood([Self.scale("web", 3, rule: "scale_probe")]))

        // The same size and the same modification time, other bytes: "to" becomes "at".
        let file = rules.url.appendingPathComponent("scale.yaml")
        let modified = try #require(try FileManager.default.attributesOfItem(atPath: file.path)[.modificationDate])
        let changed = Self.scaleRules.replacingOccurrences(of: "{name} to {replicas", with: "{name} at {replicas")
        try changed.write(to: file, atomically: false, encoding: .utf8)
        try FileManager.default.setAttributes([.modificationDate: modified], ofItemAtPath: file.path)
        catalog = try RuleCatalog.load(from: rules.url, cacheDirectory: cache.url)
        #expect(try catalog.parse("scale web at 3") == .understood([Self.scale("web", 3, rule: "scale_probe")]))
        keys.formUnion(try Self.compiled(in: cache))
        #expect(keys.count == 2, "the changed file did not give a new key: \(keys)")

        // A file added.
        try rules.write("probe.yaml", contents: Self.extraRule)
        catalog = try RuleCatalog.load(from: rules.url, cacheDirectory: cache.url)
        #expect(catalog.rules.map(\.id) == ["cache_probe", "scale_probe", "scale_probe_by_meaning"])
        keys.formUnion(try Self.compiled(in: cache))
        #expect(keys.count == 3, "the new file did not give a new key: \(keys)")

        // The file removed again: the catalogue before it, read from its file, which is still there.
        try FileManager.default.removeItem(at: rules.url.appendingPathComponent("probe.yaml"))
        catalog = try RuleCatalog.load(from: rules.url, cacheDirectory: cache.url)
        #expect(catalog.rules.map(\.id) == ["scale_probe", "scale_probe_by_meaning"])
        #expect(Set(try Self.compiled(in: cache)) == keys, "a file was written or lost: \(keys)")
    }

    static func scale(_ name: String, _ replicas: Int, rule: String) -> UserIntent {
        UserIntent(
            action: "scale", slots: ["name": .text(name), "replicas": .number(replicas), "direction": "to"],
            source: .rule(id: rule))
    }

    @Test("a damaged compiled catalogue is ignored, and the catalogue compiled from YAML is stored again")
    func damagedFileIsRebuilt() throws {
        let rules = try Self.rulesFolder()
        let cache = try TemporaryFolder()
        let (_, stored) = try Self.loadCached(rules, cache: cache)
        let file = cache.url.appendingPathComponent(stored)
        let good = try Data(contentsOf: file)
        let reference = try RuleCatalog.load(from: rules.url)

        var flipped = good
        flipped[good.count / 2] ^= 0x5a
        let damages: [(String, Data)] = [
            ("a byte changed", flipped),
            ("cut short", good.prefix(good.count / 3)),
            ("empty", Data()),
            ("not a catalogue", Data("rules: []\n".utf8)),
        ]
        for (damage, bytes) in damages {
            try bytes.write(to: file)
            let catalog = try RuleCatalog.load(from: rules.url, cacheDirectory: cache.url)
            #expect(
                Self.describe(catalog) == Self.describe(reference), "\(damage): not the catalogue of the YAML")
            #expect(try Data(contentsOf: file) == good, "\(damage): the compiled catalogue was not stored again")
        }
    }

    @Test("the catalogue read from the cache is the one the YAML gives, field for field")
    func cachedCatalogueIsTheSame() throws {
        let cache = try TemporaryFolder()
        _ = try RuleCatalog.load(from: Repository.rules, cacheDirectory: cache.url)
        let cached = try RuleCatalog.load(from: Repository.rules, cacheDirectory: cache.url)
        let compiled = try RuleCatalog.load(from: Repository.rules)
        let (expected, actual) = (Self.describe(compiled), Self.describe(cached))
        #expect(expected.count == actual.count)
        for (line, (want, got)) in zip(expected, actual).enumerated() where want != got {
            Issue.record("line \(line): the YAML gives\n\(want)\nthe cache gives\n\(got)")
            break
        }
    }

    // MARK: - Describing a catalogue

    /// Every field of every rule (examples and frames through the API that reads them) and the lexicon, one rule
    /// per line, sets and dictionaries in sorted order.
    static func describe(_ catalog: RuleCatalog) -> [String] {
        let lexicon = catalog.lexicon
        let words = [
            canonical(lexicon.fillers), canonical(lexicon.numbers), canonical(lexicon.kinds),
            canonical(lexicon.workloads), canonical(lexicon.everyNamespace),
        ]
        return ["lexicon " + words.joined(separator: " ")]
            + catalog.rules.map { rule in
                [
                    rule.id, rule.action, rule.description, rule.file, String(rule.fallback),
                    canonical(rule.fixedSlots), canonical(rule.patterns), canonical(rule.matchExamples),
                    canonical(rule.nonMatchExamples), canonical(rule.frame as Any),
                ].joined(separator: " | ")
            }
    }

    /// A value's stored properties, all the way down, with the elements of sets and dictionaries sorted: two
    /// values built alike describe alike, whatever order their hashing put them in.
    static func canonical(_ value: Any) -> String {
        let mirror = Mirror(reflecting: value)
        let children = mirror.children.map { child in (child.label.map { $0 + ": " } ?? "") + canonical(child.value) }
        switch mirror.displayStyle {
        case .set, .dictionary:
            return "[" + children.sorted().joined(separator: ", ") + "]"
        case .optional:
            return children.first ?? "nil"
        case .collection, .tuple:
            return "[" + children.joined(separator: ", ") + "]"
        case .struct, .class, .enum:
            if children.isEmpty { return String(describing: value) }
            return "\(mirror.subjectType)(" + children.joined(separator: ", ") + ")"
        default:
            return String(reflecting: value)
        }
    }
}
