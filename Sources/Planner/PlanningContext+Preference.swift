import Intent

extension PlanningContext {
    /// The object a loose name means among groups of kinds in order of preference ("backend" is the
    /// deployment before the pod or the service of the same name): for looking actions that take any kind.
    ///
    /// An object whose name is exactly the one given wins over a loose match in an earlier group; otherwise the
    /// first group with a match decides. A kind said in the request limits the search to it.
    /// - Throws: ``PlannerError/ambiguous(name:candidates:)`` or ``PlannerError/notFound(kind:name:namespace:nearby:)``.
    public func resolve(_ name: String, preferring groups: [[String]], for intent: UserIntent)
        async throws(PlannerError)
        -> Resolved
    {
        let all = groups.flatMap { $0 }
        guard let cluster, intent.text("kind") == nil else { return try await resolve(name, kinds: all, for: intent) }
        let namespace = try self.namespace(of: intent)
        let objects = try await cluster.objects(kinds: all, namespace: namespace)
        let preferred = namespace ?? defaultNamespace
        let exact = objects.filter { $0.name == name.lowercased() }
        var candidates: [[ClusterObject]] = []
        if !exact.isEmpty { candidates = groups.map { group in exact.filter { group.contains($0.kind) } } }
        candidates += groups.map { group in objects.filter { group.contains($0.kind) } }
        for among in candidates where !among.isEmpty {
            switch NameResolver().resolve(name, among: among, preferredNamespace: preferred) {
            case .found(let object, let exact):
                let place = object.namespace.isEmpty ? "" : " in namespace \(object.namespace)"
                let literal = exact && (namespace != nil || object.namespace.isEmpty)
                return Resolved(object: object, note: literal ? nil : "'\(name)' is \(object.reference)\(place)")
            case .ambiguous(let objects):
                throw .ambiguous(name: name, candidates: objects)
            case .notFound:
                continue
            }
        }
        if let resolved = await resolvingNamespaceInName(name, said: namespace, cluster: cluster, for: intent, by: {
            (rest, narrowed) async throws(PlannerError) in try await resolve(rest, preferring: groups, for: narrowed)
        }) {
            return resolved
        }
        guard case .notFound(let nearby) = NameResolver().resolve(name, among: objects, preferredNamespace: preferred)
        else {
            throw .notFound(kind: "object", name: name, namespace: namespace, nearby: [])
        }
        throw .notFound(
            kind: all.prefix(4).joined(separator: ", ") + " or other object", name: name, namespace: namespace,
            nearby: nearby)
    }
}

extension ResourceKind {
    /// The kinds a loose name is looked for among when looking at things, in order of preference.
    static let lookingPreference: [[String]] = [
        ["deployment", "statefulset", "daemonset", "job", "cronjob"],
        ["pod"],
        ["service", "ingress"],
        ["configmap", "persistentvolumeclaim", "horizontalpodautoscaler", "serviceaccount"],
        ["node", "namespace"],
    ]

    /// What `kubectl logs` takes as TYPE/NAME, in order of preference.
    static let logSources: [[String]] = [["deployment", "statefulset", "daemonset", "job"], ["pod"], ["service"]]
}
