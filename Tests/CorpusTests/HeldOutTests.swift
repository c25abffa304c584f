import Intent
import Planner
import RequestCorpus
import TestSupport
import Testing

/// The held-out sets (Tests/HeldOut): heldout.yaml, 389 requests written in six voices by someone who never read
/// rules/ or the corpus, before the parser read requests by meaning; heldout2.yaml, 160 more written the same way
/// while the change was under way and never looked at since; heldout3.yaml and heldout4.yaml, 150 more each written
/// on 2026-12-07 (set 3 has since been read to find general causes; set 4's misses are not read); heldout5.yaml, 100
/// chat messages and newcomers' requests written the same day, misses not read; heldout6.yaml, 120 more of those
/// voices, a development set whose misses were read; heldout7.yaml, 120 in six voices (chat, question, newcomer,
/// typo, everyday, safety) written blind on 2026-12-07 at 662559f, misses not read; heldout8.yaml, 120 more in those
/// voices written blind at eb6f402, misses not read. They measure understanding, not memory; their cases are never
/// tuned on. `kagent-bench heldout --misses` lists what they miss, to find general causes.
@Suite("Held-out requests")
struct HeldOutTests {
    /// The accuracy over the eight sets (81.1% when set 8 was added: 1,061/1,309; 82.0% at the end of 2026-12-07): a
    /// floor that only goes up.
    static let floor = 0.815

    @Test("the held-out set stays at its measured accuracy, and no changing plan is a guess")
    func heldOut() async throws {
        let corpus = try RequestCorpus.load(
            from: RequestCorpus.heldOutDirectory,
            cluster: RequestCorpus.defaultDirectory.appendingPathComponent("cluster.yaml"))
        #expect(corpus.cases.count >= 1_309, "the held-out sets lost cases: \(corpus.cases.count)")
        let results = await corpus.evaluateAll(catalog: Catalog.shared)
        let correct = results.filter(\.correct).count
        let accuracy = Double(correct) / Double(max(results.count, 1))
        print("held-out: \(correct)/\(results.count) correct")
        #expect(
            accuracy >= Self.floor,
            "held-out accuracy fell to \(correct)/\(results.count); `kagent-bench heldout --misses` lists the misses")

        // A wrong changing plan is the one miss that must not be. A kubectl line run exactly as typed (without
        // kagent's read-back) is the user's own command, not a guess; every other one is listed and must not grow.
        let wrong = results.filter(\.isWrongChangingPlan)
        let guesses = wrong.filter { result in
            result.plan?.intents.first?.action != "passthrough"
        }
        // Known, and said in the note, where the label and kagent read the words differently and kagent's
        // reading is what was said: "write me a deployment file for the frontend …" names the new deployment
        // `frontend` (the label says todo-frontend).
        #expect(
            guesses.count <= 1,
            "changing plans that are not what was asked:\n\(guesses.map(\.missDescription).joined(separator: "\n"))")
        let literal = wrong.count - guesses.count
        print("held-out: \(wrong.count) changing plans not as labelled, \(literal) of them kubectl lines run as typed")
    }

    /// The template families' sets (Tests/HeldOut/Templates): set 9, 120 requests written blind before the families
    /// existed (0 of its 85 first-built cases understood before; its misses were then read: a development set), and
    /// set 10, 120 more written blind while they were built (31 of 84 at d25dc0d; misses then read). 94/240 (39.2%)
    /// at the end of 2026-12-07: a floor that only goes up. A case kagent cannot yet plan at all has `steps: []`.
    static let templatesFloor = 0.39

    @Test("the template families' held-out sets stay at their measured accuracy, and no changing plan is a guess")
    func templates() async throws {
        let corpus = try RequestCorpus.load(
            from: RequestCorpus.templatesHeldOutDirectory,
            cluster: RequestCorpus.defaultDirectory.appendingPathComponent("cluster.yaml"))
        #expect(corpus.cases.count >= 240, "the template sets lost cases: \(corpus.cases.count)")
        let results = await corpus.evaluateAll(catalog: Catalog.shared)
        let correct = results.filter(\.correct).count
        print("template held-out: \(correct)/\(results.count) correct")
        #expect(
            Double(correct) / Double(max(results.count, 1)) >= Self.templatesFloor,
            "accuracy fell to \(correct)/\(results.count); `kagent-bench heldout --templates --misses` lists the misses")
        let wrong = results.filter(\.isWrongChangingPlan)
        #expect(wrong.isEmpty, "changing plans that are not what was asked:\n\(wrong.map(\.missDescription).joined(separator: "\n"))")
    }
}
