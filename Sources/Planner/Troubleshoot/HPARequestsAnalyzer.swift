/// HPAMissingRequests: a CPU or memory autoscaler targets a workload whose containers request none,
/// so utilisation cannot be computed and it never scales.
struct HPARequestsAnalyzer: Analyzer {
    let id = "hpa_requests"
    let problems = ["HPAMissingRequests"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        snapshot.items("HorizontalPodAutoscaler").compactMap { hpa in
            let target = hpa["spec"]["scaleTargetRef"]
            guard let kind = target["kind"].string, let name = target["name"].string,
                let workload = snapshot.item(kind, named: name)
            else { return nil }
            var resources = hpa["spec"]["metrics"].array.compactMap { $0["resource"]["name"].string }
            if resources.isEmpty, hpa["spec"]["targetCPUUtilizationPercentage"].int != nil { resources = ["cpu"] }
            let containers = workload["spec"]["template"]["spec"]["containers"].array
            let missing = resources.flatMap { resource in
                containers.filter { $0["resources"]["requests"][resource].isNull }.map {
                    "container \($0["name"].string ?? "") requests no \(resource)"
                }
            }
            guard !missing.isEmpty else { return nil }
            let ns = snapshot.namespace
            return Finding(
                problem: "HPAMissingRequests", severity: .warning,
                resource: "horizontalpodautoscaler/\(hpa.name)", namespace: ns,
                evidence: ["scales \(kind.lowercased())/\(name) on " + resources.joined(separator: ", ")] + missing,
                explanation: "utilisation is a share of the containers' requests; without requests the autoscaler "
                    + "cannot compute it and never scales. Set requests (\"set cpu request of \(name) to 100m\")",
                checks: [
                    PlanStep(
                        argv: context.kubectl(["describe", "horizontalpodautoscaler/\(hpa.name)", "--namespace=\(ns)"]),
                        mutating: false, summary: "show the autoscaler's conditions")
                ], subjects: [hpa.name, name])
        }
    }
}
