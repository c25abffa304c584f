import Intent

// MARK: - Questions about one thing: its pods, its images

extension GetPlanner {
    /// The kinds whose pods a name can mean ("the pods of the engine"), in order of preference.
    static let podOwners: [[String]] = [["deployment", "statefulset", "daemonset", "job"], ["pod"], ["service"]]

    /// "How many pods does srvthreds have", "where is the engine running": the objects of `kind` (pods unless
    /// said) in the namespace `owner` names, or the pods of the workload or service it names (by its selector;
    /// a pod is itself), `--output=wide` when asked (the node each runs on).
    func planOwned(by owner: String, _ intent: UserIntent, request: String, context: PlanningContext)
        async throws(PlannerError) -> ExecutionPlan
    {
        let kind = intent.text("kind") ?? "pod"
        let wide = intent.text("wide") == "true" ? ["--output=wide"] : []
        guard let cluster = context.cluster else {
            throw .needsCluster("finding what '\(owner)' holds reads the cluster; say it as: get pods in NAMESPACE")
        }
        let namespaces = try await cluster.objects(kinds: ["namespace"], namespace: nil)
        let ownerKind = intent.text("owner_kind")
        if ownerKind == "namespace"
            || ownerKind == nil && intent.text("namespace") == nil
                && namespaces.contains(where: { $0.name == owner.lowercased() })
        {
            var listing = intent
            listing["owner"] = nil
            listing["owner_kind"] = nil
            listing["namespace"] = .text(owner.lowercased())
            listing["kind"] = .text(kind)
            return try await plan(listing, request: request, context: context)
        }
        guard kind == "pod" else {
            throw .invalidValue(
                slot: "namespace", value: owner,
                reason: "no namespace of that name; say where to list, for example: get \(kind)s in todo")
        }
        // "the pods of the engine deployment": the owner's kind, not the pods'.
        var scoped = intent
        scoped["kind"] = ownerKind.map { .text($0) }
        // "which node is the engine pod on": the engine's pods, unless a pod has exactly that name; when nothing
        // else has it either, the pod is what is said not to exist.
        var owners = scoped
        owners["kind"] = nil
        let resolved: PlanningContext.Resolved
        if ownerKind == "pod",
            try await !cluster.objects(kinds: ["pod"], namespace: intent.text("namespace"))
                .contains(where: { $0.name == owner.lowercased() }),
            let workload = try? await context.resolve(owner, preferring: Self.podOwners, for: owners)
        {
            resolved = workload
        } else {
            resolved = try await context.resolve(owner, preferring: Self.podOwners, for: scoped)
        }
        let object = resolved.object
        var notes = resolved.note.map { [$0] } ?? []
        let argv: [String]
        let what: String
        if object.kind == "pod" {
            argv = ["get", object.reference] + context.namespaceArguments(for: object) + wide
            what = object.displayName
        } else {
            guard !object.selector.isEmpty else {
                throw .invalidValue(
                    slot: "name", value: owner, reason: "\(object.displayName) selects no pods (it has no selector)")
            }
            let selector = object.selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            argv =
                ["get", "pods"] + context.namespaceArguments(for: object)
                + ["--selector=\(selector.joined(separator: ","))"] + wide
            what = "the pods of \(object.displayName)"
            notes.append("pods chosen by \(object.reference)'s selector")
        }
        var step = PlanStep(argv: context.kubectl(argv), mutating: false, summary: "list \(what)")
        // "where is the engine running": each pod's node, said as a sentence.
        if !wide.isEmpty { step.answer = .nodes }
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [step],
            notes: notes, outcome: "listed \(what)", subjects: [object])
    }

    /// Where each kind keeps its containers, for `--output=custom-columns`.
    static let containerPaths: [String: String] = [
        "pod": ".spec.containers[*].image",
        "deployment": ".spec.template.spec.containers[*].image",
        "statefulset": ".spec.template.spec.containers[*].image",
        "daemonset": ".spec.template.spec.containers[*].image",
        "replicaset": ".spec.template.spec.containers[*].image",
        "job": ".spec.template.spec.containers[*].image",
        "cronjob": ".spec.jobTemplate.spec.template.spec.containers[*].image",
    ]

    /// "What image is the backend running", "what version of the engine is deployed": the images of one
    /// workload or pod (the tag is the version). A service's are its pods'.
    func planImages(of name: String, _ intent: UserIntent, request: String, context: PlanningContext)
        async throws(PlannerError) -> ExecutionPlan
    {
        // "Which versions of our software are running in the todo app?": a namespace said as the object is where
        // to list the images of every pod.
        if intent["namespace"] == nil, let cluster = context.cluster,
            let namespaces = try? await cluster.objects(kinds: ["namespace"], namespace: nil),
            let namespace = [name, name.hasSuffix("-app") ? String(name.dropLast(4)) : name].first(where: { said in
                namespaces.contains { $0.name == said }
            })
        {
            var listing = intent
            listing["name"] = nil
            listing["namespace"] = .text(namespace)
            return try images(listing, request: request, context: context)
        }
        let resolved = try await context.resolve(name, preferring: Self.podOwners, for: intent)
        let object = resolved.object
        let argv: [String]
        if let path = Self.containerPaths[object.kind] {
            argv =
                ["get", object.reference] + context.namespaceArguments(for: object)
                + ["--output=custom-columns=NAME:.metadata.name,IMAGES:\(path)"]
        } else if object.kind == "service", !object.selector.isEmpty {
            let selector = object.selector.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }
            argv =
                ["get", "pods"] + context.namespaceArguments(for: object)
                + [
                    "--selector=\(selector.joined(separator: ","))",
                    "--output=custom-columns=POD:.metadata.name,IMAGES:\(Self.containerPaths["pod"] ?? "")",
                ]
        } else {
            throw .invalidValue(
                slot: "name", value: name, reason: "\(object.displayName) runs no containers; name its workload")
        }
        var step = PlanStep(
            argv: context.kubectl(argv), mutating: false, summary: "show the images of \(object.displayName)")
        step.answer = .images
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [step],
            notes: resolved.note.map { [$0] } ?? [], outcome: "shown: the images of \(object.displayName)",
            subjects: [object])
    }
}
