/// ProbeFailure: a liveness or readiness probe fails (events "Unhealthy"), or a running container with a
/// readiness probe is not ready. A probe on a port the container does not serve, when it serves exactly one, is
/// fixed: the probe is pointed at that port (exact, shown, validated, undoable); a wrong path has no such fix.
struct ProbeFailureAnalyzer: Analyzer {
    let id = "probe_failure"
    let problems = ["ProbeFailure"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        var fixed: Set<String> = []
        return snapshot.items("Pod").compactMap { pod in
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
            var explanation = "a health check fails: check that the probe's path and port are the ones the app "
                + "serves, and that it answers within the timeout"
            var fix: [PlanStep] = []
            if let wrong = Self.wrongPort(in: pod), let owner = snapshot.owner(ofPod: pod),
                ["deployment", "statefulset"].contains(owner.kind)
            {
                let reference = "\(owner.kind)/\(owner.name)"
                evidence.append(
                    "\(wrong.container) \(wrong.probe) asks port \(wrong.asked); the container serves only port \(wrong.served)")
                explanation = "the \(wrong.probe) of \(wrong.container) checks port \(wrong.asked), but the container "
                    + "serves port \(wrong.served) (its only port); the fix points the probe there"
                if fixed.insert("\(reference)/\(wrong.container)/\(wrong.probe)").inserted {
                    func patch(_ port: String) -> [String] {
                        let value = Int(port).map(String.init) ?? "\"\(port)\""
                        return [
                            "patch", reference, "--namespace=\(ns)", "--type=json",
                            "--patch=[{\"op\": \"replace\", \"path\": \"\(wrong.path)\", \"value\": \(value)}]",
                        ]
                    }
                    let rollout = PodFacts.rolloutStatus(reference, namespace: ns, context: context)
                    fix = [
                        PlanStep(
                            argv: context.kubectl(patch(wrong.served)), mutating: true,
                            summary: "point \(wrong.container)'s \(wrong.probe) in \(reference) at port \(wrong.served)",
                            validationArgv: context.kubectl(patch(wrong.served) + ["--dry-run=server"])
                        ).undone(
                            by: context.reversal(
                                patch(wrong.asked),
                                summary: "point \(wrong.container)'s \(wrong.probe) in \(reference) back at port \(wrong.asked)",
                                then: [rollout])),
                        rollout,
                    ]
                }
            }
            return Finding(
                problem: "ProbeFailure", severity: .warning, resource: "pod/\(pod.name)", namespace: ns,
                evidence: evidence, explanation: explanation, fix: fix,
                checks: fix.isEmpty ? PodFacts.checks(pod: pod.name, namespace: ns, context: context) : [],
                subjects: PodFacts.subjects(of: pod, in: snapshot))
        }
    }

    /// A probe on a port the container does not serve, when the container declares exactly one port: which probe,
    /// the port it asks and the one served, and the JSON patch path of the probe's port in the pod template.
    static func wrongPort(in pod: JSONValue)
        -> (container: String, probe: String, asked: String, served: String, path: String)?
    {
        for (index, container) in pod["spec"]["containers"].array.enumerated() {
            let ports = container["ports"].array
            guard ports.count == 1, let served = ports[0]["containerPort"].int else { continue }
            let portName = ports[0]["name"].string
            for kind in ["livenessProbe", "readinessProbe", "startupProbe"] {
                let probe = container[kind]
                let (handler, port) =
                    !probe["httpGet"].isNull
                    ? ("httpGet", probe["httpGet"]["port"]) : ("tcpSocket", probe["tcpSocket"]["port"])
                guard !probe.isNull, let asked = port.int.map(String.init) ?? port.string,
                    asked != String(served), asked != portName
                else { continue }
                return (
                    container["name"].string ?? "", kind, asked, String(served),
                    "/spec/template/spec/containers/\(index)/\(kind)/\(handler)/port"
                )
            }
        }
        return nil
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
