import Intent
import Planner
import TestSupport
import Testing

/// Actions are strings in the rule files; this is the check that each one reaches a planner.
@Suite("Action registry")
struct ActionRegistryTests {
    @Test("every rule's action has a planner (or is `repeat`, resolved by the conversation memory)")
    func everyRuleActionIsPlanned() throws {
        // Loaded here without the action check that Catalog.shared applies, so that a rule naming an
        // unplanned action is reported by its file and id rather than by the catalogue failing to load.
        let catalog = try RuleCatalog.load(from: Repository.rules)
        #expect(!catalog.rules.isEmpty)
        for rule in catalog.rules where !Planner.ruleActions.contains(rule.action) {
            Issue.record(
                "\(rule.file) \(rule.id): action '\(rule.action)' has no planner (add it to a planner's `actions`)")
        }
        #expect(!Planner.plannableActions.contains(ConversationMemory.repeatAction))
    }

    @Test("every planned action is named by a rule (or is the model's objects), and by one planner only")
    func everyPlannedActionIsReachable() throws {
        let ruled = Set(try RuleCatalog.load(from: Repository.rules).rules.map(\.action))
        // Objects a model answered with are no rule's: only ModelSchema makes that intent.
        let unreachable = Planner.plannableActions.subtracting(ruled).subtracting([ModelObjects.action]).sorted()
        #expect(unreachable.isEmpty, "planned actions no rule names: \(unreachable)")
        #expect(Planner.doublyPlannedActions.isEmpty, "actions listed by two planners: \(Planner.doublyPlannedActions)")
    }
}
