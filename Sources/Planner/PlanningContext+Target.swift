import Intent

extension PlanningContext {
    /// The object a loose name means, trying groups of kinds in order: `[["service"], ["deployment",
    /// "statefulset"], ["pod"]]` finds service `todo-backend` for "backend" although a deployment and a pod
    /// have the name too. A kind said in the request is the only one tried.
    /// - Throws: ``PlannerError/notFound(kind:name:namespace:nearby:)`` naming every kind tried, or
    ///   ``PlannerError/ambiguous(name:candidates:)`` within the first group that has a match.
    func resolveFirst(_ name: String, kindGroups: [[String]], for intent: UserIntent) async throws(PlannerError)
        -> Resolved
    {
        if intent.text("kind") != nil || isOffline {
            return try await resolve(name, kinds: kindGroups.flatMap { $0 }, for: intent)
        }
        // An exact name wins over a loose match of an earlier group: "srvthreds-cache-0" is the pod, not a
        // typo of statefulset srvthreds-cache.
        if let cluster {
            let exact = try await cluster.objects(
                kinds: kindGroups.flatMap { $0 }, namespace: try namespace(of: intent)
            )
            .filter { $0.name == name }
            if let group = kindGroups.first(where: { group in exact.contains { group.contains($0.kind) } }) {
                return try await resolve(name, kinds: group, for: intent)
            }
        }
        var nearby: [String] = []
        for kinds in kindGroups {
            do throws(PlannerError) {
                return try await resolve(name, kinds: kinds, for: intent)
            } catch {
                guard case .notFound(_, _, _, let near) = error else { throw error }
                nearby += near.filter { !nearby.contains($0) }
            }
        }
        let all = kindGroups.flatMap { $0 }
        let described = all.dropLast().joined(separator: ", ") + " or " + (all.last ?? "")
        throw .notFound(
            kind: described, name: name, namespace: try namespace(of: intent), nearby: Array(nearby.prefix(3)))
    }
}
