import Intent

/// Plans `expose`: `kubectl expose` (a new service for a deployment, pod, replicaset or service), then a read-back
/// of the new service's port.
struct ExposePlanner: ActionPlanner {
    let actions = ["expose"]
    /// The kinds `kubectl expose` accepts (it cannot expose statefulsets or daemonsets).
    static let kinds = ["deployment", "service", "pod", "replicaset"]
    /// Service types by the words people use.
    static let types = [
        "clusterip": "ClusterIP", "cluster-ip": "ClusterIP", "internal": "ClusterIP", "nodeport": "NodePort",
        "node-port": "NodePort", "loadbalancer": "LoadBalancer", "load-balancer": "LoadBalancer", "lb": "LoadBalancer",
        "external": "LoadBalancer",
    ]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let resolved: PlanningContext.Resolved
        do {
            // Without a kind word, a deployment is what people expose; other kinds only when no deployment fits.
            resolved = try await context.resolveWorkload(
                intent, kinds: intent.text("kind") == nil ? ["deployment"] : Self.kinds,
                verb: "exposed with kubectl expose",
                example: "expose backend on port 80")
        } catch {
            guard case .notFound = error, intent.text("kind") == nil, !context.isOffline else { throw error }
            resolved = try await context.resolveWorkload(
                intent, kinds: Self.kinds, verb: "exposed with kubectl expose", example: "expose backend on port 80")
        }
        let target = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        guard let port = intent.number("port") else {
            throw .invalidValue(slot: "port", value: "", reason: "say the port, for example: expose backend on port 80")
        }
        var type: String?
        if let word = intent.text("type") {
            guard let known = Self.types[word.lowercased()] else {
                throw .invalidValue(
                    slot: "type", value: word, reason: "a service type is ClusterIP, NodePort or LoadBalancer")
            }
            type = known
        }
        let service = intent.text("service") ?? target.name
        if let cluster = context.cluster {
            let services = try await cluster.objects(kinds: ["service"], namespace: target.namespace)
            if let existing = services.first(where: { $0.name == service && $0.namespace == target.namespace }) {
                let ports = existing.ports.map { String($0.port) }.joined(separator: ", ")
                throw .invalidValue(
                    slot: "service", value: service,
                    reason: "a service with this name already exists in namespace \(target.namespace)"
                        + (ports.isEmpty ? "" : " (port \(ports))")
                        + "; name the new one: expose \(intent.text("name") ?? target.name) on port \(port) named \(service)-public"
                )
            }
        }
        var arguments = ["expose", target.kind, target.name, "--port=\(port)"]
        if let targetPort = intent.number("target_port") {
            arguments.append("--target-port=\(targetPort)")
        } else {
            notes.append("the service sends to port \(port) of the pods (say \"targeting PORT\" for another one)")
        }
        if let type { arguments.append("--type=\(type)") }
        if service != target.name { arguments.append("--name=\(service)") }
        arguments += context.namespaceArguments(for: target)
        let created = ClusterObject(kind: "service", name: service, namespace: target.namespace)
        let steps = [
            context.changeStep(
                arguments,
                summary: "create \(type ?? "ClusterIP") service \(service) for \(target.displayName) on port \(port)"
            ).undone(
                by: context.deletionReversal(
                    of: created.reference, namespace: created.namespace, what: "service/\(service)")),
            context.readBackStep(
                created, jsonPath: "{.spec.ports[0].port}", expected: String(port),
                summary: "check that service \(service) exists and listens on port \(port)"),
        ]
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes,
            outcome: "service/\(service) in \(target.namespace) exposes \(target.reference) on port \(port)",
            subjects: [created])
    }
}
