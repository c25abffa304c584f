import Intent

extension Planner {
    /// The actions whose plans never change anything (a corpus test checks each of their plans). Every other
    /// action is treated as changing: it is refused a quantifier for a name and a request for every namespace.
    public static let readOnlyActions: Set<String> = [
        "get", "images", "describe", "logs", "events", "top", "cluster_info", "cluster_version", "api_resources",
        "whereami", "helm_list", "helm_status", "rollout_status", "rollout_history",
        "helm_history", "helm_values", "docker_images", "docker_ps", "docker_logs", "compose_ps", "compose_logs",
        "project_list", "troubleshoot", "troubleshoot_container",
    ]

    /// Actions that are read-only or changing by what they carry (a literal command's verb): they check
    /// every namespace themselves.
    /// "Cluster-wide" and "in the cluster" make these a ClusterRole or ClusterRoleBinding: their planner reads it.
    static let scopeCheckedByPlanner: Set<String> = ["passthrough", "create_role", "create_rolebinding"]

    /// The intent as its planner should see it, or the refusal of a request too broad to plan.
    ///
    /// A quantifier is never a name: "scale all deployments" names no object, and is refused with the reason
    /// before any name is looked up. "In all namespaces" reads every namespace and refuses a change; "in the
    /// cluster" reads every namespace and, for a change, says nothing more than where it happens.
    /// - Throws: ``PlannerError/noSingleObject(quantifier:kind:changing:)``,
    ///   ``PlannerError/everyNamespaceChange(action:)``.
    static func scoped(_ intent: UserIntent) throws(PlannerError) -> UserIntent {
        let changing = !readOnlyActions.contains(intent.action)
        // "what images is everything running": the images of every pod, a read of the whole cluster.
        if intent.action == "images", intent.quantifiedName != nil, intent["namespace"] == nil {
            var every = intent
            every["name"] = nil
            every[UserIntent.everyNamespaceSlot] = "true"
            return every
        }
        if let quantifier = intent.quantifiedName {
            throw .noSingleObject(quantifier: quantifier, kind: intent.text("kind"), changing: changing)
        }
        var scoped = intent
        let cluster = scoped.slots.removeValue(forKey: UserIntent.clusterScopeSlot) != nil
        if let namespace = scoped.text("namespace"), Quantifier.isQuantifier(namespace) {
            // A model's "namespace": "all".
            scoped["namespace"] = nil
            scoped[UserIntent.everyNamespaceSlot] = "true"
        }
        if cluster && (!changing || scopeCheckedByPlanner.contains(intent.action)) && scoped["namespace"] == nil {
            scoped[UserIntent.everyNamespaceSlot] = "true"
        }
        if changing && scoped.wantsEveryNamespace && !scopeCheckedByPlanner.contains(intent.action) {
            throw .everyNamespaceChange(action: intent.action)
        }
        return scoped
    }
}
