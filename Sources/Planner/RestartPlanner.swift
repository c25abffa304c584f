import Intent

/// Plans `restart`: `kubectl rollout restart` of a deployment, statefulset or daemonset, then `rollout status`.
///
/// "restart the backend pods" means the workload that owns them: pods themselves are replaced by restarting it.
struct RestartPlanner: ActionPlanner {
    let actions = ["restart"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        var intent = intent
        var notes: [String] = []
        if intent.text("kind") == "pod" {
            intent["kind"] = nil
            notes.append("pods are restarted by a rolling restart of the workload that runs them")
        }
        let resolved = try await context.resolveWorkload(
            intent, kinds: PlanningContext.rolloutKinds, verb: "restarted", example: "restart backend")
        let target = resolved.object
        notes += resolved.note.map { [$0] } ?? []
        let steps = [
            // kubectl rollout restart has no --dry-run: the step cannot be validated by the server beforehand.
            PlanStep(
                argv: context.kubectl(
                    ["rollout", "restart", target.reference] + context.namespaceArguments(for: target)),
                mutating: true, summary: "restart the pods of \(target.displayName), one by one"
            ).irreversible("a restart replaces the pods of \(target.displayName); the old pods cannot come back"),
            context.rolloutStatusStep(target),
        ]
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "restarted \(target.displayName): every pod was replaced and the new ones are ready",
            subjects: [target])
    }
}
