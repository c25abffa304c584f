/// OOMKilled: a container used more memory than its limit and was killed. The fix doubles the limit.
struct OOMKilledAnalyzer: Analyzer {
    let id = "oom_killed"
    let problems = ["OOMKilled"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        var fixed: Set<String> = []
        return snapshot.items("Pod").flatMap { pod in
            PodFacts.containers(of: pod).compactMap { status, spec -> Finding? in
                guard let last = PodFacts.oomKill(status: status, spec: spec, pod: pod, in: snapshot),
                    let container = status["name"].string
                else { return nil }
                let ns = snapshot.namespace
                let limit = spec["resources"]["limits"]["memory"].string
                // The runtime may say Error for the kernel's kill: the exit code and the limit say what it was.
                let said =
                    last["reason"].string == "OOMKilled"
                    ? "OOMKilled (exit code \(last["exitCode"].string ?? "137"))"
                    : "exit code 137 (SIGKILL; the runtime said \(last["reason"].string ?? "nothing")) under its memory "
                        + "limit, no liveness probe failed: OOMKilled"
                var evidence = [
                    "container \(container) was killed: \(said), restarted \(status["restartCount"].int ?? 0) times",
                    limit.map { "memory limit: \($0)" } ?? "no memory limit: the node ran out of memory",
                ]
                if let request = spec["resources"]["requests"]["memory"].string {
                    evidence.append("memory request: \(request)")
                }
                var fix: [PlanStep] = []
                var explanation = "\(container) needed more memory than it may use and the kernel killed it"
                if let limit, let bytes = Quantity.bytes(limit), let owner = snapshot.owner(ofPod: pod),
                    ["deployment", "statefulset"].contains(owner.kind)
                {
                    let raised = Quantity.mebibytes(bytes * 2)
                    let reference = "\(owner.kind)/\(owner.name)"
                    explanation += "; the fix doubles its memory limit from \(limit) to \(raised)"
                    if fixed.insert("\(reference)/\(container)").inserted {
                        let change = [
                            "set", "resources", reference, "--containers=\(container)", "--limits=memory=\(raised)",
                            "--namespace=\(ns)",
                        ]
                        fix = [
                            PlanStep(
                                argv: context.kubectl(change), mutating: true,
                                summary: "raise \(container)'s memory limit in \(reference) from \(limit) to \(raised)",
                                validationArgv: context.kubectl(change + ["--dry-run=server"])
                            ).undone(
                                by: context.reversal(
                                    [
                                        "set", "resources", reference, "--containers=\(container)",
                                        "--limits=memory=\(limit)", "--namespace=\(ns)",
                                    ],
                                    summary: "set \(container)'s memory limit in \(reference) back to \(limit)",
                                    then: [PodFacts.rolloutStatus(reference, namespace: ns, context: context)])),
                            PodFacts.rolloutStatus(reference, namespace: ns, context: context),
                        ]
                    }
                }
                return Finding(
                    problem: "OOMKilled", severity: .critical, resource: "pod/\(pod.name)", namespace: ns,
                    evidence: evidence, explanation: explanation, fix: fix,
                    checks: fix.isEmpty ? PodFacts.checks(pod: pod.name, namespace: ns, context: context) : [],
                    subjects: PodFacts.subjects(of: pod, in: snapshot))
            }
        }
    }
}
