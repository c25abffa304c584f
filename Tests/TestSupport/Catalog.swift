import Intent
import Planner

/// The rule catalogue of the repository, loaded once for all tests.
public enum Catalog {
    /// Loading rules/ as kagent does (every rule's action must have a planner): the catalogue, or the error
    /// naming the file and rule at fault.
    public static let loaded: Result<RuleCatalog, IntentError> = Result { () throws(IntentError) in
        try RuleCatalog.load(from: Repository.rules, actions: Planner.ruleActions)
    }

    /// The catalogue, for the tests that use one. When rules/ does not load this is an empty catalogue rather
    /// than a stopped process: every test still runs, the tests that need rules fail on their own, and
    /// "rules/ loads" (IntentTests) names the file and rule at fault.
    public static var shared: RuleCatalog {
        (try? loaded.get()) ?? RuleCatalog(rules: [], lexicon: .empty)
    }
}
