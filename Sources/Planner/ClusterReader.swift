/// The little the planner must read from the cluster, implemented by Executors over kubectl.
///
/// Every method is read-only. One call lists several kinds at once, so the number of reads does not grow
/// with the number of objects.
public protocol ClusterReader: Sendable {
    /// Objects of the given canonical kinds ("deployment", "service", "node"), in one namespace, or in every
    /// namespace the user may list when nil. Cluster-scoped kinds ignore the namespace.
    func objects(kinds: [String], namespace: String?) async throws(PlannerError) -> [ClusterObject]

    /// The Helm releases in one namespace, or in every namespace when nil.
    func helmReleases(namespace: String?) async throws(PlannerError) -> [HelmRelease]

    /// Whether the API server serves a resource ("cronjobs") in an API group version ("batch/v1"): templates
    /// write the newest version the cluster has.
    func serves(resource: String, in groupVersion: String) async throws(PlannerError) -> Bool
}

extension ClusterReader {
    /// Readers that know nothing of Helm see no releases.
    public func helmReleases(namespace: String?) async throws(PlannerError) -> [HelmRelease] { [] }

    /// Readers that cannot ask take the cluster to be current.
    public func serves(resource: String, in groupVersion: String) async throws(PlannerError) -> Bool { true }
}

/// One object of the cluster, as much as planning needs of any kind.
public struct ClusterObject: Sendable, Hashable {
    /// Canonical kind, lower-case ("deployment").
    public var kind: String
    public var name: String
    /// Empty for cluster-scoped objects (nodes, namespaces).
    public var namespace: String
    public var labels: [String: String]
    public var annotations: [String: String]
    /// spec.replicas (workloads), -1 when unknown or not applicable.
    public var replicas: Int
    /// status.readyReplicas (workloads).
    public var readyReplicas: Int
    /// The pod template's (or pod's) containers, in order.
    public var containers: [Container]
    /// A service's spec.selector, or a workload's spec.selector.matchLabels.
    public var selector: [String: String]
    /// A service's ports.
    public var ports: [Port]
    /// A pod's status.phase, a node's Ready condition ("True"), a namespace's phase.
    public var status: String
    /// An ingress's rules: each host and its paths, in order.
    public var ingressRules: [IngressRule] = []
    /// An ingress's spec.ingressClassName.
    public var ingressClass: String?
    /// An ingress's TLS secrets (spec.tls[].secretName), in order.
    public var ingressTLSSecrets: [String] = []

    public struct IngressRule: Sendable, Hashable {
        public var host: String
        public var paths: [String]

        public init(host: String, paths: [String]) {
            self.host = host
            self.paths = paths
        }
    }

    public struct Container: Sendable, Hashable {
        public var name: String
        public var image: String

        public init(name: String, image: String) {
            self.name = name
            self.image = image
        }
    }

    public struct Port: Sendable, Hashable {
        public var name: String
        public var port: Int
        public var targetPort: String

        public init(name: String, port: Int, targetPort: String) {
            self.name = name
            self.port = port
            self.targetPort = targetPort
        }
    }

    public init(
        kind: String, name: String, namespace: String, labels: [String: String] = [:],
        annotations: [String: String] = [:], replicas: Int = -1, readyReplicas: Int = 0,
        containers: [Container] = [], selector: [String: String] = [:], ports: [Port] = [], status: String = ""
    ) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
        self.labels = labels
        self.annotations = annotations
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.containers = containers
        self.selector = selector
        self.ports = ports
        self.status = status
    }

    /// `deployment/todo-backend`, kubectl's TYPE/NAME.
    public var reference: String { "\(kind)/\(name)" }

    /// "deployment/todo-backend in todo", or just the reference for cluster-scoped objects.
    public var displayName: String { namespace.isEmpty ? reference : "\(reference) in \(namespace)" }
}
