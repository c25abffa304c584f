import Intent

/// Plans `describe`: the object a name means among the common kinds → `kubectl describe KIND NAME --namespace=NS`.
struct DescribePlanner: ActionPlanner {
    let actions = ["describe"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        if let kind = intent.text("kind"), ResourceKind.named(kind) == nil {
            throw .invalidValue(slot: "kind", value: kind, reason: "kagent does not know this kind")
        }
        guard let name = intent.text("name") else {
            guard let kind = intent.text("kind").flatMap(ResourceKind.named) else {
                throw .invalidValue(
                    slot: "name", value: "", reason: "say what to describe, for example: describe backend")
            }
            // "describe pods in todo": every object of the kind.
            var argv = ["describe", kind.plural]
            var place = ""
            if kind.namespaced {
                let scope = try GetPlanner.scope(of: intent, context: context)
                argv.append(scope.argument)
                place = scope.description
            }
            return ExecutionPlan(
                request: request, intents: [intent],
                steps: [
                    PlanStep(
                        argv: context.kubectl(argv), mutating: false, summary: "describe every \(kind.name)\(place)")
                ],
                outcome: "described the \(kind.plural)\(place)")
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
