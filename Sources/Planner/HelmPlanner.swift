import Intent

/// Plans the Helm actions: list, status, history, values, uninstall and rollback of releases.
///
/// Release names resolve against the cluster's releases (`helm list --all-namespaces`): "backend" is
/// todo-backend in todo. Uninstall asks for the release name to be typed; rollback waits for the resources.
struct HelmPlanner: ActionPlanner {
    let actions = ["helm_list", "helm_status", "helm_history", "helm_values", "helm_uninstall", "helm_rollback"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        if intent.action == "helm_list" {
            let namespace = try context.namespace(of: intent)
            let everywhere =
                intent.wantsEveryNamespace || namespace == nil || namespace.map(Quantifier.isQuantifier) == true
            let scope = everywhere ? "--all-namespaces" : "--namespace=\(namespace ?? "")"
            let place = everywhere ? "in all namespaces" : "in namespace \(namespace ?? "")"
            return ExecutionPlan(
                request: request, intents: [intent],
                steps: [
                    PlanStep(
                        argv: context.helm("list", scope), mutating: false, summary: "list the helm releases \(place)")
                ],
                outcome: "listed the helm releases \(place)")
        }
        guard let name = intent.text("release") else {
            throw .invalidValue(
                slot: "release", value: "", reason: "say which release, for example: helm status todo-backend")
        }
        let (release, note) = try await context.resolveRelease(name, for: intent)
        let ns = "--namespace=\(release.namespace)"
        let shown = "release \(release.name) in \(release.namespace)"
        var plan = ExecutionPlan(
            request: request, intents: [intent], steps: [], notes: note.map { [$0] } ?? [], outcome: "",
            subjects: [release.object])
        switch intent.action {
        case "helm_status":
            plan.steps = [
                PlanStep(
                    argv: context.helm("status", release.name, ns), mutating: false,
                    summary: "show the status of \(shown)")
            ]
            plan.outcome = "shown: the status of \(shown)"
        case "helm_history":
            plan.steps = [
                PlanStep(
                    argv: context.helm("history", release.name, ns), mutating: false,
                    summary: "show the revisions of \(shown)")
            ]
            plan.outcome = "shown: the revisions of \(shown)"
        case "helm_values":
            var argv = ["get", "values", release.name, ns]
            if intent.text("all") == "true" { argv.append("--all") }
            plan.steps = [PlanStep(argv: context.helm(argv), mutating: false, summary: "show the values of \(shown)")]
            plan.outcome = "shown: the values of \(shown)"
        case "helm_uninstall":
            plan.steps = context.helmUninstallSteps(
                release: release.name, namespace: release.namespace,
                summary: "uninstall \(shown) and delete its resources", confirmation: .typeName(release.name))
            plan.steps[0] = plan.steps[0].irreversible(
                "uninstalling deletes every resource of release \(release.name); it cannot be undone")
            plan.notes.append("uninstalling deletes every resource of the release; it cannot be undone")
            plan.outcome = "uninstalled \(shown)"
        case "helm_rollback":
            plan = try rollback(plan, release: release, intent: intent, context: context)
        default:
            throw .unsupportedAction(intent.action)
        }
        return plan
    }

    private func rollback(_ plan: ExecutionPlan, release: HelmRelease, intent: UserIntent, context: PlanningContext)
        throws(PlannerError) -> ExecutionPlan
    {
        var plan = plan
        let target = intent.number("revision")
        if let target {
            guard target >= 1 else {
                throw .invalidValue(slot: "revision", value: String(target), reason: "revisions start at 1")
            }
            if release.revision > 0 && target >= release.revision {
                throw .invalidValue(
                    slot: "revision", value: String(target),
                    reason: "release \(release.name) is at revision \(release.revision); roll back to an earlier one "
                        + "(helm history \(release.name) --namespace=\(release.namespace) lists them)")
            }
        } else if release.revision == 1 {
            throw .invalidValue(
                slot: "release", value: release.name, reason: "it has only revision 1: there is nothing to roll back to"
            )
        }
        let to = target.map { "revision \($0)" } ?? "its previous revision"
        plan.steps = context.helmRollbackSteps(
            release: release.name, namespace: release.namespace, revision: target,
            summary: "roll back release \(release.name) in \(release.namespace) to \(to) and wait for its resources")
        plan.steps[0] = plan.steps[0].undone(
            by: release.revision > 0
                ? context.helmReversal(release: release.name, namespace: release.namespace, revision: release.revision)
                : .impossible("planned --offline, the release's current revision was not read"))
        let from = release.revision > 0 ? " from revision \(release.revision)" : ""
        plan.outcome = "rolled back release \(release.name) in \(release.namespace)\(from) to \(to)"
        return plan
    }
}
