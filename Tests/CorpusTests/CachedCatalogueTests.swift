import Foundation
import Intent
import Planner
import RequestCorpus
import TestSupport
import Testing

/// The rules read from the compiled catalogue in the cache folder parse every request of the corpus, the held-out
/// set and the rules' own examples exactly as the rules read from YAML do: the same intents, the same reasons and
/// suggestions, the same refusals.
@Suite("Cached catalogue")
struct CachedCatalogueTests {
    @Test("the catalogue read from the cache parses every corpus, held-out and example request as the YAML does")
    func cachedCatalogueParsesAlike() throws {
        let cache = try TemporaryFolder()
        let rules = Repository.rules
        _ = try RuleCatalog.load(from: rules, cacheDirectory: cache.url, actions: Planner.ruleActions)
        let stored = try FileManager.default.contentsOfDirectory(atPath: cache.path)
        try #require(stored.contains { $0.hasPrefix("catalogue-") }, "nothing was cached: \(stored)")
        let cached = try RuleCatalog.load(from: rules, cacheDirectory: cache.url, actions: Planner.ruleActions)
        let compiled = try RuleCatalog.load(from: rules, actions: Planner.ruleActions)

        var requests = try RequestCorpus.load().cases.map(\.request)
        requests += try RequestCorpus.load(
            from: RequestCorpus.heldOutDirectory,
            cluster: RequestCorpus.defaultDirectory.appendingPathComponent("cluster.yaml")
        ).cases.map(\.request)
        for rule in compiled.rules { requests += rule.matchExamples.map(\.request) + rule.nonMatchExamples }
        #expect(requests.count > 1_000)

        // Compared as values (a dictionary's order of print is not part of it).
        func outcome(_ catalog: RuleCatalog, _ request: String) -> Result<ParseOutcome, IntentError> {
            Result { () throws(IntentError) in try catalog.parse(request) }
        }
        var differences = 0
        for request in requests {
            let (expected, actual) = (outcome(compiled, request), outcome(cached, request))
            if expected != actual {
                differences += 1
                if differences <= 5 { Issue.record("\"\(request)\": YAML \(expected)\ncache \(actual)") }
            }
        }
        #expect(differences == 0, "\(differences) of \(requests.count) requests parse otherwise from the cache")
    }
}
