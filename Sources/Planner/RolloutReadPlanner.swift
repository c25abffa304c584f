import Intent

/// Plans the reads of a rollout: `rollout_status` (`kubectl rollout status`, which waits until the workload's new
/// pods are ready, up to its timeout) and `rollout_history` (`kubectl rollout history`, one revision's template
/// with `--revision`) of a deployment, statefulset or daemonset.
struct RolloutReadPlanner: ActionPlanner {
    let actions = ["rollout_status", "rollout_history"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let history = intent.action == "rollout_history"
        let resolved = try await context.resolveWorkload(
            intent, kinds: PlanningContext.rolloutKinds, verb: history ? "looked at" : "checked",
            example: history ? "rollout history of backend" : "rollout status of backend")
        let target = resolved.object
        let notes = resolved.note.map { [$0] } ?? []
        guard history else {
            return ExecutionPlan(
                request: request, intents: [intent], steps: [context.rolloutStatusStep(target)], notes: notes,
                outcome: "the rollout of \(target.displayName) is complete: its new pods are ready", subjects: [target])
        }
        var argv = ["rollout", "history", target.reference] + context.namespaceArguments(for: target)
        var what = "the revisions of \(target.displayName)"
        if let revision = intent["revision"].flatMap(\.number) {
            guard revision > 0 else {
                throw .invalidValue(slot: "revision", value: String(revision), reason: "revisions are counted from 1")
            }
            argv.append("--revision=\(revision)")
            what = "revision \(revision) of \(target.displayName)"
        }
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [PlanStep(argv: context.kubectl(argv), mutating: false, summary: "show \(what)")],
            notes: notes, outcome: "showed \(what)", subjects: [target])
    }
}
