import Intent

/// Plans `cluster_info` (`kubectl cluster-info`) and `whereami`: the current context
/// (`kubectl config current-context`) and kubectl's namespace (`kubectl config view --minify`).
struct ClusterInfoPlanner: ActionPlanner {
    let actions = ["cluster_info", "whereami"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        if intent.action == "cluster_info" {
            return ExecutionPlan(
                request: request, intents: [intent],
                steps: [
                    PlanStep(
                        argv: context.kubectl("cluster-info"), mutating: false,
                        summary: "show where the control plane and cluster services are")
                ],
                outcome: "shown: the cluster's addresses")
        }
        let about = intent.text("about")
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
