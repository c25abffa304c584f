import Intent

/// Plans `logs`: a pod, or a deployment, statefulset, daemonset, job or service as TYPE/NAME (kubectl picks a pod).
///
/// `kubectl logs deployment/todo-backend --namespace=todo --tail=100 [--container=C] [--previous] [--since=1h]
/// [--follow]`. Without a line count the last ``defaultTail`` lines are shown; following runs attached to the
/// terminal until Ctrl-C.
struct LogsPlanner: ActionPlanner {
    let actions = ["logs"]
    static let defaultTail = 100
    static let maximumTail = 100_000
    static let kinds = ResourceKind.logSources.flatMap { $0 }

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        guard let name = intent.text("name") else {
            throw .invalidValue(slot: "name", value: "", reason: "say whose logs, for example: logs of backend")
        }
        if let kind = intent.text("kind"), !Self.kinds.contains(kind) {
            throw .invalidValue(
                slot: "kind", value: kind,
                reason:
                    "logs come from pods, or a \(Self.kinds.filter { $0 != "pod" }.joined(separator: ", ")) (one of its pods)"
            )
        }
        let tail = intent.number("tail") ?? Self.defaultTail
        guard (1...Self.maximumTail).contains(tail) else {
            throw .invalidValue(slot: "tail", value: String(tail), reason: "show 1 to \(Self.maximumTail) lines")
        }
        let resolved: PlanningContext.Resolved
        do {
            resolved = try await context.resolve(name, preferring: ResourceKind.logSources, for: intent)
        } catch {
            // "pods of session agent, show me the logs": no pod has that name, but the workload whose pods they are
            // does; its logs are those pods' logs.
            guard case .notFound = error, intent.text("kind") == "pod" else { throw error }
            var owner = intent
            owner["kind"] = nil
            guard let found = try? await context.resolve(name, preferring: ResourceKind.logSources, for: owner),
                found.object.kind != "pod"
            else { throw error }
            resolved = found
        }
        let object = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        var argv = ["logs", object.reference] + context.namespaceArguments(for: object) + ["--tail=\(tail)"]
        let containers = object.containers.map(\.name)
        if let container = intent.text("container") {
            if !containers.isEmpty && !containers.contains(container) {
                throw .notFound(
                    kind: "container", name: container, namespace: object.namespace.isEmpty ? nil : object.namespace,
                    nearby: containers)
            }
            argv.append("--container=\(container)")
        } else if containers.count > 1, let first = containers.first {
            notes.append(
                "\(object.reference) has containers \(containers.joined(separator: ", ")); kubectl shows \(first) "
                    + "(say \"container \(containers[1])\" for another)")
        }
        let previous = intent.text("previous") == "true"
        if previous { argv.append("--previous") }
        if let since = intent.text("since") { argv.append("--since=\(since)") }
        let follow = intent.text("follow") == "true"
        if follow { argv.append("--follow") }
        let which = previous ? "the previous container's logs" : "the last \(tail) log lines"
        let summary =
            follow
            ? "follow the logs of \(object.displayName) (Ctrl-C stops)" : "show \(which) of \(object.displayName)"
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [PlanStep(argv: context.kubectl(argv), mutating: false, summary: summary, attached: follow)],
            notes: notes, outcome: "shown: the logs of \(object.displayName)", subjects: [object])
    }
}
