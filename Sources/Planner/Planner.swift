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
        for said in intents {
            let part: ExecutionPlan
            if let every = try await planEveryObject(said, request: request) {
                part = every
            } else {
                let intent = try Self.scoped(said)
                guard let planner = Self.registry[intent.action] else { throw .unsupportedAction(intent.action) }
                part = try await planner.plan(intent, request: request, context: context)
            }
            plan.steps += part.steps
            plan.notes += part.notes
            plan.subjects += part.subjects
            plan.findings += part.findings
            plan.analyzed = plan.analyzed || part.analyzed
            if let namespace = part.sessionNamespace { plan.sessionNamespace = namespace }
            if let undoes = part.undoes { plan.undoes = undoes }
            outcomes.append(part.outcome)
        }
        plan.outcome = outcomes.joined(separator: "\n")
        return plan
    }
}
