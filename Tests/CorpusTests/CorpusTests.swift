import Intent
import RequestCorpus
import TestSupport
import Testing

/// The labelled corpus: at least 400 requests over every action, each with the exact commands it must plan.
@Suite("Request corpus")
struct CorpusTests {
    @Test("accuracy over the corpus is at least 98%, and every action is covered")
    func accuracy() async throws {
        let corpus = try RequestCorpus.load()
        let results = await corpus.evaluateAll(catalog: Catalog.shared)
        let correct = results.filter(\.correct).count
        let accuracy = Double(correct) / Double(max(results.count, 1))
        for miss in results where !miss.correct {
            print(
                "corpus miss [\(miss.testCase.file ?? "?")] \"\(miss.testCase.request)\": \(miss.actual.replacingOccurrences(of: "\n", with: " | "))"
            )
        }
        #expect(
            accuracy >= 0.98,
            "corpus accuracy \(correct)/\(results.count); `swift run kagent-bench corpus` lists the misses")
        #expect(results.count >= 1)
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

    @Test("no request in the corpus that must not be understood produces a changing plan")
    func noGuessing() async throws {
        let corpus = try RequestCorpus.load()
        for testCase in corpus.cases where testCase.understood == false {
            let result = await corpus.evaluate(testCase, catalog: Catalog.shared)
            #expect(result.correct, "\"\(testCase.request)\" was planned: \(result.actual)")
        }
    }
}
