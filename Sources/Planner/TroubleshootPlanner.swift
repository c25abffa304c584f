import Intent

/// Plans `troubleshoot`: reads a namespace in a few batched calls, runs every analyzer, and keeps the findings
/// about the named target (a workload, service, pod, claim or ingress), or all of them for a namespace.
///
/// The plan's steps are the findings' safe fixes (changing, so validated and confirmed first) with their
/// verification steps; without a safe fix nothing runs and each finding lists the commands to check next.
/// Offline (or on a cluster that cannot be read as a snapshot) it plans the read-only commands that show
/// the namespace's state instead.
struct TroubleshootPlanner: ActionPlanner {
    let actions = ["troubleshoot"]
    /// Kinds a troubleshooting target can be, most likely first.
    static let targetKinds = [
        ["deployment", "statefulset", "job"], ["service", "ingress"], ["pod"], ["persistentvolumeclaim"],
    ]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let fixing = intent.text("fix") == "true"
        var namespace = try context.namespace(of: intent)
        var target: ClusterObject?
        var notes: [String] = []
        let name = intent.text("name")
        if fixing && context.cluster as? any ClusterSnapshotReader == nil {
            throw .needsCluster(
                "fixing needs the cluster's current state, and --offline plans without reading it; drop --offline")
        }
        if let name, let cluster = context.cluster {
            // A user limited to some namespaces may not list them: then the name is an object's.
            let namespaces =
                namespace == nil ? (try? await cluster.objects(kinds: ["namespace"], namespace: nil)) ?? [] : []
            if intent.text("kind") == nil, namespaces.contains(where: { $0.name == name }) {
                namespace = name
            } else {
                let resolved = try await context.resolve(name, preferring: Self.targetKinds, for: intent)
                if let note = resolved.note { notes.append(note) }
                // "the health of namespace srvthreds": a namespace is where to look, not an object in one.
                if resolved.object.kind == "namespace" {
                    namespace = resolved.object.name
                } else {
                    target = resolved.object
                    namespace = resolved.object.namespace
                }
            }
        } else if let name, intent.text("kind") == "namespace" {
            namespace = name
        } else if let name {
            let kind = intent.text("kind") ?? "deployment"
            target = ClusterObject(kind: kind, name: name, namespace: namespace ?? context.defaultNamespace)
        }
        guard let reader = context.cluster as? any ClusterSnapshotReader else {
            return offlinePlan(
                intent, request: request, namespace: namespace ?? context.defaultNamespace, target: target,
                notes: notes, context: context)
        }
        let ns = namespace ?? context.defaultNamespace
        let snapshot = try await reader.snapshot(namespace: ns)
        var literals: [String: String] = [:]
        for pair in intent.slots["env"].map(Self.words) ?? [] {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { literals[parts[0]] = parts[1] }
        }
        let pinned = context.pinned
        let analysis = AnalysisContext(
            kubectl: { context.kubectl($0) }, pinnedKubectl: { pinned.kubectl($0) }, literals: literals)
        var findings = Analyzers.findings(in: snapshot, context: analysis)
        if let target { findings = findings.filter { $0.concerns(target.name) } }
        var scope = target.map { "\($0.reference) in \(ns)" } ?? "namespace \(ns)"
        if let selector = intent.text("selector") {
            let labels = Self.labels(selector)
            var names: Set<String> = []
            for object in snapshot.items("Pod") + snapshot.items("Deployment") + snapshot.items("StatefulSet")
                + snapshot.items("Job") + snapshot.items("Service")
            where ClusterSnapshot.selects(labels, object.labels) {
                names.insert(object.name)
                if object["kind"].string == "Pod", let owner = snapshot.owner(ofPod: object) {
                    names.insert(owner.name)
                }
            }
            findings = findings.filter { finding in names.contains { finding.concerns($0) } }
            scope = "the objects labelled \(selector) in \(ns)"
        }
        notes.append(
            "read \(scope) with \(snapshot.commands.count) kubectl calls; "
                + (findings.isEmpty
                    ? "no problems found" : "\(findings.count) problem\(findings.count == 1 ? "" : "s") found"))
        var steps: [PlanStep] = []
        for step in findings.flatMap(\.fix) where !steps.contains(step) { steps.append(step) }
        let fixes = findings.filter { !$0.fix.isEmpty }
        let outcome: String
        if findings.isEmpty {
            outcome = "no problems found in \(scope)"
        } else if fixes.isEmpty {
            outcome =
                "found \(findings.count) problem\(findings.count == 1 ? "" : "s") in \(scope) with no safe automatic fix: "
                + "nothing changed; the commands under each finding show what to check next"
        } else {
            let codes = fixes.map { "\($0.problem) (\($0.resource))" }
            outcome = "applied the fix for " + Array(Set(codes)).sorted().joined(separator: ", ")
        }
        var plan = ExecutionPlan(
            request: request, intents: [intent], steps: steps, notes: notes, outcome: outcome,
            subjects: target.map { [$0] } ?? [])
        plan.findings = findings
        plan.analyzed = true
        return plan
    }

    /// Without a snapshot of the cluster (offline): the read-only commands that show what is wrong.
    private func offlinePlan(
        _ intent: UserIntent, request: String, namespace: String, target: ClusterObject?, notes: [String],
        context: PlanningContext
    ) -> ExecutionPlan {
        var steps = [
            PlanStep(
                argv: context.kubectl(
                    ["get", "pods,deployments,statefulsets,jobs,services,endpoints,persistentvolumeclaims"]
                        + (intent.text("selector").map { ["--selector=\($0)"] } ?? [])
                        + ["--namespace=\(namespace)", "--output=wide"]),
                mutating: false, summary: "list the namespace's workloads, pods, services and claims"),
            PlanStep(
                argv: context.kubectl(
                    "get", "events", "--namespace=\(namespace)", "--field-selector=type=Warning",
                    "--sort-by=.lastTimestamp"),
                mutating: false, summary: "list the namespace's warning events"),
        ]
        if let target {
            steps.append(
                PlanStep(
                    argv: context.kubectl("describe", target.reference, "--namespace=\(namespace)"), mutating: false,
                    summary: "show \(target.reference)'s details and events"))
        }
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps,
            notes: notes + ["offline: kagent cannot analyse the cluster, so these commands show its state"],
            outcome: "listed what to check in namespace \(namespace)", subjects: target.map { [$0] } ?? [])
    }

    /// `app=web,tier=api` as a map.
    static func labels(_ selector: String) -> [String: String] {
        var labels: [String: String] = [:]
        for pair in selector.split(separator: ",") {
            let parts = pair.split(separator: "=", maxSplits: 1).map(String.init)
            if parts.count == 2 { labels[parts[0]] = parts[1] }
        }
        return labels
    }

    private static func words(_ value: SlotValue) -> [String] {
        switch value {
        case .list(let words), .secret(let words): return words
        case .text(let text): return [text]
        case .number(let number): return [String(number)]
        }
    }
}
