import Intent

/// Plans `rollback`: `kubectl rollout undo` (to the previous revision, or the one asked for), then `rollout status`.
///
/// Helm releases are rolled back by the helm planner ("roll back the backend release").
struct RollbackPlanner: ActionPlanner {
    let actions = ["rollback"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let resolved = try await context.resolveWorkload(
            intent, kinds: PlanningContext.rolloutKinds, verb: "rolled back", example: "roll back backend")
        let target = resolved.object
        var arguments = ["rollout", "undo", target.reference] + context.namespaceArguments(for: target)
        var what = "the previous revision"
        if let revision = intent.number("revision") {
            guard revision >= 1 else {
                throw .invalidValue(
                    slot: "revision", value: String(revision),
                    reason: "revisions start at 1 (see kubectl rollout history)")
            }
            arguments.append("--to-revision=\(revision)")
            what = "revision \(revision)"
        }
        let steps = [
            context.changeStep(arguments, summary: "roll \(target.displayName) back to \(what)")
                .undone(by: context.templateReversal(of: target, what: "the pod template")),
            context.rolloutStatusStep(target),
        ]
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: resolved.note.map { [$0] } ?? [],
            outcome: "rolled \(target.displayName) back to \(what); its pods are ready", subjects: [target])
    }
}
