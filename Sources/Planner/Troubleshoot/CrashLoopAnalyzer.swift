/// CrashLoopBackOff: a container keeps exiting and the kubelet waits longer before each restart.
struct CrashLoopAnalyzer: Analyzer {
    let id = "crash_loop"
    let problems = ["CrashLoopBackOff"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        snapshot.items("Pod").flatMap { pod in
            PodFacts.containers(of: pod).compactMap { status, _ -> Finding? in
                guard status["state"]["waiting"]["reason"].string == "CrashLoopBackOff",
                    status["lastState"]["terminated"]["reason"].string != "OOMKilled",
                    let container = status["name"].string
                else { return nil }
                let last = status["lastState"]["terminated"]
                let code = last["exitCode"].string ?? "unknown"
                var evidence = [
                    "container \(container) is waiting: CrashLoopBackOff, restarted \(status["restartCount"].int ?? 0) times",
                    "last exit code \(code)" + (last["reason"].string.map { " (\($0))" } ?? ""),
                ]
                evidence += PodFacts.logEvidence(snapshot, pod: pod.name, container: container)
                return Finding(
                    problem: "CrashLoopBackOff", severity: .critical, resource: "pod/\(pod.name)",
                    namespace: snapshot.namespace, evidence: evidence,
                    explanation: "\(container) starts and exits with code \(code) again and again; its last log "
                        + "lines usually say why (a database it cannot reach, a missing setting, a bad command)",
                    checks: PodFacts.checks(
                        pod: pod.name, namespace: snapshot.namespace, container: container, previous: true,
                        context: context),
                    subjects: PodFacts.subjects(of: pod, in: snapshot))
            }
        }
    }
}
