import Intent

/// Plans `describe`: the object a name means among the common kinds → `kubectl describe KIND NAME --namespace=NS`.
struct DescribePlanner: ActionPlanner {
    let actions = ["describe"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let name = intent.text("name") else {
            throw .invalidValue(slot: "name", value: "", reason: "say what to describe, for example: describe backend")
        }
        if let kind = intent.text("kind"), ResourceKind.named(kind) == nil {
            throw .invalidValue(slot: "kind", value: kind, reason: "kagent does not know this kind")
        }
        let resolved = try await context.resolve(name, preferring: ResourceKind.lookingPreference, for: intent)
        let object = resolved.object
        let argv = context.kubectl(["describe", object.kind, object.name] + context.namespaceArguments(for: object))
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [PlanStep(argv: argv, mutating: false, summary: "describe \(object.displayName)")],
            notes: resolved.note.map { [$0] } ?? [], outcome: "described \(object.displayName)", subjects: [object])
    }
}
