import Intent

/// Plans the intents of one family of actions. Each planner lives in its own file and is listed in one
/// of the `Planner+*.swift` registries.
public protocol ActionPlanner: Sendable {
    /// The intent actions it plans ("scale").
    var actions: [String] { get }
    /// The steps for one intent. Reads the cluster only through `context.cluster`, read-only.
    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
}

extension Planner {
    /// Every action planner, in the order of the `Planner+*.swift` registries.
    static let planners: [any ActionPlanner] =
        [ScalePlanner()] + lookPlanners + changePlanners + createPlanners + contextPlanners + dockerPlanners
        + helmPlanners + deployPlanners + troubleshootPlanners + [UndoPlanner()]

    /// Every action planner, by action. An action claimed twice goes to the first planner that claims it
    /// (a test checks that none is: ``doublyPlannedActions``).
    static let registry: [String: any ActionPlanner] = {
        var table: [String: any ActionPlanner] = [:]
        for planner in planners {
            for action in planner.actions where table[action] == nil { table[action] = planner }
        }
        return table
    }()

    /// The actions kagent can plan.
    public static var plannableActions: Set<String> { Set(registry.keys) }

    /// The actions a rule may name: every planned action, and `repeat`, which ``ConversationMemory`` resolves
    /// into the intents it repeats before anything is planned. `RuleCatalog.load(from:cacheDirectory:actions:)`
    /// refuses a rule naming any other.
    public static var ruleActions: Set<String> { plannableActions.union([ConversationMemory.repeatAction]) }

    /// Actions listed by more than one planner: only the first would ever plan them.
    public static var doublyPlannedActions: [String] {
        var counts: [String: Int] = [:]
        for planner in planners { for action in planner.actions { counts[action, default: 0] += 1 } }
        return counts.filter { $0.value > 1 }.keys.sorted()
    }
}
