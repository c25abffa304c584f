/// The little the planner must read from the cluster, implemented by Executors over kubectl.
///
/// Every method is read-only.
public protocol ClusterReader: Sendable {
    /// Deployments and statefulsets in one namespace, or in every namespace the user may list when nil.
    func workloads(namespace: String?) async throws(PlannerError) -> [Workload]
}

/// A deployment or statefulset as the planner needs it.
public struct Workload: Sendable, Hashable {
    public var kind: String
    public var name: String
    public var namespace: String
    /// spec.replicas
    public var replicas: Int
    /// status.readyReplicas
    public var readyReplicas: Int

    public init(kind: String, name: String, namespace: String, replicas: Int, readyReplicas: Int) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.replicas = replicas
        self.readyReplicas = readyReplicas
    }

    /// `deployment/todo-backend`, kubectl's TYPE/NAME.
    public var reference: String { "\(kind)/\(name)" }
}
