import Intent

/// One object a template makes: its manifest, where it goes, and how to see that the API server stored it.
struct NewObject: Sendable {
    /// Canonical kind, as ``ResourceKind`` names it ("rolebinding").
    var kind: String
    var name: String
    /// nil for a cluster-wide object (a ClusterRole).
    var namespace: String?
    var manifest: Manifest
    /// A go-template over the stored object, and the text it must print once the object is as the manifest says.
    var check: (template: String, expected: String)
    /// What the object is, for people ("role pod-reader in shop").
    var what: String

    var reference: String { "\(kind)/\(name)" }
    var object: ClusterObject { ClusterObject(kind: kind, name: name, namespace: namespace ?? "") }

    /// The standard metadata: name, namespace when it has one, and labels.
    static func metadata(name: String, namespace: String?, labels: [(String, String)] = []) -> Manifest {
        .fields([
            ("name", .string(name)),
            ("namespace", namespace.map(Manifest.string)),
            ("labels", labels.isEmpty ? nil : .map(labels.map { .init(key: $0.0, value: .string($0.1)) })),
        ])
    }
}

extension NewObject {
    /// Labels said as `KEY=VALUE` (several with commas between), checked as Kubernetes checks them. The
    /// `selector` label (a deployment's `app: NAME`) is the object's own: said with another value, it is refused
    /// rather than the selector changed; said with its own value, it is not repeated.
    static func labels(_ pairs: [String], selector: (key: String, value: String)? = nil) throws(PlannerError)
        -> [(String, String)]
    {
        var labels: [(String, String)] = []
        // `--labels=team=data,tier=back` is two labels.
        for pair in pairs.flatMap({ $0.split(separator: ",").map(String.init) }) {
            guard let equals = pair.firstIndex(of: "=") else {
                throw .invalidValue(slot: "labels", value: pair, reason: "a label is KEY=VALUE, for example: team=data")
            }
            let key = String(pair[..<equals]), value = String(pair[pair.index(after: equals)...])
            try LabelPlanner.checkKey(key, noun: "label")
            try LabelPlanner.checkValue(value, slot: "labels", shown: pair)
            if let selector, key == selector.key {
                guard value == selector.value else {
                    throw .invalidValue(
                        slot: "labels", value: pair,
                        reason: "\(selector.key)=\(selector.value) is its own selector label; name it \(value) "
                            + "instead, or use another key")
                }
                continue
            }
            if let said = labels.first(where: { $0.0 == key }), said.1 != value {
                throw .invalidValue(slot: "labels", value: pair, reason: "label \(key) is said twice; say it once")
            }
            if !labels.contains(where: { $0.0 == key }) { labels.append((key, value)) }
        }
        return labels
    }
}

extension PlanningContext {
    /// The plan that creates objects from templates, in order. For each object: `kubectl create --filename=-` fed
    /// its manifest (the YAML shown is the YAML sent; the API server validates it with `--dry-run=server` first),
    /// then a read-back that it is stored as written; undo deletes it. An object of that kind and name already
    /// there is refused before anything is planned: kagent creates, it never overwrites.
    func creationPlan(
        _ objects: [NewObject], intent: UserIntent, request: String, notes: [String] = [], outcome: String,
        after: [PlanStep] = []
    ) async throws(PlannerError) -> ExecutionPlan {
        var steps: [PlanStep] = []
        for object in objects {
            if let cluster, !plannedNamespaces.contains(object.namespace ?? "") {
                let existing = try await cluster.objects(kinds: [object.kind], namespace: object.namespace)
                if existing.contains(where: { $0.name == object.name && $0.kind == object.kind }) {
                    throw .invalidValue(
                        slot: "name", value: object.name,
                        reason: "\(object.what) already exists; kagent does not overwrite it "
                            + "(delete it first, or choose another name)")
                }
            }
            let scope = object.namespace.map { ["--namespace=\($0)"] } ?? []
            let create = ["create", "--filename=-"] + scope
            var step = PlanStep(
                argv: kubectl(create), mutating: true, summary: "create \(object.what)",
                validationArgv: kubectl(create + ["--dry-run=server"]), timeoutSeconds: 30,
                input: .manifest([object.manifest]))
            step = step.undone(
                by: deletionReversal(of: object.reference, namespace: object.namespace, what: object.what))
            steps.append(step)
            steps.append(
                PlanStep(
                    argv: kubectl(["get", object.reference] + scope + ["--output=go-template=\(object.check.template)"]),
                    mutating: false, summary: "check that \(object.what) is stored as written",
                    expectation: .outputEquals(object.check.expected), timeoutSeconds: 30))
        }
        return ExecutionPlan(
            request: request, intents: [intent], steps: steps + after, notes: notes, outcome: outcome,
            subjects: objects.map(\.object))
    }

    /// The namespace an object the request creates goes in: the one said, else kubectl's default. A namespace the
    /// cluster does not have is refused with the ones it has.
    func creationNamespace(of intent: UserIntent) async throws(PlannerError) -> String {
        let namespace = try self.namespace(of: intent) ?? defaultNamespace
        if let cluster, intent.text("namespace") != nil, !plannedNamespaces.contains(namespace) {
            let namespaces = try await cluster.objects(kinds: ["namespace"], namespace: nil)
            if !namespaces.isEmpty, !namespaces.contains(where: { $0.name == namespace }) {
                let near = namespaces.map(\.name).filter { EditDistance.isWithinOne($0, namespace) }
                throw .notFound(
                    kind: "namespace", name: namespace, namespace: nil,
                    nearby: near.isEmpty ? namespaces.prefix(4).map(\.name) : near)
            }
        }
        return namespace
    }

    /// A name for a new object, checked as Kubernetes checks it (a DNS subdomain; `label` for the stricter
    /// DNS label rule), or the default when none was said.
    static func newName(_ intent: UserIntent, slot: String = "name", default fallback: String? = nil, label: Bool = false,
        example: String) throws(PlannerError) -> String
    {
        guard let name = intent.text(slot) ?? fallback else {
            throw .invalidValue(slot: slot, value: "", reason: "say its name, for example: \(example)")
        }
        if let problem = label ? KubernetesName.labelProblem(name) : KubernetesName.subdomainProblem(name) {
            throw .invalidValue(slot: slot, value: name, reason: problem)
        }
        return name
    }
}
