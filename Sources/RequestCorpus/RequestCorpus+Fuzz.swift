import Intent
import Planner

extension RequestCorpus {
    /// Runs one input through the rules, the conversation memory and the planner (nothing runs), against the
    /// fixture cluster, and adds its outcome to the tally.
    public func fuzz(_ request: String, catalog: RuleCatalog, into tally: inout FuzzTally) async {
        let outcome: FuzzTally.Outcome
        switch try? catalog.parse(request) {
        case nil: outcome = .refused
        case .notUnderstood?: outcome = .notUnderstood
        case .understood(let intents)?:
            if let resolved = try? ConversationMemory().resolve(intents) {
                do {
                    outcome = .planned(
                        try await Planner(context: context(for: .init(request: request)))
                            .plan(request: request, intents: resolved))
                } catch {
                    outcome = .plannerError
                }
            } else {
                outcome = .unresolved
            }
        }
        tally.add(request, outcome: outcome)
    }

    /// `count` seeded inputs of one generator through ``fuzz(_:catalog:into:)``.
    public func fuzz(_ generator: RandomRequests.Generator, count: Int, seed: UInt64, catalog: RuleCatalog) async
        -> FuzzTally
    {
        var random = RandomRequests(seed: seed, catalog: catalog)
        var tally = FuzzTally(generator: generator)
        for _ in 0..<count { await fuzz(random.request(from: generator), catalog: catalog, into: &tally) }
        return tally
    }
}
