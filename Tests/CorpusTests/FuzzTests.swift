import Intent
import Planner
import RequestCorpus
import TestSupport
import Testing

/// Seeded random input through the real parser and planner (nothing runs). `kagent-bench fuzz N` runs
/// the same generators for as long as you like; this test runs a fixed sample of each on every test run,
/// prints what the inputs came to, and fails when a generator's inputs stop reaching the planner.
@Suite("Fuzzing the parser and planner")
struct FuzzTests {
    @Test("random characters never make a changing plan, and nothing crashes or hangs")
    func randomCharacters() async throws {
        let tally = try await RequestCorpus.load().fuzz(.characters, count: 5_000, seed: 2026, catalog: Catalog.shared)
        print("fuzz \(tally)")
        #expect(tally.inputs == 5_000)
        #expect(
            tally.changingPlans == 0,
            "random characters made \(tally.changingPlans) changing plans: \(tally.changingExamples)")
        #expect(tally.malformedSteps == 0, "malformed steps from \(tally.malformedExamples)")
        // Both the validator and the rules must see them: all refused would test the validator alone.
        #expect(tally.exercised, "random characters did not reach both the validator and the rules: \(tally)")
    }

    @Test("word salads of real words parse and plan without crashing or malformed steps")
    func wordSalads() async throws {
        let tally = try await RequestCorpus.load().fuzz(.wordSalad, count: 3_000, seed: 7, catalog: Catalog.shared)
        print("fuzz \(tally)")
        #expect(tally.inputs == 3_000)
        #expect(tally.malformedSteps == 0, "malformed steps from \(tally.malformedExamples)")
        #expect(tally.understood < tally.inputs, "every word salad was understood: \(tally)")
        // Real words in random order: about 1 in 50 reaches the planner (56 of 3,000 on 2026-12-02: 7 planned, 49
        // refused by it, most for naming no single object); fewer than 1 in 300 means the generator has stopped
        // producing the words of the rules.
        #expect(
            (tally.planned + tally.plannerErrors) * 300 >= tally.inputs, "word salads hardly reach the planner: \(tally)")
        #expect(tally.exercised, "word salads did not reach the planner: \(tally)")
    }
}
