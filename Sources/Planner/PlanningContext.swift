/// Everything about where a plan runs that is not in the request.
public struct PlanningContext: Sendable {
    /// `-n/--namespace` from the command line, if given.
    public var namespace: String?
    /// The namespace of the current kubeconfig context (kubectl's default), "default" when it names none.
    public var defaultNamespace: String
    /// `--context`, passed to every kubectl step.
    public var kubeContext: String?
    /// `--kubeconfig`, passed to every kubectl step.
    public var kubeconfig: String?
    /// The cluster, or nil when planning offline: names are then taken literally.
    public var cluster: (any ClusterReader)?

    public init(
        namespace: String? = nil, defaultNamespace: String = "default", kubeContext: String? = nil,
        kubeconfig: String? = nil, cluster: (any ClusterReader)?
    ) {
        self.namespace = namespace
        self.defaultNamespace = defaultNamespace
        self.kubeContext = kubeContext
        self.kubeconfig = kubeconfig
        self.cluster = cluster
    }

    /// `kubectl`, then the connection flags the user gave, then the arguments.
    public func kubectl(_ arguments: String...) -> [String] { kubectl(arguments) }

    public func kubectl(_ arguments: [String]) -> [String] {
        var argv = ["kubectl"]
        if let kubeconfig { argv.append("--kubeconfig=\(kubeconfig)") }
        if let kubeContext { argv.append("--context=\(kubeContext)") }
        return argv + arguments
    }
}
