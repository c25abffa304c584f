import Intent

/// Plans `cordon`, `uncordon` and `drain` of a node, each followed by a read-back of spec.unschedulable.
struct NodePlanner: ActionPlanner {
    let actions = ["cordon", "uncordon", "drain"]
    static let drainTimeoutSeconds = 120

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let action = intent.action
        let resolved = try await context.resolveWorkload(
            intent, kinds: ["node"], verb: action == "drain" ? "drained" : "\(action)ed", example: "\(action) worker-2")
        try PlanningContext.requireLiteral(resolved, for: intent.text("name") ?? "", verb: action)
        let node = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        var change: PlanStep
        switch action {
        case "uncordon":
            change = context.changeStep(
                ["uncordon", node.name], summary: "let the scheduler place new pods on node \(node.name) again")
        case "drain":
            notes.append(
                "draining evicts every pod of \(node.name) but daemonset pods; their controllers start them on other "
                    + "nodes, and data in emptyDir volumes is lost")
            change = context.changeStep(
                [
                    "drain", node.name, "--ignore-daemonsets", "--delete-emptydir-data",
                    "--timeout=\(Self.drainTimeoutSeconds)s",
                ],
                summary: "cordon node \(node.name) and evict its pods", timeoutSeconds: Self.drainTimeoutSeconds + 30)
        default:
            notes.append("pods already on \(node.name) keep running; uncordon it to allow new ones")
            change = context.changeStep(
                ["cordon", node.name], summary: "stop the scheduler placing new pods on node \(node.name)")
        }
        let schedulable = action == "uncordon"
        let pinned = context.pinned
        let back = schedulable ? "cordon" : "uncordon"
        let summary =
            action == "drain"
            ? "uncordon node \(node.name) (the evicted pods stay where their controllers placed them)"
            : "\(back) node \(node.name) again"
        change = change.undone(
            by: summary,
            [
                pinned.changeStep([back, node.name], summary: summary),
                pinned.readBackStep(
                    node, jsonPath: "{.spec.unschedulable}", expected: schedulable ? "true" : "",
                    summary: "check that node \(node.name) is \(schedulable ? "unschedulable" : "schedulable") again"),
            ])
        let check = context.readBackStep(
            node, jsonPath: "{.spec.unschedulable}", expected: schedulable ? "" : "true",
            summary: "check that node \(node.name) is \(schedulable ? "schedulable" : "unschedulable")")
        let outcome: String
        switch action {
        case "uncordon": outcome = "node \(node.name) is schedulable again"
        case "drain": outcome = "node \(node.name) is drained: unschedulable, and its pods were evicted"
        default: outcome = "node \(node.name) is cordoned: no new pods will be scheduled on it"
        }
        return ExecutionPlan(
            request: request, intents: [intent], steps: [change, check], notes: notes, outcome: outcome,
            subjects: [node])
    }
}
