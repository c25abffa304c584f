/// Pieces the pod analyzers share.
enum PodFacts {
    /// A container's status with its spec, for every container of the pod (init containers first).
    static func containers(of pod: JSONValue) -> [(status: JSONValue, spec: JSONValue)] {
        let specs = pod["spec"]["initContainers"].array + pod["spec"]["containers"].array
        let statuses = pod["status"]["initContainerStatuses"].array + pod["status"]["containerStatuses"].array
        return statuses.map { status in
            (status, specs.first { $0["name"].string == status["name"].string } ?? .null)
        }
    }

    /// The termination that was an out-of-memory kill, or nil: the runtime's reason OOMKilled, or exit code 137
    /// (SIGKILL) reported as Error for a container with a memory limit whose pod has no failed liveness probe (the
    /// other reason the kubelet kills a container). Docker reports either for the kernel's OOM kill.
    static func oomKill(status: JSONValue, spec: JSONValue, pod: JSONValue, in snapshot: ClusterSnapshot) -> JSONValue? {
        for terminated in [status["lastState"]["terminated"], status["state"]["terminated"]] where !terminated.isNull {
            if terminated["reason"].string == "OOMKilled" { return terminated }
            guard terminated["exitCode"].int == 137, spec["resources"]["limits"]["memory"].string != nil else { continue }
            let probeKilled = snapshot.events(kind: "Pod", name: pod.name).contains { event in
                let message = event["message"].string ?? ""
                return message.contains("Liveness probe failed") || message.contains("failed liveness probe")
            }
            if !probeKilled { return terminated }
        }
        return nil
    }

    /// The owning workload's name and the pod's own: what requests name.
    /// The pairs of a pod's nodeSelector that no node of the snapshot carries ("disk=ssd"); empty when the nodes were
    /// not read or every pair is on some node.
    static func unmatchedNodeSelector(of pod: JSONValue, in snapshot: ClusterSnapshot) -> [String] {
        let nodes = snapshot.items("Node")
        guard !nodes.isEmpty else { return [] }
        return pod["spec"]["nodeSelector"].stringMap.sorted { $0.key < $1.key }.compactMap { key, value in
            nodes.contains { $0.labels[key] == value } ? nil : "\(key)=\(value)"
        }
    }

    static func subjects(of pod: JSONValue, in snapshot: ClusterSnapshot) -> Set<String> {
        var names: Set<String> = [pod.name]
        if let owner = snapshot.owner(ofPod: pod) { names.insert(owner.name) }
        for service in snapshot.items("Service")
        where ClusterSnapshot.selects(service["spec"]["selector"].stringMap, pod.labels) {
            names.insert(service.name)
        }
        return names
    }

    /// The last lines logged by a container, as evidence.
    static func logEvidence(_ snapshot: ClusterSnapshot, pod: String, container: String, lines: Int = 5) -> [String] {
        let logged = snapshot.logs[ClusterSnapshot.logKey(pod: pod, container: container)] ?? []
        return logged.suffix(lines).map { "log: \($0)" }
    }

    /// Read-only commands to look closer at a pod.
    static func checks(
        pod: String, namespace: String, container: String? = nil, previous: Bool = false,
        context: AnalysisContext
    ) -> [PlanStep] {
        var steps = [
            PlanStep(
                argv: context.kubectl(["describe", "pod/\(pod)", "--namespace=\(namespace)"]), mutating: false,
                summary: "show pod/\(pod)'s details and events")
        ]
        if let container {
            let logs = ["logs", "pod/\(pod)", "--container=\(container)", "--namespace=\(namespace)", "--tail=50"]
            steps.append(
                PlanStep(
                    argv: context.kubectl(logs + (previous ? ["--previous"] : [])), mutating: false,
                    summary: "show the last 50 lines \(container) logged\(previous ? " before it restarted" : "")"))
        }
        return steps
    }

    /// Event messages about an object, newest last, deduplicated.
    static func eventEvidence(_ snapshot: ClusterSnapshot, kind: String, name: String, reasons: Set<String>? = nil)
        -> [String]
    {
        var seen: Set<String> = []
        return snapshot.events(kind: kind, name: name).compactMap { event in
            guard let message = event["message"].string,
                reasons.map({ $0.contains(event["reason"].string ?? "") }) ?? true,
                seen.insert(message).inserted
            else { return nil }
            return "event \(event["reason"].string ?? ""): \(message)"
        }
    }

    /// `kubectl rollout status` for a workload, to follow a fix.
    static func rolloutStatus(_ reference: String, namespace: String, context: AnalysisContext) -> PlanStep {
        PlanStep(
            argv: context.kubectl(["rollout", "status", reference, "--namespace=\(namespace)", "--timeout=120s"]),
            mutating: false, summary: "wait until \(reference)'s pods are ready", timeoutSeconds: 135)
    }
}
