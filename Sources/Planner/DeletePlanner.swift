import Intent

/// Plans `delete`: `kubectl delete KIND NAME` of one named object, confirmed by typing its name, then
/// `kubectl wait --for=delete` so "deleted" is only said once it is gone.
///
/// Names must be exact or whole words of the name ("backend" for todo-backend): a typo or a fragment is not
/// enough to delete something. kube-system and the other namespaces Kubernetes needs are never deleted.
struct DeletePlanner: ActionPlanner {
    let actions = ["delete"]
    /// The kinds kagent deletes.
    static let kinds = [
        "deployment", "statefulset", "daemonset", "service", "pod", "configmap", "secret", "job", "cronjob", "ingress",
        "horizontalpodautoscaler", "persistentvolumeclaim", "namespace",
    ]
    /// Looked for when the request names no kind.
    static let defaultKinds = [
        "deployment", "statefulset", "daemonset", "service", "pod", "configmap", "job", "cronjob",
    ]
    /// Namespaces a cluster needs.
    static let protectedNamespaces = ["default", "kube-system", "kube-public", "kube-node-lease"]
    static let waitSeconds = 60
    static let namespaceWaitSeconds = 120

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let name = try context.requiredName(intent, example: "delete deployment web-app")
        if ["all", "everything", "*", "every"].contains(name) {
            throw .invalidValue(
                slot: "name", value: name, reason: "kagent deletes one named object at a time; say its kind and name")
        }
        let kind = intent.text("kind")
        if let kind, !Self.kinds.contains(kind) {
            throw .invalidValue(
                slot: "kind", value: kind, reason: "kagent deletes only \(PlanningContext.plural(Self.kinds))")
        }
        if kind == "namespace", Self.protectedNamespaces.contains(name) {
            throw .invalidValue(
                slot: "name", value: name,
                reason: "namespace \(name) is one Kubernetes itself needs; kagent never deletes it")
        }
        if kind == nil, context.isOffline {
            throw .needsCluster(
                "without a kind, what '\(name)' is must be read from the cluster, and --offline does not read it; "
                    + "say the kind (delete deployment \(name)) or drop --offline")
        }
        let resolved = try await context.resolve(name, kinds: Self.defaultKinds, for: intent)
        let target = resolved.object
        try PlanningContext.requireLiteral(resolved, for: name, verb: "delete")
        if target.kind == "namespace", Self.protectedNamespaces.contains(target.name) {
            throw .invalidValue(
                slot: "name", value: target.name,
                reason: "namespace \(target.name) is one Kubernetes itself needs; kagent never deletes it")
        }
        var notes = resolved.note.map { [$0] } ?? []
        switch target.kind {
        case "namespace":
            notes.append(
                "deleting namespace \(target.name) deletes everything in it (deployments, services, secrets, volumes' "
                    + "claims…) and cannot be undone")
        case "deployment", "statefulset", "daemonset", "job":
            notes.append("its pods are deleted with it")
        default:
            break
        }
        notes.append("you will be asked to type \(target.name) to confirm (or give --yes)")
        let wait = target.kind == "namespace" ? Self.namespaceWaitSeconds : Self.waitSeconds
        let steps = [
            context.changeStep(
                ["delete", target.kind, target.name] + context.namespaceArguments(for: target),
                summary: "delete \(target.displayName)", timeoutSeconds: wait + 15,
                confirmation: .typeName(target.name)
            ).irreversible(
                target.kind == "namespace"
                    ? "deleting namespace \(target.name) deletes everything in it; it cannot be undone"
                    : "a deleted \(target.kind) cannot be brought back by kagent; re-create it from its manifest or chart"
            ),
            PlanStep(
                argv: context.kubectl(
                    ["wait", "--for=delete", target.reference] + context.namespaceArguments(for: target)
                        + ["--timeout=\(wait)s"]),
                mutating: false, summary: "wait until \(target.reference) is gone", timeoutSeconds: wait + 15),
        ]
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes, outcome: "deleted \(target.displayName)",
            subjects: [])
    }
}
