import Intent

/// Plans `cluster_info` (`kubectl cluster-info`), `cluster_version` (`kubectl version`, answered in a sentence),
/// `api_resources` (`kubectl api-resources`) and `whereami`: the current context (`kubectl config current-context`)
/// and kubectl's namespace (`kubectl config view --minify`).
struct ClusterInfoPlanner: ActionPlanner {
    let actions = ["cluster_info", "whereami", "cluster_version", "api_resources"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        if intent.action == "cluster_version" {
            var step = PlanStep(
                argv: context.kubectl("version"), mutating: false,
                summary: "show the Kubernetes version of the cluster (and of kubectl)")
            step.answer = .version
            return ExecutionPlan(
                request: request, intents: [intent], steps: [step], outcome: "shown: the versions")
        }
        if intent.action == "api_resources" {
            return ExecutionPlan(
                request: request, intents: [intent],
                steps: [
                    PlanStep(
                        argv: context.kubectl("api-resources"), mutating: false,
                        summary: "list the kinds of object the cluster serves, with their short names and API groups")
                ],
                outcome: "shown: the kinds the cluster serves")
        }
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
