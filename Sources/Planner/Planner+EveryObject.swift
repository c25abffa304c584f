import Intent

extension Planner {
    /// The changes that may be asked of every object of a kind in one namespace ("scale all deployments in
    /// staging to 0", "restart every deployment in shop"): one `--all` step that the user confirms by typing the
    /// namespace, as a delete is confirmed by typing its name.
    static let everyObjectActions: Set<String> = ["scale", "restart"]

    /// The quantifiers that mean every object of the kind said ("all deployments"), not everything there is.
    static let everyObjectQuantifiers: Set<String> = ["all", "every", "each"]

    /// The plan of a change to every object of one kind in one named namespace, or nil when the intent names
    /// one object (or asks for something ``scoped(_:)`` refuses with its reason).
    ///
    /// The objects are listed first, so the plan shows which ones change, reads each back, waits for each
    /// rollout, and (for scaling) puts each back to the count it had. Offline, with no namespace named, or for a
    /// relative change ("scale all up by 2"), the request is refused with what to say instead.
    func planEveryObject(_ intent: UserIntent, request: String) async throws(PlannerError) -> ExecutionPlan? {
        guard let quantifier = intent.quantifiedName, Self.everyObjectQuantifiers.contains(quantifier),
            Self.everyObjectActions.contains(intent.action), !intent.wantsEveryNamespace,
            intent[UserIntent.clusterScopeSlot] == nil
        else { return nil }
        let kinds = intent.action == "scale" ? ResourceKind.workloads : PlanningContext.rolloutKinds
        let kind = intent.text("kind") ?? "deployment"
        let plural = ResourceKind.named(kind)?.plural ?? kind + "s"
        guard kinds.contains(kind) else {
            throw .invalidValue(
                slot: "kind", value: kind,
                reason: "only \(kinds.joined(separator: ", ")) can be \(intent.action == "scale" ? "scaled" : "restarted")")
        }
        guard let namespace = intent.text("namespace") ?? context.namespace else {
            throw .invalidValue(
                slot: "namespace", value: "",
                reason: "'\(quantifier) \(plural)' changes every one of them in one namespace: name it, for example: "
                    + "\(intent.action == "scale" ? "scale" : "restart") all \(plural) in staging"
                    + (intent.action == "scale" ? " to 0" : ""))
        }
        if intent.action == "scale", intent.number("replicas") == nil {
            throw .invalidValue(
                slot: "replicas", value: "",
                reason: "scaling \(quantifier) \(plural) needs one count for each, for example: "
                    + "scale all \(plural) in \(namespace) to 0")
        }
        guard let cluster = context.cluster else {
            throw .invalidValue(
                slot: "namespace", value: namespace,
                reason: "kagent lists the \(plural) of \(namespace) before changing them all, and needs the cluster for it "
                    + "(not --offline)")
        }
        let objects = try await cluster.objects(kinds: [kind], namespace: namespace).sorted { $0.name < $1.name }
        guard !objects.isEmpty else {
            throw .invalidValue(slot: "namespace", value: namespace, reason: "it has no \(plural): nothing to change")
        }
        let names = objects.map(\.name).joined(separator: ", ")
        let ns = ["--namespace=\(namespace)"]
        var notes = [
            "\(objects.count) \(objects.count == 1 ? kind : plural) in \(namespace): \(names)",
            "you will be asked to type \(namespace) to confirm (or give --yes)",
        ]
        if intent.action == "scale" {
            guard let replicas = intent.number("replicas") else { return nil }
            guard replicas <= ScalePlanner.maximumReplicas else {
                throw .invalidValue(
                    slot: "replicas", value: String(replicas),
                    reason: "more than \(ScalePlanner.maximumReplicas) replicas is surely a mistake")
            }
            let back = objects.filter { $0.replicas >= 0 && $0.replicas != replicas }
            var change = context.changeStep(
                ["scale", kind, "--all", "--replicas=\(replicas)"] + ns,
                summary: "scale every \(kind) in \(namespace) (\(names)) to \(ScalePlanner.count(replicas))",
                confirmation: .typeName(namespace))
            if objects.allSatisfy({ $0.replicas >= 0 }) {
                change = change.undone(
                    by: "scale each \(kind) in \(namespace) back to the count it had",
                    back.flatMap { object in ScalePlanner.reversal(of: object, to: replicas, context: context.pinned).steps })
            } else {
                change = change.irreversible(
                    "kagent did not read every \(kind)'s replica count to go back to; scale them back yourself if needed")
            }
            var steps = [change]
            for object in objects {
                steps.append(
                    context.readBackStep(
                        object, jsonPath: "{.spec.replicas}", expected: String(replicas),
                        summary: "check that \(object.reference) now asks for \(ScalePlanner.count(replicas))"))
            }
            steps += objects.map { ScalePlanner.rolloutWait($0, replicas: replicas, context: context) }
            if back.count < objects.count {
                notes.append(
                    "already at \(ScalePlanner.count(replicas)): "
                        + objects.filter { $0.replicas == replicas }.map(\.name).joined(separator: ", "))
            }
            return ExecutionPlan(
                request: request, intents: [intent], steps: steps, notes: notes,
                outcome: "scaled every \(kind) in \(namespace) (\(names)) to \(ScalePlanner.count(replicas))",
                subjects: objects)
        }
        // kubectl rollout restart of a kind with no name restarts every object of it in the namespace; it has no
        // --dry-run, so the server cannot check the step beforehand.
        let restart = PlanStep(
            argv: context.kubectl(["rollout", "restart", kind] + ns), mutating: true,
            summary: "restart every \(kind) in \(namespace) (\(names)) with a rolling restart",
            confirmation: .typeName(namespace)
        ).irreversible("a restart cannot be undone: the pods were replaced")
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [restart] + objects.map { context.rolloutStatusStep($0) }, notes: notes,
            outcome: "restarted every \(kind) in \(namespace) (\(names))", subjects: objects)
    }
}
