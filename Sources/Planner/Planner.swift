import Intent

/// Turns intents into one execution plan, reading the cluster (read-only) to resolve names.
public struct Planner: Sendable {
    public let context: PlanningContext

    public init(context: PlanningContext) {
        self.context = context
    }

    /// The plan for a request's intents, in order. Nothing runs while planning but read-only reads.
    /// - Throws: ``PlannerError`` when a name is unknown or ambiguous, a value is out of range,
    ///   or the cluster cannot be read.
    public func plan(request: String, intents: [UserIntent]) async throws(PlannerError) -> ExecutionPlan {
        var plan = ExecutionPlan(request: request, intents: intents, steps: [], outcome: "")
        var outcomes: [String] = []
        for intent in intents {
            let part: ExecutionPlan
            switch intent.action {
            case ScalePlanner.action:
                part = try await ScalePlanner(context: context).plan(intent, request: request)
            default:
                throw .unsupportedAction(intent.action)
            }
            plan.steps += part.steps
            plan.notes += part.notes
            outcomes.append(part.outcome)
        }
        plan.outcome = outcomes.joined(separator: "\n")
        return plan
    }

    /// The namespace an intent is about: the request's, else `-n`, else nil (search, or kubectl's default).
    static func namespace(of intent: UserIntent, in context: PlanningContext) throws(PlannerError) -> String? {
        let said = intent.text("namespace")
        if let said, let flag = context.namespace, said != flag {
            throw .namespaceConflict(flag: flag, request: said)
        }
        return said ?? context.namespace
    }
}
