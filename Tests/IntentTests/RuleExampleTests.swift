import Intent
import TestSupport
import Testing

/// Every example embedded in every rule of rules/, run as its own test case.
@Suite("Rule examples")
struct RuleExampleTests {
    struct MatchCase: CustomTestStringConvertible, Sendable {
        let rule: IntentRule
        let example: IntentRule.MatchExample
        var testDescription: String { "\(rule.file) \(rule.id): \"\(example.request)\"" }
    }

    struct NonMatchCase: CustomTestStringConvertible, Sendable {
        let rule: IntentRule
        let request: String
        var testDescription: String { "\(rule.file) \(rule.id) must not match \"\(request)\"" }
    }

    static let matchCases = Catalog.shared.rules.flatMap { rule in
        rule.matchExamples.map { MatchCase(rule: rule, example: $0) }
    }
    static let nonMatchCases = Catalog.shared.rules.flatMap { rule in
        rule.nonMatchExamples.map { NonMatchCase(rule: rule, request: $0) }
    }

    @Test("a match example produces exactly its intent, through its own rule", arguments: matchCases)
    func matchExample(_ testCase: MatchCase) throws {
        let outcome = try Catalog.shared.parse(testCase.example.request)
        guard case .understood(let intents) = outcome else {
            Issue.record(
                "\(testCase.rule.file) \(testCase.rule.id): \"\(testCase.example.request)\" was not understood: \(outcome)"
            )
            return
        }
        #expect(intents.count == 1, "\(testCase.rule.id): one intent expected, got \(intents)")
        let intent = try #require(intents.first)
        #expect(
            intent.sameRequest(as: testCase.example.intent),
            "\(testCase.rule.file) \(testCase.rule.id): \"\(testCase.example.request)\" gave \(intent.action) \(intent.slots), expected \(testCase.example.intent.action) \(testCase.example.intent.slots)"
        )
        #expect(
            intent.source == .rule(id: testCase.rule.id), "\(testCase.rule.id): matched by \(intent.source) instead")
    }

    @Test("a non-match example is not matched by its rule", arguments: nonMatchCases)
    func nonMatchExample(_ testCase: NonMatchCase) {
        let matching = Catalog.shared.rulesMatching(testCase.request)
        #expect(
            !matching.contains(testCase.rule.id),
            "\(testCase.rule.file) \(testCase.rule.id) matched \"\(testCase.request)\"")
    }
}

@Suite("Rule catalogue")
struct RuleCatalogTests {
    @Test("every rule has a description, an action, and both kinds of example")
    func everyRuleIsComplete() {
        #expect(Catalog.shared.rules.count >= 5)
        for rule in Catalog.shared.rules {
            #expect(!rule.description.isEmpty, "\(rule.file) \(rule.id) has no description")
            #expect(!rule.matchExamples.isEmpty, "\(rule.file) \(rule.id) has no match example")
            #expect(!rule.nonMatchExamples.isEmpty, "\(rule.file) \(rule.id) has no no_match example")
            for example in rule.matchExamples {
                #expect(
                    example.intent.action == rule.action,
                    "\(rule.id): example \"\(example.request)\" names action \(example.intent.action)")
            }
        }
    }

    @Test("rules/ loads as kagent loads it: ids unique across files and snake_case, every action planned")
    func idsAreUnique() {
        // Loading refuses a repeated id (and a bad pattern, file or action) with an error naming the file and
        // the rule; Catalog.shared is then empty, so the error is reported here rather than stopping the run.
        let catalog: RuleCatalog
        do {
            catalog = try Catalog.loaded.get()
        } catch {
            Issue.record("rules/ does not load: \(error.localizedDescription)")
            return
        }
        let ids = catalog.rules.map(\.id)
        #expect(!ids.isEmpty, "rules/ holds no rules")
        #expect(
            Set(ids).count == ids.count,
            "repeated ids: \(Dictionary(grouping: ids) { $0 }.filter { $0.value.count > 1 }.keys.sorted())")
        for id in ids {
            #expect(id.allSatisfy { $0.isLowercase || $0.isNumber || $0 == "_" }, "\(id) is not snake_case")
        }
    }

    @Test("a rule file with a broken pattern is refused with the file and id named")
    func brokenPatternIsNamed() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "lexicon.yaml",
            contents: String(contentsOf: Repository.rules.appendingPathComponent("lexicon.yaml"), encoding: .utf8))
        try folder.write(
            "broken.yaml",
            contents: """
                rules:
                  - id: broken_rule
                    action: scale
                    description: broken on purpose
                    patterns: ["scale [{name} to {replicas:count}"]
                    examples:
                      match: []
                """)
        #expect(throws: IntentError.self) { try RuleCatalog.load(from: folder.url) }
        do {
            _ = try RuleCatalog.load(from: folder.url)
        } catch {
            let message = error.localizedDescription
            #expect(message.contains("broken_rule") && message.contains("broken.yaml"), "\(message)")
        }
    }

    @Test("a duplicated id is refused")
    func duplicateIDIsRefused() throws {
        let folder = try TemporaryFolder()
        try folder.write(
            "lexicon.yaml",
            contents: String(contentsOf: Repository.rules.appendingPathComponent("lexicon.yaml"), encoding: .utf8))
        let rule = """
            rules:
              - id: same_id
                action: scale
                description: twice
                patterns: ["scale {name} to {replicas:count}"]
                examples:
                  match: []
            """
        try folder.write("a.yaml", contents: rule)
        try folder.write("b.yaml", contents: rule)
        #expect(throws: IntentError.duplicateRuleID("same_id", files: ["a.yaml", "b.yaml"])) {
            try RuleCatalog.load(from: folder.url)
        }
    }

    @Test("a word of chat said in passing is no frame's word, no slot's anchor, no kind and no filler")
    func chatWordsSayNothing() {
        var said: Set<String> = []
        for rule in Catalog.shared.rules {
            guard let frame = rule.frame else { continue }
            said.formUnion(frame.ownWords)
            for slot in frame.slots { said.formUnion((slot.after + slot.before).flatMap { $0 }) }
        }
        let lexicon = Catalog.shared.lexicon
        for (kind, aliases) in lexicon.kinds { said.formUnion([kind] + aliases) }
        said.formUnion(lexicon.fillers.filter { !$0.contains(" ") })
        let both = RequestFrame.chatWords.intersection(said).sorted()
        #expect(both.isEmpty, "chat words that some rule reads as meaning something: \(both)")
    }

    @Test("a frame that reads a word reads its synonyms from the lexicon too")
    func synonymsReachEveryFrame() {
        let synonyms = Catalog.shared.lexicon.synonyms
        #expect(!synonyms.isEmpty)
        for rule in Catalog.shared.rules {
            guard let frame = rule.frame else { continue }
            // The phrases of its cues, and of each group of words it needs.
            for phrases in [frame.cues] + frame.needs {
                for (word, others) in synonyms where phrases.contains([word]) {
                    let missing = others.map { $0.split(separator: " ").map(String.init) }.filter { !phrases.contains($0) }
                    #expect(missing.isEmpty, "\(rule.id) reads '\(word)' but not \(missing)")
                }
            }
        }
    }
}
