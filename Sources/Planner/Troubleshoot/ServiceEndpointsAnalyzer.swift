/// ServiceNoEndpoints (the selector matches no pod) and ServiceNotReady (it matches pods, none ready).
/// The fix points the selector at the labels of the one workload it was evidently meant for.
struct ServiceEndpointsAnalyzer: Analyzer {
    let id = "service_endpoints"
    let problems = ["ServiceNoEndpoints", "ServiceNotReady"]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        let pods = snapshot.items("Pod").filter {
            $0["status"]["phase"].string != "Succeeded" && $0["status"]["phase"].string != "Failed"
        }
        return snapshot.items("Service").compactMap { service in
            let selector = service["spec"]["selector"].stringMap
            guard !selector.isEmpty, service["spec"]["type"].string != "ExternalName" else { return nil }
            let ns = snapshot.namespace
            let shown = format(selector)
            let matching = pods.filter { ClusterSnapshot.selects(selector, $0.labels) }
            if matching.isEmpty {
                return noEndpoints(
                    service, selector: selector, shown: shown, pods: pods, snapshot: snapshot, context: context)
            }
            let endpoints = snapshot.item("Endpoints", named: service.name)
            let ready = endpoints?["subsets"].array.flatMap { $0["addresses"].array }.count ?? 0
            guard ready == 0 else { return nil }
            let notReady = endpoints?["subsets"].array.flatMap { $0["notReadyAddresses"].array }.count ?? 0
            var subjects: Set<String> = [service.name]
            for pod in matching { subjects.formUnion(PodFacts.subjects(of: pod, in: snapshot)) }
            var evidence = [
                "selector \(shown) matches \(matching.count) pods: "
                    + matching.prefix(5).map(\.name).joined(separator: ", "),
                "ready endpoints: 0, not ready: \(notReady)",
            ]
            var explanation = "the service has pods but none is ready, so it sends traffic nowhere; "
                + "the pods' own problems (crashes, failing readiness probes) are the cause"
            // Pods that no node can take (a nodeSelector no node carries) never get an address at all.
            let unplaced = Set(matching.filter { $0["status"]["phase"].string == "Pending" }
                .flatMap { PodFacts.unmatchedNodeSelector(of: $0, in: snapshot) })
            if !unplaced.isEmpty, matching.allSatisfy({ $0["status"]["phase"].string == "Pending" }) {
                evidence.append("its pods are not scheduled: no node has the label " + unplaced.sorted().joined(separator: ", "))
                explanation = "the service's pods are all Pending: their nodeSelector asks for "
                    + unplaced.sorted().joined(separator: " and ") + ", which no node carries, so no pod runs "
                    + "and the service sends traffic nowhere"
            }
            return Finding(
                problem: "ServiceNotReady", severity: .warning, resource: "service/\(service.name)", namespace: ns,
                evidence: evidence,
                explanation: explanation,
                checks: [
                    PlanStep(
                        argv: context.kubectl(["get", "endpoints", service.name, "--namespace=\(ns)", "--output=wide"]),
                        mutating: false, summary: "show the service's endpoints"),
                    PlanStep(
                        argv: context.kubectl(["get", "pods", "--selector=\(shown)", "--namespace=\(ns)"]),
                        mutating: false, summary: "show the pods it selects"),
                ], subjects: subjects)
        }
    }

    private func noEndpoints(
        _ service: JSONValue, selector: [String: String], shown: String, pods: [JSONValue], snapshot: ClusterSnapshot,
        context: AnalysisContext
    ) -> Finding {
        let ns = snapshot.namespace
        var labelSets: [String] = []
        for pod in pods {
            let text = format(
                pod.labels.filter { $0.key != "pod-template-hash" && $0.key != "controller-revision-hash" })
            if !text.isEmpty, !labelSets.contains(text) { labelSets.append(text) }
        }
        var evidence = ["selector \(shown) matches no pod in \(ns)"]
        evidence.append(
            labelSets.isEmpty
                ? "there are no pods in \(ns)" : "labels that exist: " + labelSets.prefix(6).joined(separator: "; "))
        var explanation = "the service's selector matches no pod, so it has no endpoints and connections to it fail"
        var fix: [PlanStep] = []
        var subjects: Set<String> = [service.name]
        if let target = intendedWorkload(service, selector: selector, snapshot: snapshot) {
            let labels = format(target.labels)
            subjects.insert(target.name)
            explanation += "; \(target.reference)'s pods are labelled \(labels), so the fix points the selector there"
            let change = ["set", "selector", "service/\(service.name)", labels, "--namespace=\(ns)"]
            fix = [
                PlanStep(
                    argv: context.kubectl(change), mutating: true,
                    summary: "point service/\(service.name)'s selector at \(labels)",
                    validationArgv: context.kubectl(change + ["--dry-run=server"])
                ).undone(
                    by: context.reversal(
                        ["set", "selector", "service/\(service.name)", format(selector), "--namespace=\(ns)"],
                        summary: "point service/\(service.name)'s selector back at \(format(selector))")),
                PlanStep(
                    argv: context.kubectl([
                        "get", "service/\(service.name)", "--namespace=\(ns)", "--output=jsonpath={.spec.selector}",
                    ]), mutating: false, summary: "check service/\(service.name)'s selector"),
            ]
        }
        return Finding(
            problem: "ServiceNoEndpoints", severity: .critical, resource: "service/\(service.name)", namespace: ns,
            evidence: evidence, explanation: explanation, fix: fix,
            checks: fix.isEmpty
                ? [
                    PlanStep(
                        argv: context.kubectl(["get", "pods", "--show-labels", "--namespace=\(ns)"]), mutating: false,
                        summary: "list the pods with their labels")
                ] : [], subjects: subjects)
    }

    /// The one workload the service was meant for: the only one whose pod labels share a key with the
    /// selector, else the only one named like the service. Nil when it is not clear.
    func intendedWorkload(_ service: JSONValue, selector: [String: String], snapshot: ClusterSnapshot)
        -> (reference: String, name: String, labels: [String: String])?
    {
        let workloads = (snapshot.items("Deployment") + snapshot.items("StatefulSet")).compactMap {
            workload -> (reference: String, name: String, labels: [String: String])? in
            let labels = workload["spec"]["selector"]["matchLabels"].stringMap
            guard !labels.isEmpty else { return nil }
            return ("\((workload["kind"].string ?? "").lowercased())/\(workload.name)", workload.name, labels)
        }
        let sharing = workloads.filter { !Set($0.labels.keys).isDisjoint(with: selector.keys) }
        if sharing.count == 1 { return sharing[0] }
        var stem = service.name
        for suffix in ["-service", "-svc"] where stem.hasSuffix(suffix) { stem = String(stem.dropLast(suffix.count)) }
        let named = (sharing.isEmpty ? workloads : sharing).filter { $0.name == stem || $0.name == service.name }
        return named.count == 1 ? named[0] : nil
    }

    private func format(_ labels: [String: String]) -> String {
        labels.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
    }
}
