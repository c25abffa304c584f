import Intent

/// Plans `top`: CPU and memory use of pods (`kubectl top pods --namespace=NS`) or nodes (`kubectl top nodes`),
/// optionally sorted (`--sort-by=cpu|memory`). Needs the cluster's metrics API (metrics-server).
struct TopPlanner: ActionPlanner {
    let actions = ["top"]

    /// `kubectl top`'s `--sort-by` for a word people sort use by ("mem", "ram", "processor"); nil for others.
    static func usageSort(_ word: String) -> String? {
        switch word {
        case "cpu", "cpus", "processor", "processors", "compute": "cpu"
        case "memory", "mem", "ram": "memory"
        default: nil
        }
    }

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let kind = intent.text("kind") ?? "pod"
        var argv: [String]
        var place = ""
        var subjects: [ClusterObject] = []
        var notes: [String] = []
        switch kind {
        case "pod":
            // "how much memory does the backend use?": the pods of the workload named (a workload said where a
            // namespace is was made its name by ``Planner/readingIn(_:)``).
            if let name = intent.text("name") {
                let resolved = try await context.resolve(name, kinds: ["deployment", "statefulset", "daemonset"], for: intent)
                notes.append(contentsOf: resolved.note.map { [$0] } ?? [])
                let workload = resolved.object
                if !workload.selector.isEmpty {
                    let selector = workload.selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                    argv = ["top", "pods"] + context.namespaceArguments(for: workload) + ["--selector=\(selector.joined(separator: ","))"]
                    place = " of \(workload.displayName)"
                    subjects = [workload]
                    break
                }
            }
            // "what's eating memory on worker-2": the pods on a node, as `get pods` says them.
            let scope = try GetPlanner.scope(of: GetPlanner.onNode(intent, context: context), context: context)
            argv = ["top", "pods", scope.argument]
            place = scope.description
            if let node = try await GetPlanner.nodeField(intent, context: context) {
                if let note = node.note { notes.append(note) }
                argv.append("--field-selector=\(node.field)")
                place += " on node \(intent.text("node") ?? "")"
            }
        case "node":
            argv = ["top", "nodes"]
        default:
            throw .invalidValue(slot: "kind", value: kind, reason: "usage is shown for pods or nodes")
        }
        if let said = intent.text("sort") {
            guard let sort = Self.usageSort(said) else {
                throw .invalidValue(slot: "sort", value: said, reason: "sort by cpu or memory")
            }
            argv.append("--sort-by=\(sort)")
        }
        let what = "the CPU and memory use of the \(kind)s\(place)"
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [PlanStep(argv: context.kubectl(argv), mutating: false, summary: "show \(what)")],
            notes: notes, outcome: "shown: \(what)", subjects: subjects)
    }

    /// The workload with pods a word names, looked for in every namespace (nil offline, or when none does).
    static func workload(named word: String, context: PlanningContext) async -> ClusterObject? {
        guard context.cluster != nil else { return nil }
        // No namespace and no kind of its own: the workload is looked for everywhere.
        let unscoped = UserIntent(action: "top")
        guard let resolved = try? await context.resolve(word, kinds: ["deployment", "statefulset", "daemonset"], for: unscoped),
            !resolved.object.selector.isEmpty
        else { return nil }
        return resolved.object
    }
}
