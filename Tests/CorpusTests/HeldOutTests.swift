import Foundation
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
/// voices written blind at eb6f402 (sets 7 and 8 were read in the sixth session: development sets now);
/// heldout11.yaml, 160 in six voices written blind on 2026-12-07 (117/160 at e4e853f, and still 117 after that
/// session's first 16 changes to the reading; then a development set); heldout12.yaml, 160 more written blind the same
/// day (116/160 at e4e853f, 123/160 at the session's end, 124 at the seventh's; its misses were not read, though
/// the seventh session once printed part of them by mistake and fixed the one wrong changing plan); heldout13a.yaml and heldout13b.yaml, the
/// even and odd cases of 160 written blind on 2026-12-07 in five voices (an SRE on call, a student, team chat, English
/// as a second language, a developer of the example apps): 42/80 and 49/80 at 98b8e3f; part a is a development set,
/// part b's misses are not read (71/80 and 51/80 at the seventh session's end); heldout16.yaml, 120 in five voices
/// (newcomer, typist, chat, flags, question) written blind at the ninth session's start (72/120 at 80e7a46), misses not
/// read (only its two wrong changing plans were, to fix their general causes); heldout17.yaml, 120 in five voices
/// (on call, English as a second language, chat, scripted, question) written blind at the tenth session's start
/// (71/120 at b9dcf8d), misses not read (only its one wrong changing plan was); heldout18.yaml, 150 written the same
/// day by a helper that never read the rules, aimed at the actions the blind sets miss most, in five voices: a
/// development set (64/150 at b9dcf8d, 88/150 at the session's end). They measure understanding, not memory;
/// their cases are never tuned on. `kagent-bench heldout --misses` lists what they miss, to find general causes.
@Suite("Held-out requests")
struct HeldOutTests {
    /// The accuracy over all the sets (81.1% over eight when set 8 was added: 1,061/1,309; 84.7% over nine when set
    /// 11 was added: 1,244/1,469; 85.6% over ten when set 12 was: 1,394/1,629; 83.3% over twelve when set 13's two
    /// parts were: 1,490/1,789; 85.3% at the seventh session's end: 1,526/1,789; 85.5% at the eighth's: 1,530/1,789;
    /// 83.9% over fourteen when set 16 was added: 1,602/1,909; 86.7% at the ninth session's end: 1,656/1,909; 85.1%
    /// over fifteen when set 17 was added: 1,727/2,029; 83.6% over sixteen when set 18 was: 1,822/2,179; 84.7% at the
    /// tenth session's end: 1,846/2,179): a floor that only goes up while the sets stay the same.
    static let floor = 0.84

    /// Changing plans known to differ from their label, each said in the note, where the label and kagent
    /// read the words differently: "write me a deployment file for the frontend …" names the new deployment
    /// `frontend` (the label says todo-frontend); "… only pods that are fine with gpu work should go onto worker-2,
    /// mark it with gpu=true" is read as a label on the node, where the writer meant a taint; "run redis-cli ping in
    /// the cache pod" runs it in `statefulset/srvthreds-cache` (its one pod) where the label names the pod.
    static let knownMisreadings = [
        "Could you write me a deployment file for the frontend",
        "from now on only pods that are fine with gpu work should go onto worker-2",
        "run redis-cli ping in the cache pod",
    ]

    /// The sets in `directory` planned against the corpus's fixture cluster, checked to hold at least `cases` cases and
    /// to stay at their `floor`; `bench` is the command that lists the misses.
    static func evaluate(_ directory: URL, cases: Int, floor: Double, bench: String) async throws
        -> [RequestCorpus.Result]
    {
        let corpus = try RequestCorpus.load(
            from: directory, cluster: RequestCorpus.defaultDirectory.appendingPathComponent("cluster.yaml"))
        #expect(corpus.cases.count >= cases, "the sets lost cases: \(corpus.cases.count)")
        let results = await corpus.evaluateAll(catalog: Catalog.shared)
        let correct = results.filter(\.correct).count
        print("\(directory.lastPathComponent): \(correct)/\(results.count) correct")
        #expect(
            Double(correct) / Double(max(results.count, 1)) >= floor,
            "accuracy fell to \(correct)/\(results.count); `\(bench)` lists the misses")
        return results
    }

    @Test("the held-out set stays at its measured accuracy, and no changing plan is a guess")
    func heldOut() async throws {
        let results = try await Self.evaluate(
            RequestCorpus.heldOutDirectory, cases: 2_179, floor: Self.floor, bench: "kagent-bench heldout --misses")

        // A wrong changing plan is the one miss that must not be. A kubectl line run exactly as typed (without
        // kagent's read-back) is the user's own command, not a guess; every other one is listed and must not grow.
        let wrong = results.filter(\.isWrongChangingPlan)
        let guesses = wrong.filter { result in
            result.plan?.intents.first?.action != "passthrough"
        }
        let unknown = guesses.filter { result in
            !Self.knownMisreadings.contains { result.testCase.request.hasPrefix($0) }
        }
        #expect(
            unknown.isEmpty,
            "changing plans that are not what was asked:\n\(unknown.map(\.missDescription).joined(separator: "\n"))")
        let literal = wrong.count - guesses.count
        print("held-out: \(wrong.count) changing plans not as labelled, \(literal) of them kubectl lines run as typed")
    }

    /// The template families' sets (Tests/HeldOut/Templates): set 9, 120 requests written blind before the families
    /// existed (0 of its 85 first-built cases understood before; its misses were then read: a development set), and
    /// set 10, 120 more written blind while they were built (31 of 84 at d25dc0d; misses then read). 94/240 (39.2%)
    /// at the end of the fifth session, 103/240 (42.9%) at the sixth's, 104/240 (43.3%) at the seventh's. Set 14, 60
    /// written blind in the eighth session for the families built then (a deployment created in the cluster, pod
    /// labels and init containers, egress and open-ingress policies): 0/60 at ec6811b; its even half (14a) is a
    /// development set, its odd half's (14b) misses are not read. 128/300 (42.7%) with it, 132/300 (44.0%) at the eighth
    /// session's end. Set 15, 28 more written blind at that session's end for the families built then (roles with
    /// access kind by kind, bindings for several subjects, pods by phase or node, sidecars and secret volumes): 1/28
    /// when added, its misses not read; 133/328 (40.5%) with it, 140/328 (42.7%) at the ninth session's end, 141/328 (43.0%) at the tenth's: a floor
    /// that only goes up. A case kagent cannot yet plan at all has `steps: []`.
    static let templatesFloor = 0.42

    @Test("the template families' held-out sets stay at their measured accuracy, and no changing plan is a guess")
    func templates() async throws {
        let results = try await Self.evaluate(
            RequestCorpus.templatesHeldOutDirectory, cases: 328, floor: Self.templatesFloor,
            bench: "kagent-bench heldout --templates --misses")
        let wrong = results.filter(\.isWrongChangingPlan)
        #expect(wrong.isEmpty, "changing plans that are not what was asked:\n\(wrong.map(\.missDescription).joined(separator: "\n"))")
    }
}
