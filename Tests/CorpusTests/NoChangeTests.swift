import Foundation
import RequestCorpus
import TestSupport
import Testing

/// Tests/NoChange: 350 messages that are no order (statements, reports, advice asked, conditions,
/// negations, retractions, others' requests quoted, wishes, complaints, vague orders), written blind. None may
/// become a plan that changes anything: each is planned against the fixture cluster, as the corpus is.
@Suite("Messages that are no order")
struct NoChangeTests {
    static let requests: [String] = ["requests.txt", "requests2.txt"].flatMap { name -> [String] in
        let file = Repository.root.appendingPathComponent("Tests/NoChange/" + name)
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").map(String.init).filter { !$0.hasPrefix("#") && !$0.isEmpty }
    }

    @Test("none of them becomes a changing plan")
    func noChange() async throws {
        #expect(Self.requests.count >= 350, "the lists lost lines: \(Self.requests.count)")
        let corpus = try RequestCorpus.load()
        var changed: [String] = []
        for request in Self.requests {
            var testCase = RequestCorpus.Case(request: request)
            testCase.refuse = true
            let result = await corpus.evaluate(testCase, catalog: Catalog.shared)
            if !result.correct { changed.append(result.missDescription) }
        }
        #expect(changed.isEmpty, "changing plans from messages that are no order:\n\(changed.joined(separator: "\n"))")
    }
}
