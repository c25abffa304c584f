import Intent

/// Plans `apply_objects`: the Kubernetes objects a model answered with (checked by ``ModelObjects`` when the answer
/// was read), created as a template's objects are: each shown as YAML and fed to `kubectl create --filename=-`,
/// validated by the API server, confirmed, read back, and undone by deleting it. A namespace among them is created
/// first; deployments and statefulsets are waited for until rolled out. kagent creates, it never overwrites: an
/// object that exists is refused before anything runs.
struct ModelObjectsPlanner: ActionPlanner {
    let actions = [ModelObjects.action]

    func plan(_ intent: UserIntent, request: String, context: PlanningContext) async throws(PlannerError)
        -> ExecutionPlan
    {
        let texts = intent[ModelObjects.slot]?.list ?? []
        guard !texts.isEmpty else {
            throw .invalidValue(slot: ModelObjects.slot, value: "", reason: "the model's answer holds no object")
        }
        var parsed: [(kind: String, object: JSONValue)] = []
        for text in texts {
            guard let object = try? JSONValue.parse(text), let kind = object["kind"].string else {
                throw .invalidValue(slot: ModelObjects.slot, value: "", reason: "an object of the model's answer is not JSON")
            }
            parsed.append((kind, object))
        }
        // Namespaces first: what goes in them is created once they exist.
        parsed = parsed.filter { $0.kind == "Namespace" } + parsed.filter { $0.kind != "Namespace" }
        let namespacesMade = Set(parsed.filter { $0.kind == "Namespace" }.map(\.object.name))
        var scoped = context
        scoped.plannedNamespaces.formUnion(namespacesMade)
        var objects: [NewObject] = []
        var waits: [PlanStep] = []
        for (kind, object) in parsed {
            guard let resource = ResourceKind.named(kind.lowercased()) else {
                throw .invalidValue(slot: ModelObjects.slot, value: kind, reason: "not a kind kagent knows")
            }
            let name = object.name
            var namespace: String?
            if resource.namespaced {
                if let said = object["metadata"]["namespace"].string {
                    // The namespace the person said wins over the model's: a different one is refused, not chosen.
                    if let asked = try context.namespace(of: intent), asked != said {
                        throw .invalidValue(
                            slot: "namespace", value: said,
                            reason: "the model put \(kind) \(name) in namespace \(said), but you said \(asked); "
                                + "nothing was planned")
                    }
                    namespace = said
                } else {
                    var asked = intent
                    asked[ModelObjects.slot] = nil
                    namespace = try await scoped.creationNamespace(of: asked)
                }
            }
            // Its keys in Kubernetes' usual order first (apiVersion, kind, metadata; a name before the rest).
            let refused = { (problem: String) in
                PlannerError.invalidValue(
                    slot: ModelObjects.slot, value: kind, reason: "an object holds a value kagent cannot write (\(problem))")
            }
            guard var manifest = try Manifest.json(
                object, first: ["apiVersion", "kind", "metadata", "name", "namespace"], refused: refused)
            else { throw refused("nothing") }
            // The namespace it goes in is written in it, as kagent shows it.
            if let namespace, case .map(var entries) = manifest,
                let at = entries.firstIndex(where: { $0.key == "metadata" }), case .map(var metadata) = entries[at].value
            {
                metadata.removeAll { $0.key == "namespace" }
                metadata.insert(.init(key: "namespace", value: .string(namespace)), at: min(1, metadata.count))
                entries[at].value = .map(metadata)
                manifest = .map(entries)
            }
            let what = "\(resource.name) \(name)" + (namespace.map { " in \($0)" } ?? "")
            objects.append(
                NewObject(
                    kind: resource.name, name: name, namespace: namespace, manifest: manifest,
                    check: ("{{.metadata.name}}", name), what: what))
            if ["deployment", "statefulset"].contains(resource.name), let namespace {
                waits.append(
                    PlanStep(
                        argv: context.kubectl(
                            "rollout", "status", "\(resource.name)/\(name)", "--namespace=\(namespace)", "--timeout=180s"),
                        mutating: false, summary: "wait until \(what) is rolled out", timeoutSeconds: 195))
            }
        }
        return try await scoped.creationPlan(
            objects, intent: intent, request: request,
            notes: ["these objects were written by the model: read them before you confirm"],
            outcome: "created " + objects.map(\.what).joined(separator: ", "), after: waits)
    }
}
