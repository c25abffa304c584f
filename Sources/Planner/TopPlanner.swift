import Intent

/// Plans `top`: CPU and memory use of pods (`kubectl top pods --namespace=NS`) or nodes (`kubectl top nodes`),
/// optionally sorted (`--sort-by=cpu|memory`). Needs the cluster's metrics API (metrics-server).
struct TopPlanner: ActionPlanner {
    let actions = ["top"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let kind = intent.text("kind") ?? "pod"
        var argv: [String]
        var place = ""
        switch kind {
        case "pod":
            let scope = try GetPlanner.scope(of: intent, context: context)
            argv = ["top", "pods", scope.argument]
            place = scope.description
        case "node":
            argv = ["top", "nodes"]
        default:
            throw .invalidValue(slot: "kind", value: kind, reason: "usage is shown for pods or nodes")
        }
        if let sort = intent.text("sort") {
            guard ["cpu", "memory"].contains(sort) else {
                throw .invalidValue(slot: "sort", value: sort, reason: "sort by cpu or memory")
            }
            argv.append("--sort-by=\(sort)")
        }
        let what = "the CPU and memory use of the \(kind)s\(place)"
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [PlanStep(argv: context.kubectl(argv), mutating: false, summary: "show \(what)")],
            outcome: "shown: \(what)")
    }
}
