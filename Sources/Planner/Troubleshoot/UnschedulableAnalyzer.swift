/// Unschedulable: the scheduler found no node for a pending pod (resources, node selector, taints).
struct UnschedulableAnalyzer: Analyzer {
    let id = "unschedulable"
    let problems = ["Unschedulable"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        snapshot.items("Pod").compactMap { pod in
            guard pod["status"]["phase"].string == "Pending",
                let condition = pod["status"]["conditions"].array.first(where: {
                    $0["type"].string == "PodScheduled" && $0["status"].string == "False"
                }), condition["reason"].string == "Unschedulable"
            else { return nil }
            let ns = snapshot.namespace
            var evidence = ["scheduler: " + (condition["message"].string ?? "no node fits")]
            let selector = pod["spec"]["nodeSelector"].stringMap
            if !selector.isEmpty {
                evidence.append(
                    "nodeSelector: "
                        + selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ","))
            }
            let nodes = snapshot.items("Node")
            if !nodes.isEmpty {
                evidence.append("nodes: " + nodes.map(\.name).sorted().joined(separator: ", "))
            }
            // "disk=ssd" on no node: the selector, not the node's room, keeps the pod off every node.
            let unmatched = PodFacts.unmatchedNodeSelector(of: pod, in: snapshot)
            for pair in unmatched { evidence.append("no node has the label \(pair)") }
            var checks = PodFacts.checks(pod: pod.name, namespace: ns, context: context)
            checks.append(
                PlanStep(
                    argv: context.kubectl(["get", "nodes", "--show-labels"]), mutating: false,
                    summary: "list the nodes with their labels"))
            let explanation =
                unmatched.isEmpty
                ? "no node can run the pod: it asks for more CPU or memory than a node has free, "
                    + "a node selector or affinity no node matches, or taints it does not tolerate"
                : "no node can run the pod: its nodeSelector asks for \(unmatched.joined(separator: " and ")), which no "
                    + "node carries; label the node meant for it, or change the workload's nodeSelector"
            return Finding(
                problem: "Unschedulable", severity: .critical, resource: "pod/\(pod.name)", namespace: ns,
                evidence: evidence,
                explanation: explanation,
                checks: checks, subjects: PodFacts.subjects(of: pod, in: snapshot))
        }
    }
}
