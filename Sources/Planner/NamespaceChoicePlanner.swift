import Intent

/// Plans `use_namespace` (kagent's own namespace for the rest of a shell session: no command runs) and
/// `set_kubectl_namespace` (kubectl's default namespace, stored in the kubeconfig's context).
///
/// Both check, when the cluster is read, that the namespace exists, and list the namespaces otherwise.
struct NamespaceChoicePlanner: ActionPlanner {
    let actions = ["use_namespace", "set_kubectl_namespace"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let namespace = intent.text("namespace") else {
            throw .invalidValue(
                slot: "namespace", value: "", reason: "say which namespace, for example: use namespace srvthreds")
        }
        if let problem = KubernetesName.labelProblem(namespace) {
            throw .invalidValue(slot: "namespace", value: namespace, reason: problem)
        }
        var notes: [String] = []
        if let cluster = context.cluster {
            let namespaces = try await cluster.objects(kinds: ["namespace"], namespace: nil).map(\.name)
            guard namespaces.contains(namespace) else {
                let nearby = namespaces.sorted {
                    EditDistance.distance($0, namespace) < EditDistance.distance($1, namespace)
                }
                throw .invalidValue(
                    slot: "namespace", value: namespace,
                    reason: "no such namespace; namespaces that exist: \(nearby.prefix(8).joined(separator: ", "))")
            }
        } else {
            notes.append("planned offline: namespace \(namespace) is not checked")
        }
        let subject = ClusterObject(kind: "namespace", name: namespace, namespace: "")
        if intent.action == "use_namespace" {
            var plan = ExecutionPlan(
                request: request, intents: [intent], steps: [], notes: notes,
                outcome: "kagent's namespace is \(namespace) from now on (kubectl's default is unchanged)",
                subjects: [subject])
            plan.sessionNamespace = namespace
            return plan
        }
        // `--current` is the file's current context; with --context the named one is changed instead.
        let target = context.kubeContext.map { [$0] } ?? ["--current"]
        let contextName = context.kubeContext.map { "context \($0)" } ?? "the current context"
        let reversal: Reversal
        if let named = context.effectiveContext {
            let summary = "set the namespace of context \(named) back to \(context.defaultNamespace)"
            reversal = .steps(
                summary: summary,
                [
                    PlanStep(
                        argv: context.kubectlConfig("set-context", named, "--namespace=\(context.defaultNamespace)"),
                        mutating: true, summary: summary, timeoutSeconds: 15)
                ])
        } else {
            reversal = .impossible(
                "the kubeconfig's current context was not read, so there is no namespace to go back to")
        }
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [
                PlanStep(
                    argv: context.kubectlConfig(["set-context"] + target + ["--namespace=\(namespace)"]),
                    mutating: true,
                    summary: "set the namespace of \(contextName) to \(namespace) in the kubeconfig",
                    timeoutSeconds: 15
                ).undone(by: reversal),
                PlanStep(
                    argv: context.kubectl("config", "view", "--minify", "--output=jsonpath={..namespace}"),
                    mutating: false, summary: "check that kubectl's default namespace is \(namespace)",
                    expectation: .outputEquals(namespace), timeoutSeconds: 15),
            ],
            notes: notes, outcome: "kubectl's default namespace is now \(namespace) (\(contextName))",
            subjects: [subject])
    }
}
