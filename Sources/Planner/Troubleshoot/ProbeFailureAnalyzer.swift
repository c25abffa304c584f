/// ProbeFailure: a liveness or readiness probe fails (events "Unhealthy"), or a running container with a
/// readiness probe is not ready.
struct ProbeFailureAnalyzer: Analyzer {
    let id = "probe_failure"
    let problems = ["ProbeFailure"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        snapshot.items("Pod").compactMap { pod in
            let events = PodFacts.eventEvidence(snapshot, kind: "Pod", name: pod.name, reasons: ["Unhealthy"])
            let unready = PodFacts.containers(of: pod).filter { status, spec in
                !status["state"]["running"].isNull && status["ready"].bool == false && !spec["readinessProbe"].isNull
            }
            guard pod["status"]["phase"].string == "Running", !events.isEmpty || !unready.isEmpty else { return nil }
            let ns = snapshot.namespace
            var evidence = events
            for (status, spec) in PodFacts.containers(of: pod) {
                let name = status["name"].string ?? ""
                for kind in ["livenessProbe", "readinessProbe"] where !spec[kind].isNull {
                    evidence.append("\(name) \(kind): \(describe(spec[kind]))")
                }
                if status["ready"].bool == false, !status["state"]["running"].isNull {
                    evidence.append("\(name) is running but not ready")
                }
            }
            return Finding(
                problem: "ProbeFailure", severity: .warning, resource: "pod/\(pod.name)", namespace: ns,
                evidence: evidence,
                explanation: "a health check fails: check that the probe's path and port are the ones the app "
                    + "serves, and that it answers within the timeout",
                checks: PodFacts.checks(pod: pod.name, namespace: ns, context: context),
                subjects: PodFacts.subjects(of: pod, in: snapshot))
        }
    }

    private func describe(_ probe: JSONValue) -> String {
        if !probe["httpGet"].isNull {
            return "GET \(probe["httpGet"]["path"].string ?? "/") on port \(probe["httpGet"]["port"].string ?? "?")"
        }
        if !probe["tcpSocket"].isNull { return "TCP port \(probe["tcpSocket"]["port"].string ?? "?")" }
        if !probe["exec"].isNull {
            return "exec " + probe["exec"]["command"].array.compactMap(\.string).joined(separator: " ")
        }
        return "probe"
    }
}
