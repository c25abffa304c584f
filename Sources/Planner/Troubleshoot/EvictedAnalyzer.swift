/// Evicted: the kubelet evicted a pod (node pressure); the pod object stays, failed. The fix deletes it.
struct EvictedAnalyzer: Analyzer {
    let id = "evicted"
    let problems = ["Evicted"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        snapshot.items("Pod").compactMap { pod in
            guard pod["status"]["phase"].string == "Failed", pod["status"]["reason"].string == "Evicted" else {
                return nil
            }
            let ns = snapshot.namespace
            let delete = ["delete", "pod/\(pod.name)", "--namespace=\(ns)"]
            return Finding(
                problem: "Evicted", severity: .info, resource: "pod/\(pod.name)", namespace: ns,
                evidence: ["evicted: " + (pod["status"]["message"].string ?? "")],
                explanation: "the node ran short of memory or disk and evicted the pod; its controller made another. "
                    + "The failed pod object is left over and can be deleted",
                fix: [
                    PlanStep(
                        argv: context.kubectl(delete), mutating: true, summary: "delete the evicted pod/\(pod.name)",
                        validationArgv: context.kubectl(delete + ["--dry-run=server"])
                    ).irreversible(
                        "a deleted pod cannot come back; this one is only a record, its controller made another")
                ], subjects: PodFacts.subjects(of: pod, in: snapshot))
        }
    }
}
