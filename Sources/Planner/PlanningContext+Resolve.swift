import Intent

extension PlanningContext {
    /// A name resolved to one object, and a note for the plan when the resolution was not literal.
    public struct Resolved: Sendable {
        public var object: ClusterObject
        public var note: String?
    }

    /// Whether planning reads the cluster.
    public var isOffline: Bool { cluster == nil }

    /// The namespace an intent is about: the request's, else `-n`, else nil (search, or kubectl's default).
    /// - Throws: ``PlannerError/namespaceConflict(flag:request:)`` when they differ.
    public func namespace(of intent: UserIntent) throws(PlannerError) -> String? {
        let said = intent.text("namespace")
        if let said, let flag = namespace, said != flag {
            throw .namespaceConflict(flag: flag, request: said)
        }
        return said ?? namespace
    }

    /// The object `name` means among `kinds` (in the order of preference), in the intent's namespace or,
    /// when none is given, in whichever namespace has it (kubectl's default namespace first).
    /// Offline, the name is taken literally as the first kind, in the given or default namespace.
    public func resolve(_ name: String, kinds: [String], for intent: UserIntent) async throws(PlannerError) -> Resolved {
        let namespace = try self.namespace(of: intent)
        let kinds = intent.text("kind").map { [$0] } ?? kinds
        guard let firstKind = kinds.first else {
            throw .invalidValue(slot: "kind", value: "", reason: "internal error: no kind to look for")
        }
        let namespaced = ResourceKind.named(firstKind)?.namespaced ?? true
        guard let cluster else {
            if let problem = KubernetesName.subdomainProblem(name) {
                throw .invalidValue(slot: "name", value: name, reason: problem)
            }
            return Resolved(
                object: ClusterObject(
                    kind: firstKind, name: name, namespace: namespaced ? namespace ?? defaultNamespace : ""),
                note: nil)
        }
        let objects = try await cluster.objects(kinds: kinds, namespace: namespace)
        let preferred = namespace ?? defaultNamespace
        switch NameResolver().resolve(name, among: objects, preferredNamespace: preferred) {
        case .found(let object, let exact):
            let place = object.namespace.isEmpty ? "" : " in namespace \(object.namespace)"
            let note = !exact || namespace == nil && !object.namespace.isEmpty ? "'\(name)' is \(object.reference)\(place)" : nil
            return Resolved(object: object, note: note)
        case .ambiguous(let candidates):
            throw .ambiguous(name: name, candidates: candidates)
        case .notFound(let nearby):
            let described = kinds.count == 1 ? kinds[0] : kinds.dropLast().joined(separator: ", ") + " or " + (kinds.last ?? "")
            throw .notFound(kind: described, name: name, namespace: namespaced ? namespace : nil, nearby: nearby)
        }
    }

    /// `--namespace=NS` for a namespaced object, nothing for a cluster-scoped one.
    public func namespaceArguments(for object: ClusterObject) -> [String] {
        object.namespace.isEmpty ? [] : ["--namespace=\(object.namespace)"]
    }

    /// `--namespace=NS` for the intent's namespace, else the default one: for steps about a namespace, not an object.
    public func namespaceArgument(for intent: UserIntent) throws(PlannerError) -> String {
        "--namespace=\(try namespace(of: intent) ?? defaultNamespace)"
    }
}
