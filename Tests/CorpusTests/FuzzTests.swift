import Intent
import Planner
import RequestCorpus
import TestSupport
import Testing

/// Seeded random input through the real parser and planner (nothing runs). `kagent-bench fuzz N` runs
/// the same generator for as long as you like; this test runs a fixed sample on every test run.
@Suite("Fuzzing the parser and planner")
struct FuzzTests {
    @Test("random characters never make a changing plan, and nothing crashes or hangs")
    func randomCharacters() async throws {
        let corpus = try RequestCorpus.load()
        var random = RandomRequests(seed: 2026, catalog: Catalog.shared)
        for _ in 0..<5_000 {
            let request = random.characters()
            guard case .understood(let intents)? = try? Catalog.shared.parse(request) else { continue }
            let plan = try? await Planner(context: corpus.context(for: .init(request: request)))
                .plan(request: request, intents: (try? ConversationMemory().resolve(intents)) ?? intents)
            #expect(plan?.isReadOnly ?? true, "random text \"\(request)\" made a changing plan")
        }
    }

    @Test("word salads of real words parse and plan without crashing")
    func wordSalads() async throws {
        let corpus = try RequestCorpus.load()
        var random = RandomRequests(seed: 7, catalog: Catalog.shared)
        var understood = 0
        for _ in 0..<3_000 {
            let request = random.wordSalad()
            guard case .understood(let intents)? = try? Catalog.shared.parse(request) else { continue }
            understood += 1
            for step
                in (try? await Planner(context: corpus.context(for: .init(request: request)))
                .plan(request: request, intents: (try? ConversationMemory().resolve(intents)) ?? intents))?.steps ?? []
            {
                #expect(!step.argv.isEmpty)
                #expect(!step.argv.contains { $0.contains("\u{0}") }, "a NUL byte reached an argv: \(step.argv)")
            }
        }
        #expect(understood < 3_000)
    }
}
