import Intent

/// Plans `scale`: to a count, or up/down by a count or a percentage of the current replicas.
///
/// Steps: `kubectl scale` (validated with `--dry-run=server`), a read-back of spec.replicas,
/// and `kubectl rollout status` so the outcome is only reported once the pods are there.
struct ScalePlanner: ActionPlanner {
    let actions = ["scale"]
    /// kubectl's replica count is an int32; more is surely a typo.
    static let maximumReplicas = 10_000
    static let rolloutTimeoutSeconds = 180

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let name = intent.text("name") else {
            throw .invalidValue(slot: "name", value: "", reason: "say what to scale, for example: scale backend to 3")
        }
        if let kind = intent.text("kind"), !ResourceKind.workloads.contains(kind) {
            throw .invalidValue(slot: "kind", value: kind, reason: "only deployments and statefulsets can be scaled")
        }
        let resolved = try await context.resolve(name, kinds: ResourceKind.workloads, for: intent)
        let target = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        let (replicas, computation) = try desiredReplicas(intent, current: target.replicas)
        if let computation { notes.append(computation) }
        let ns = "--namespace=\(target.namespace)"
        let readBack = context.readBackStep(
            target, jsonPath: "{.spec.replicas}", expected: String(replicas),
            summary: "check that \(target.reference) now asks for \(replicas) replicas")

        if target.replicas == replicas {
            return ExecutionPlan(
                request: request, intents: [intent],
                steps: [readBack.with(summary: "check that \(target.reference) has \(replicas) replicas")],
                notes: notes + [
                    "\(target.reference) in \(target.namespace) already has \(replicas) replicas: nothing to change"
                ],
                outcome: "\(target.reference) in \(target.namespace) already had \(replicas) replicas; nothing changed",
                subjects: [target])
        }

        var scale = ["scale", target.reference, "--replicas=\(replicas)", ns]
        if target.replicas >= 0 && intent.number("replicas") == nil {
            // Relative scaling was computed from the count read while planning: refuse if it moved since.
            scale.append("--current-replicas=\(target.replicas)")
        }
        let from = target.replicas >= 0 ? "from \(target.replicas) " : ""
        var change = PlanStep(
            argv: context.kubectl(scale), mutating: true,
            summary: "scale \(target.reference) in \(target.namespace) \(from)to \(replicas) replicas",
            validationArgv: context.kubectl(scale + ["--dry-run=server"]), timeoutSeconds: 60)
        if target.replicas >= 0 {
            change = change.undone(by: Self.reversal(of: target, to: replicas, context: context.pinned))
        } else {
            change = change.irreversible(
                "planned --offline, kagent did not read the replica count to go back to; "
                    + "scale \(target.name) back yourself if needed")
        }
        let steps = [
            change,
            readBack,
            Self.rolloutWait(target, replicas: replicas, context: context),
        ]
        let ready = replicas == 0 ? "no pods remain" : "\(replicas) of \(replicas) ready"
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "scaled \(target.reference) in \(target.namespace) \(from)to \(replicas) replicas (\(ready))",
            subjects: [target])
    }

    /// Scaling back to the count read while planning, guarded by the count kagent left (`--current-replicas`):
    /// if someone scaled it since, the API server refuses the undo instead of overwriting their change.
    static func reversal(of target: ClusterObject, to replicas: Int, context: PlanningContext) -> Reversal {
        let ns = "--namespace=\(target.namespace)"
        let back = ["scale", target.reference, "--replicas=\(target.replicas)", "--current-replicas=\(replicas)", ns]
        let count = Self.count(target.replicas)
        let summary = "scale \(target.reference) in \(target.namespace) back to \(count)"
        return .steps(
            summary: summary,
            [
                PlanStep(
                    argv: context.kubectl(back), mutating: true, summary: summary,
                    validationArgv: context.kubectl(back + ["--dry-run=server"])),
                context.readBackStep(
                    target, jsonPath: "{.spec.replicas}", expected: String(target.replicas),
                    summary: "check that \(target.reference) asks for \(count) again"),
                rolloutWait(target, replicas: target.replicas, context: context),
            ])
    }

    /// `kubectl rollout status`: the outcome is reported only once `replicas` pods are ready (or gone, for zero).
    static func rolloutWait(_ target: ClusterObject, replicas: Int, context: PlanningContext) -> PlanStep {
        PlanStep(
            argv: context.kubectl(
                "rollout", "status", target.reference, "--namespace=\(target.namespace)",
                "--timeout=\(rolloutTimeoutSeconds)s"),
            mutating: false,
            summary: replicas == 0
                ? "wait until the pods are gone"
                : "wait until \(count(replicas)) \(replicas == 1 ? "is" : "are") ready",
            timeoutSeconds: rolloutTimeoutSeconds + 15)
    }

    /// "1 replica", "3 replicas".
    static func count(_ replicas: Int) -> String { replicas == 1 ? "1 replica" : "\(replicas) replicas" }

    /// The replica count asked for, and how it was computed for relative requests.
    private func desiredReplicas(_ intent: UserIntent, current: Int) throws(PlannerError) -> (Int, String?) {
        if let replicas = intent.number("replicas") {
            guard replicas <= Self.maximumReplicas else {
                throw .invalidValue(
                    slot: "replicas", value: String(replicas),
                    reason: "more than \(Self.maximumReplicas) replicas is surely a mistake")
            }
            return (replicas, nil)
        }
        let up = intent.text("direction") != "down"
        guard current >= 0 else {
            throw .needsCluster(
                "scaling \(up ? "up" : "down") by an amount needs the current replica count, "
                    + "and --offline plans without reading the cluster; give a count (\"scale \(intent.text("name") ?? "NAME") to 3\") or drop --offline"
            )
        }
        if let by = intent.number("by") {
            guard by >= 1 else { throw .invalidValue(slot: "by", value: String(by), reason: "scale by at least 1") }
            let result = up ? current + by : max(0, current - by)
            return (min(result, Self.maximumReplicas), "\(current) \(up ? "+" : "−") \(by) = \(result) replicas")
        }
        if let percent = intent.number("percent") {
            guard percent >= 1, up || percent <= 100, percent <= 1000 else {
                throw .invalidValue(
                    slot: "percent", value: "\(percent)%",
                    reason: up ? "scale up by 1% to 1000%" : "scale down by 1% to 100%")
            }
            let exact = Double(current) * Double(up ? 100 + percent : 100 - percent) / 100
            let result = Int(exact.rounded(.toNearestOrAwayFromZero))
            let shown = exact == exact.rounded() ? "\(Int(exact))" : "\(exact), rounded to \(result)"
            return (result, "\(current) replicas \(up ? "up" : "down") by \(percent)% = \(shown) replicas")
        }
        throw .invalidValue(
            slot: "replicas", value: "", reason: "say how many replicas, for example: scale backend to 3")
    }
}

extension PlanStep {
    func with(summary: String) -> PlanStep {
        var copy = self
        copy.summary = summary
        return copy
    }
}
