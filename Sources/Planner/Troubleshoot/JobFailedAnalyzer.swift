/// JobFailed: a job gave up (backoff limit or deadline).
struct JobFailedAnalyzer: Analyzer {
    let id = "job_failed"
    let problems = ["JobFailed"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        snapshot.items("Job").compactMap { job in
            guard
                let condition = job["status"]["conditions"].array.first(where: {
                    $0["type"].string == "Failed" && $0["status"].string == "True"
                })
            else { return nil }
            let ns = snapshot.namespace
            var evidence = [
                "failed: \(condition["reason"].string ?? "") \(condition["message"].string ?? "")",
                "failed pods: \(job["status"]["failed"].int ?? 0)",
            ]
            let pods = snapshot.items("Pod").filter { $0.labels["job-name"] == job.name }
            for pod in pods.prefix(1) {
                for (status, _) in PodFacts.containers(of: pod) {
                    if let code = status["state"]["terminated"]["exitCode"].string {
                        evidence.append("pod/\(pod.name) \(status["name"].string ?? "") exit code \(code)")
                    }
                    evidence += PodFacts.logEvidence(snapshot, pod: pod.name, container: status["name"].string ?? "")
                }
            }
            return Finding(
                problem: "JobFailed", severity: .warning, resource: "job/\(job.name)", namespace: ns,
                evidence: evidence,
                explanation: "the job's pods kept failing and it stopped retrying; its logs say why",
                checks: [
                    PlanStep(
                        argv: context.kubectl(["logs", "job/\(job.name)", "--namespace=\(ns)", "--tail=50"]),
                        mutating: false, summary: "show the job's last log lines")
                ], subjects: [job.name])
        }
    }
}
