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
            // "memory usage of the api pods in shop": the pods of the workload named.
            // "how much memory does the backend use?": a word read as the namespace that names no namespace, but a
            // workload, is that workload's pods.
            var workload: ClusterObject?
            if let name = intent.text("name") {
                let resolved = try await context.resolve(name, kinds: ["deployment", "statefulset", "daemonset"], for: intent)
                notes.append(contentsOf: resolved.note.map { [$0] } ?? [])
                workload = resolved.object
            } else if let word = intent.text("namespace") {
                workload = try await Self.workload(named: word, context: context)
            }
            if let workload, !workload.selector.isEmpty {
                let selector = workload.selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
                argv = ["top", "pods"] + context.namespaceArguments(for: workload) + ["--selector=\(selector.joined(separator: ","))"]
                place = " of \(workload.displayName)"
                subjects = [workload]
                break
            }
            // "what's eating memory on worker-2": a word read as the namespace that names a node is the pods on it.
            if let word = intent.text("namespace"), let node = try await Self.node(named: word, context: context) {
                argv = ["top", "pods", "--all-namespaces", "--field-selector=spec.nodeName=\(node.name)"]
                place = " on node \(node.name)"
                subjects = [node]
                break
            }
            let scope = try GetPlanner.scope(of: intent, context: context)
            argv = ["top", "pods", scope.argument]
            place = scope.description
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

    /// The node a word names when no namespace has that name (nil offline, or when a namespace does).
    static func node(named word: String, context: PlanningContext) async throws(PlannerError) -> ClusterObject? {
        guard let cluster = context.cluster,
            let namespaces = try? await cluster.objects(kinds: ["namespace"], namespace: nil),
            !namespaces.isEmpty, !namespaces.contains(where: { $0.name == word }),
            let nodes = try? await cluster.objects(kinds: ["node"], namespace: nil)
        else { return nil }
        return nodes.first { $0.name == word }
    }

    /// The workload a word names when no namespace has that name (nil offline, or when a namespace does).
    static func workload(named word: String, context: PlanningContext) async throws(PlannerError) -> ClusterObject? {
        guard let cluster = context.cluster,
            let namespaces = try? await cluster.objects(kinds: ["namespace"], namespace: nil),
            !namespaces.isEmpty, !namespaces.contains(where: { $0.name == word })
        else { return nil }
        // No namespace and no kind of its own: the workload is looked for everywhere.
        let unscoped = UserIntent(action: "top")
        guard let resolved = try? await context.resolve(word, kinds: ["deployment", "statefulset", "daemonset"], for: unscoped),
            !resolved.object.selector.isEmpty
        else { return nil }
        return resolved.object
    }
}
