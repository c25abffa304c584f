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

    @Test("no request in the corpus that must not be understood produces a changing plan")
    func noGuessing() async throws {
        let corpus = try RequestCorpus.load()
        for testCase in corpus.cases where testCase.understood == false {
            let result = await corpus.evaluate(testCase, catalog: Catalog.shared)
            #expect(result.correct, "\"\(testCase.request)\" was planned: \(result.actual)")
        }
    }
}
