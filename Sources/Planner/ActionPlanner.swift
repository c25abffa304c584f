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
    /// Every action planner, by action.
    static let registry: [String: any ActionPlanner] = {
        var table: [String: any ActionPlanner] = [:]
        for planner in [ScalePlanner()] + lookPlanners + changePlanners + createPlanners + contextPlanners
            + dockerPlanners + helmPlanners + deployPlanners + troubleshootPlanners + [UndoPlanner()]
        {
            for action in planner.actions { table[action] = planner }
        }
        return table
    }()

    /// The actions kagent can plan.
    public static var plannableActions: Set<String> { Set(registry.keys) }
}
