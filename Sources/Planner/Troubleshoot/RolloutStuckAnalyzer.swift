/// RolloutStuck: a deployment's rollout exceeded its progress deadline.
struct RolloutStuckAnalyzer: Analyzer {
    let id = "rollout_stuck"
    let problems = ["RolloutStuck"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        snapshot.items("Deployment").compactMap { deployment in
            guard
                let condition = deployment["status"]["conditions"].array.first(where: {
                    $0["type"].string == "Progressing" && $0["status"].string == "False"
                }), condition["reason"].string == "ProgressDeadlineExceeded"
            else { return nil }
            let ns = snapshot.namespace
            let reference = "deployment/\(deployment.name)"
            let status = deployment["status"]
            return Finding(
                problem: "RolloutStuck", severity: .warning, resource: reference, namespace: ns,
                evidence: [
                    condition["message"].string ?? "ProgressDeadlineExceeded",
                    "replicas \(deployment["spec"]["replicas"].int ?? 1), updated \(status["updatedReplicas"].int ?? 0), "
                        + "available \(status["availableReplicas"].int ?? 0), unavailable \(status["unavailableReplicas"].int ?? 0)",
                ],
                explanation: "the newest revision's pods did not become available in time; "
                    + "the pods' own findings say why, and rolling back restores the last revision",
                checks: [
                    PlanStep(
                        argv: context.kubectl(["rollout", "history", reference, "--namespace=\(ns)"]), mutating: false,
                        summary: "show the deployment's revisions")
                ], subjects: [deployment.name])
        }
    }
}
