import Intent

/// Plans `autoscale`: a horizontal pod autoscaler with `kubectl autoscale`, then a read-back of its bounds.
struct AutoscalePlanner: ActionPlanner {
    let actions = ["autoscale"]
    /// The CPU target when the request names none: a common, conservative choice.
    static let defaultCPUPercent = 80
    static let maximumReplicas = 1_000

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let resolved = try await context.resolveWorkload(
            intent, kinds: ResourceKind.workloads, verb: "autoscaled",
            example: "autoscale backend between 2 and 10 at 70% cpu")
        let target = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        guard let min = intent.number("min"), let max = intent.number("max") else {
            throw .invalidValue(
                slot: "max", value: "", reason: "say the bounds, for example: autoscale backend between 2 and 10")
        }
        guard min >= 1 else {
            throw .invalidValue(slot: "min", value: String(min), reason: "an autoscaler keeps at least 1 replica")
        }
        guard max >= min, max <= Self.maximumReplicas else {
            throw .invalidValue(
                slot: "max", value: String(max),
                reason: max < min
                    ? "the maximum must be at least the minimum (\(min))"
                    : "more than \(Self.maximumReplicas) replicas is surely a mistake")
        }
        let cpu = intent.number("cpu") ?? Self.defaultCPUPercent
        guard (1...500).contains(cpu) else {
            throw .invalidValue(
                slot: "cpu", value: "\(cpu)%", reason: "a CPU target is between 1% and 500% of the request")
        }
        if intent.number("cpu") == nil {
            notes.append("no CPU target was said: using \(cpu)% of the pods' CPU request")
        }
        if let cluster = context.cluster {
            let existing = try await cluster.objects(kinds: ["horizontalpodautoscaler"], namespace: target.namespace)
            if existing.contains(where: { $0.name == target.name && $0.namespace == target.namespace }) {
                throw .invalidValue(
                    slot: "name", value: target.name,
                    reason: "\(target.displayName) already has a horizontal pod autoscaler named \(target.name); "
                        + "delete it first (delete hpa \(target.name) in \(target.namespace)) or edit it with kubectl edit"
                )
            }
        }
        notes.append("the autoscaler needs the metrics API (metrics-server) to read CPU usage")
        let hpa = ClusterObject(kind: "horizontalpodautoscaler", name: target.name, namespace: target.namespace)
        let steps = [
            context.changeStep(
                ["autoscale", target.reference, "--min=\(min)", "--max=\(max)", "--cpu-percent=\(cpu)"]
                    + context.namespaceArguments(for: target),
                summary: "autoscale \(target.displayName) between \(min) and \(max) replicas at \(cpu)% CPU"
            ).undone(
                by: context.deletionReversal(
                    of: hpa.reference, namespace: hpa.namespace,
                    what: "the autoscaler \(hpa.name) of \(target.displayName)")),
            context.readBackStep(
                hpa, jsonPath: "{.spec.minReplicas}/{.spec.maxReplicas}", expected: "\(min)/\(max)",
                summary: "check that the autoscaler \(target.name) keeps \(min) to \(max) replicas"),
        ]
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "\(target.displayName) now scales between \(min) and \(max) replicas, targeting \(cpu)% CPU",
            subjects: [target])
    }
}
