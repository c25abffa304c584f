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
    public func resolve(_ name: String, kinds: [String], for intent: UserIntent) async throws(PlannerError) -> Resolved
    {
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
            let note =
                !exact || namespace == nil && !object.namespace.isEmpty
                ? "'\(name)' is \(object.reference)\(place)" : nil
            return Resolved(object: object, note: note)
        case .ambiguous(let candidates):
            throw .ambiguous(name: name, candidates: candidates)
        case .notFound(let nearby):
            if namespaced,
                let resolved = await resolvingNamespaceInName(name, said: namespace, cluster: cluster, for: intent, by: {
                    (rest, narrowed) async throws(PlannerError) in try await resolve(rest, kinds: kinds, for: narrowed)
                })
            {
                return resolved
            }
            let described =
                kinds.count == 1 ? kinds[0] : kinds.dropLast().joined(separator: ", ") + " or " + (kinds.last ?? "")
            throw .notFound(kind: described, name: name, namespace: namespaced ? namespace : nil, nearby: nearby)
        }
    }

    /// "the shop api", "the todo website": a namespace's name said as part of the object's. The object the rest of
    /// the name means in that namespace, found by `resolve`; nil when no part of the name is a namespace or the rest
    /// names nothing there.
    func resolvingNamespaceInName(
        _ name: String, said: String?, cluster: any ClusterReader, for intent: UserIntent,
        by resolve: (String, UserIntent) async throws(PlannerError) -> Resolved
    ) async -> Resolved? {
        guard let split = await Self.namespaceInName(name, said: said, cluster: cluster) else { return nil }
        var narrowed = intent
        narrowed["namespace"] = .text(split.namespace)
        guard let resolved = try? await resolve(split.rest, narrowed) else { return nil }
        return Resolved(
            object: resolved.object, note: "'\(name)' is \(resolved.object.reference) in namespace \(split.namespace)")
    }

    /// A name whose first or last part is a namespace of the cluster ("shop-api": api in shop): that namespace and
    /// the rest of the name; nil when no part is, or when the request said another namespace.
    static func namespaceInName(_ name: String, said: String?, cluster: any ClusterReader) async
        -> (namespace: String, rest: String)?
    {
        let parts = name.split(separator: "-").map(String.init)
        guard parts.count >= 2,
            let namespaces = try? await cluster.objects(kinds: ["namespace"], namespace: nil).map(\.name)
        else { return nil }
        let splits = [
            (namespace: parts[0], rest: parts.dropFirst().joined(separator: "-")),
            (namespace: parts[parts.count - 1], rest: parts.dropLast().joined(separator: "-")),
        ]
        return splits.first { split in namespaces.contains(split.namespace) && (said == nil || said == split.namespace) }
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
