import Intent
import Planner
import RequestCorpus
import TestSupport
import Testing

/// The labelled corpus: requests over every action of the catalogue, each with the exact commands it must plan.
@Suite("Request corpus")
struct CorpusTests {
    @Test("every action of the catalogue has corpus cases and every case passes (overall accuracy is a second figure)")
    func everyActionPasses() async throws {
        let corpus = try RequestCorpus.load()
        let actions = Set(Catalog.shared.rules.map(\.action))
        guard !actions.isEmpty else {
            Issue.record("the rule catalogue is empty: rules/ does not load (see \"rules/ loads\" in IntentTests)")
            return
        }
        let results = await corpus.evaluateAll(catalog: Catalog.shared)
        for (action, cases) in RequestCorpus.byAction(results, actions: actions) {
            let misses = cases.filter { !$0.correct }
            guard actions.contains(action) else {
                Issue.record("\(cases.count) corpus cases are labelled '\(action)', an action no rule names")
                continue
            }
            #expect(!cases.isEmpty, "action '\(action)' has no corpus cases: add Tests/Corpus/\(action).yaml")
            if !misses.isEmpty {
                print("corpus misses for \(action): \(misses.count) of \(cases.count)")
                for miss in misses { print("  \(miss.missDescription)") }
            }
            #expect(
                misses.count == 0,
                "action '\(action)': \(misses.count) of \(cases.count) corpus cases miss:\n\(misses.map(\.missDescription).joined(separator: "\n"))"
            )
        }
        let correct = results.filter(\.correct).count
        let accuracy = Double(correct) / Double(max(results.count, 1))
        print("corpus: \(correct)/\(results.count) correct over \(actions.count) actions")
        #expect(
            accuracy >= 0.98,
            "corpus accuracy \(correct)/\(results.count); `swift run kagent-bench corpus` lists the misses")
    }

    @Test("every change the corpus plans says how undo puts it back, or why it cannot, before it runs")
    func everyChangeHasAReversal() async throws {
        let corpus = try RequestCorpus.load()
        let results = await corpus.evaluateAll(catalog: Catalog.shared)
        var changes = 0
        var reversible = 0
        for result in results {
            guard let plan = result.plan else { continue }
            for step in plan.steps where step.mutating {
                changes += 1
                let request = result.testCase.request
                guard let reversal = step.reversal else {
                    Issue.record("\"\(request)\": step \"\(step.summary)\" does not say how to undo it")
                    continue
                }
                #expect(!reversal.summary.isEmpty, "\"\(request)\": an empty undo summary")
                if reversal.isPossible {
                    reversible += 1
                    #expect(reversal.steps.contains { $0.mutating }, "\"\(request)\": an undo that changes nothing")
                    for undo in reversal.steps {
                        #expect(undo.input == nil, "\"\(request)\": an undo step with standard input")
                        #expect(undo.reversal == nil, "\"\(request)\": undo steps are not undone again")
                        if undo.argv.first == "kubectl", !undo.argv.contains("config") {
                            #expect(
                                undo.argv.contains("--context=kagent-sandbox"),
                                "\"\(request)\": the undo does not name the context it was planned in: \(undo.argv)")
                        }
                    }
                }
            }
        }
        #expect(changes > 100, "the corpus has changing plans")
        #expect(reversible > changes / 3, "most changes can be undone")
    }

    @Test("the actions kagent treats as read-only (no quantifier refusal, every namespace allowed) change nothing")
    func readOnlyActionsChangeNothing() async throws {
        let corpus = try RequestCorpus.load()
        let results = await corpus.evaluateAll(catalog: Catalog.shared)
        var checked = 0
        for result in results {
            guard let plan = result.plan else { continue }
            for intent in plan.intents where Planner.readOnlyActions.contains(intent.action) {
                checked += 1
                #expect(
                    plan.isReadOnly,
                    "\"\(result.testCase.request)\": action '\(intent.action)' is listed read-only but plans a change")
            }
        }
        #expect(checked > 100, "the corpus has read-only plans")
    }

    @Test("no request in the corpus that must not be understood produces a changing plan")
    func noGuessing() async throws {
        let corpus = try RequestCorpus.load()
        for testCase in corpus.cases where testCase.understood == false {
            let result = await corpus.evaluate(testCase, catalog: Catalog.shared)
            #expect(result.correct, "\"\(testCase.request)\" was planned: \(result.actual)")
        }
    }
}
