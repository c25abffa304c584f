import Intent

/// Plans `get` (a kind listed, or one object) and `images` (which images the pods run).
///
/// `kubectl get pods --namespace=NS [--selector=…] [--output=wide]`, `--all-namespaces` when asked,
/// no namespace for cluster-scoped kinds; `kubectl get all --namespace=NS` for "everything";
/// `kubectl get deployment/todo-backend --namespace=todo` for one object.
struct GetPlanner: ActionPlanner {
    let actions = ["get", "images"]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        if intent.action == "images" {
            if let name = intent.text("name") {
                return try await planImages(of: name, intent, request: request, context: context)
            }
            return try images(intent, request: request, context: context)
        }
        if let owner = intent.text("owner") {
            return try await planOwned(by: owner, intent, request: request, context: context)
        }
        // "-o yaml", "as json", "wide": the shape kubectl prints. A secret's values are never printed.
        let shape = intent.text("output") ?? (intent.text("wide") == "true" ? "wide" : nil)
        if let shape, SlotParsing.shape(shape) != shape {
            throw .invalidValue(slot: "output", value: shape, reason: "kagent prints yaml, json, wide or name")
        }
        let wide = shape.map { ["--output=\($0)"] } ?? []
        func refuseSecretValues(_ kind: String?) throws(PlannerError) {
            if kind == "secret", let shape, ["yaml", "json"].contains(shape) {
                throw .invalidValue(
                    slot: "output", value: shape,
                    reason: "kagent never prints a secret's values; 'describe secret NAME' lists its keys and sizes")
            }
        }
        try refuseSecretValues(intent.text("kind"))
        if let name = intent.text("name"), intent.text("kind") == nil, let kind = Self.misspelledKind(name) {
            // "get deploymets": the words read best as a name, but the name is a kind with one typo.
            var listing = intent
            listing["name"] = nil
            listing["kind"] = .text(kind.name)
            var plan = try await self.plan(listing, request: request, context: context)
            plan.notes.insert("'\(name)' read as \(kind.plural)", at: 0)
            return plan
        }
        if let name = intent.text("name") {
            let resolved = try await context.resolve(name, preferring: ResourceKind.lookingPreference, for: intent)
            // "is srvthreds healthy?", "how is srvthreds doing?": a namespace named where an object was expected is
            // asked about as a whole: its health, read-only.
            if resolved.object.kind == "namespace", intent.text("kind") == nil {
                var health = UserIntent(action: "troubleshoot", slots: ["name": .text(resolved.object.name)])
                health.source = intent.source
                return try await TroubleshootPlanner().plan(health, request: request, context: context)
            }
            let object = resolved.object
            try refuseSecretValues(object.kind)
            let argv = context.kubectl(["get", object.reference] + context.namespaceArguments(for: object) + wide)
            var step = PlanStep(argv: argv, mutating: false, summary: "show \(object.displayName)")
            // "how many replicas does the frontend have": its READY column, said as a sentence.
            if wide.isEmpty, ["deployment", "statefulset", "replicaset"].contains(object.kind) { step.answer = .replicas }
            return ExecutionPlan(
                request: request, intents: [intent],
                steps: [step],
                notes: resolved.note.map { [$0] } ?? [], outcome: "shown: \(object.displayName)", subjects: [object])
        }
        guard let kind = intent.text("kind") else {
            throw .invalidValue(slot: "kind", value: "", reason: "say what to list, for example: get pods in todo")
        }
        // "list the pods sorted by memory": what they use is shown by `kubectl top`, sorted as asked.
        if let sort = intent.text("sort"), let usage = TopPlanner.usageSort(sort), kind == "pod" || kind == "node" {
            var top = intent
            top.action = "top"
            top.slots["sort"] = .text(usage)
            return try await TopPlanner().plan(top, request: request, context: context)
        }
        if kind == "event" && intent.text("selector") == nil && wide.isEmpty {
            // "get events" is the events action: sorted by time, like "recent events".
            return try await EventsPlanner().plan(intent, request: request, context: context)
        }
        let everything = kind == "all"
        let resource = everything ? nil : ResourceKind.named(kind)
        if !everything && resource == nil {
            throw .invalidValue(slot: "kind", value: kind, reason: "kagent does not know this kind; try: get pods")
        }
        let plural = resource?.plural ?? "all"
        var argv = ["get", plural]
        var place = ""
        if resource?.namespaced ?? true {
            let scope = try Self.scope(of: Self.onNode(intent, context: context), context: context)
            argv.append(scope.argument)
            place = scope.description
        }
        if let selector = intent.text("selector") { argv.append("--selector=\(selector)") }
        var notes: [String] = []
        if intent.text("not_running") == "true" {
            // Completed pods (Succeeded) have done their work; a crash-looping pod is still phase Running.
            argv.append("--field-selector=status.phase!=Running,status.phase!=Succeeded")
            notes.append(
                "pods whose phase is not Running (Pending, Failed, Unknown); a pod whose container keeps crashing "
                    + "is still Running: 'troubleshoot' checks the containers")
        }
        // "pending pods", "pods on node worker-2": kubectl's field selectors for a pod's phase and node.
        let phases = [("pending", "Pending"), ("running", "Running"), ("failed", "Failed"), ("succeeded", "Succeeded")]
            .filter { intent[$0.0] != nil }.map(\.1)
        if phases.count > 1 {
            throw .invalidValue(
                slot: "phase", value: phases.joined(separator: ", "), reason: "a pod is in one phase; ask for one")
        }
        var fields = phases.map { "status.phase=\($0)" }
        if let node = intent.text("node") {
            guard kind == "pod" else {
                throw .invalidValue(slot: "node", value: node, reason: "only pods run on a node")
            }
        }
        if let node = try await Self.nodeField(intent, context: context) {
            if let note = node.note { notes.append(note) }
            fields.append(node.field)
        }
        if !fields.isEmpty {
            argv.append("--field-selector=" + fields.joined(separator: ","))
            if phases == ["Running"] {
                notes.append("phase Running: a pod whose container keeps crashing is still Running ('troubleshoot' checks the containers)")
            }
        }
        if let sort = intent.text("sort") {
            let (path, said) = try Self.sortKey(sort, kind: kind)
            argv.append("--sort-by=\(path)")
            notes.append("sorted by \(said), smallest first (kubectl sorts in one direction only)")
        }
        argv += wide
        let what = everything ? "everything" : plural
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [PlanStep(argv: context.kubectl(argv), mutating: false, summary: "list \(what)\(place)")],
            notes: notes, outcome: "listed \(what)\(place)")
    }

    /// kubectl's `--sort-by` field for a word people sort by: age (oldest first), restarts (pods), name.
    static func sortKey(_ word: String, kind: String) throws(PlannerError) -> (path: String, said: String) {
        switch word {
        case "age", "time", "date", "created", "creation", "newest", "oldest", "creationtimestamp":
            return (".metadata.creationTimestamp", "age: the oldest first")
        case "restart", "restarts", "restartcount", "crashes":
            guard kind == "pod" else {
                throw .invalidValue(slot: "sort", value: word, reason: "only pods have restarts; sort them by age or name")
            }
            return (".status.containerStatuses[0].restartCount", "the restarts of their first container")
        case "name", "names", "alphabet", "alphabetically":
            return (".metadata.name", "name")
        default:
            throw .invalidValue(slot: "sort", value: word, reason: "kagent sorts by age, restarts (pods) or name")
        }
    }

    /// The kind a word means when it is one typo away from a kind's name or plural (five letters or more).
    static func misspelledKind(_ word: String) -> ResourceKind? {
        guard word.count >= 5, ResourceKind.named(word) == nil else { return nil }
        return ResourceKind.all.values.sorted { $0.name < $1.name }.first { kind in
            [kind.name, kind.plural].contains { $0 != word && EditDistance.isWithinOne(word, $0) }
        }
    }

    /// The one object of `kind` named exactly `word` in any namespace (nil offline, or when none or several are).
    static func object(named word: String, kind: String, context: PlanningContext) async -> ClusterObject? {
        guard let cluster = context.cluster, let resource = ResourceKind.named(kind),
            let objects = try? await cluster.objects(kinds: [resource.name], namespace: nil)
        else { return nil }
        let named = objects.filter { $0.name == word }
        return named.count == 1 ? named.first : nil
    }

    /// "pods on node worker-2": a node runs pods of every namespace, unless one is said.
    static func onNode(_ intent: UserIntent, context: PlanningContext) -> UserIntent {
        var scoped = intent
        if intent.text("node") != nil, intent.text("namespace") == nil, context.namespace == nil {
            scoped[UserIntent.everyNamespaceSlot] = "true"
        }
        return scoped
    }

    /// The node the intent says its pods run on, as kubectl's field selector (`spec.nodeName=NAME`), with the note
    /// of its loose name; nil when it says none.
    static func nodeField(_ intent: UserIntent, context: PlanningContext) async throws(PlannerError)
        -> (field: String, note: String?)?
    {
        guard let node = intent.text("node") else { return nil }
        var asked = intent
        asked["kind"] = nil
        asked["namespace"] = nil
        let resolved = try await context.resolve(node, kinds: ["node"], for: asked)
        return ("spec.nodeName=\(resolved.object.name)", resolved.note)
    }

    /// `--all-namespaces` or `--namespace=NS`, and how to say it.
    static func scope(of intent: UserIntent, context: PlanningContext) throws(PlannerError)
        -> (argument: String, description: String)
    {
        let namespace = try context.namespace(of: intent)
        if intent.wantsEveryNamespace || namespace.map(Quantifier.isQuantifier) == true {
            if let namespace, !Quantifier.isQuantifier(namespace) {
                throw .invalidValue(
                    slot: "namespace", value: namespace,
                    reason: "the request asks for every namespace and for this one; say one")
            }
            return ("--all-namespaces", " in all namespaces")
        }
        let chosen = namespace ?? context.defaultNamespace
        return ("--namespace=\(chosen)", " in namespace \(chosen)")
    }

    /// Which images the pods run: every namespace unless one is said.
    func images(_ intent: UserIntent, request: String, context: PlanningContext) throws(PlannerError)
        -> ExecutionPlan
    {
        let namespace = try context.namespace(of: intent)
        let everywhere =
            namespace == nil || intent.wantsEveryNamespace || namespace.map(Quantifier.isQuantifier) == true
        let scope = everywhere ? "--all-namespaces" : "--namespace=\(namespace ?? "")"
        let place = everywhere ? "in all namespaces" : "in namespace \(namespace ?? "")"
        let columns =
            "--output=custom-columns=NAMESPACE:.metadata.namespace,POD:.metadata.name,IMAGES:.spec.containers[*].image"
        return ExecutionPlan(
            request: request, intents: [intent],
            steps: [
                PlanStep(
                    argv: context.kubectl("get", "pods", scope, columns), mutating: false,
                    summary: "list the images of the pods \(place)")
            ],
            outcome: "listed the images the pods run \(place)")
    }
}
