import Intent

/// Plans `cluster_info` (`kubectl cluster-info`), `cluster_version` (`kubectl version`, answered in a sentence),
/// `api_resources` (`kubectl api-resources`) and `whereami`: the current context (`kubectl config current-context`)
/// and kubectl's namespace (`kubectl config view --minify`), or every context (`kubectl config get-contexts`).
struct ClusterInfoPlanner: ActionPlanner {
    let actions = ["cluster_info", "whereami", "cluster_version", "api_resources"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        // One read each, shown as kubectl prints it.
        func shown(_ arguments: String..., summary: String, outcome: String, answer: StepAnswer? = nil) -> ExecutionPlan {
            var step = PlanStep(argv: context.kubectl(arguments), mutating: false, summary: summary)
            step.answer = answer
            return ExecutionPlan(request: request, intents: [intent], steps: [step], outcome: "shown: \(outcome)")
        }
        switch intent.action {
        case "cluster_version":
            return shown(
                "version", summary: "show the Kubernetes version of the cluster (and of kubectl)",
                outcome: "the versions", answer: .version)
        case "api_resources":
            return shown(
                "api-resources",
                summary: "list the kinds of object the cluster serves, with their short names and API groups",
                outcome: "the kinds the cluster serves")
        case "cluster_info":
            return shown(
                "cluster-info", summary: "show where the control plane and cluster services are",
                outcome: "the cluster's addresses")
        default: break
        }
        let about = intent.text("about")
        if about == "contexts" {
            return shown(
                "config", "get-contexts", summary: "list the kubeconfig's contexts (the current one is marked *)",
                outcome: "the contexts")
        }
        var steps: [PlanStep] = []
        var notes: [String] = []
        if about != "namespace" {
            steps.append(
                PlanStep(
                    argv: context.kubectl("config", "current-context"), mutating: false,
                    summary: "show the current kubeconfig context"))
        }
        if about != "context" {
            steps.append(
                PlanStep(
                    argv: context.kubectl("config", "view", "--minify", "--output=jsonpath={..namespace}"),
                    mutating: false, summary: "show the namespace of the current context (empty means default)"))
            if let namespace = context.namespace {
                notes.append("kagent itself is using namespace \(namespace) (from -n or \"use namespace\")")
            }
        }
        let what = steps.count == 2 ? "the current context and namespace" : "the current \(about ?? "context")"
        return ExecutionPlan(request: request, intents: [intent], steps: steps, notes: notes, outcome: "shown: \(what)")
    }
}
