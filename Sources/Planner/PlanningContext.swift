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
    /// The local project (the working directory): compose files for docker compose plans; nil when unknown.
    public var project: (any ProjectReader)?
    /// The kubeconfig's contexts and its current-context, for "use context X"; nil when not read.
    public var kubeconfigContexts: KubeconfigContexts?
    /// The local Docker engine's containers, for "why won't my mongo container start"; nil when not read.
    public var containers: (any ContainerReader)?
    /// What kagent changed before, for `kagent undo`; nil when not kept.
    public var history: (any ChangeHistory)?
    /// Namespaces an earlier part of the same plan creates ("create namespace dev and a quota of 10 pods in it"):
    /// objects planned in them are not looked for there, and the server checks them only once the namespace exists.
    public var plannedNamespaces: Set<String> = []

    /// The contexts a kubeconfig defines, read from the file (no cluster needed).
    public struct KubeconfigContexts: Sendable, Hashable {
        /// Every context name, in file order.
        public var names: [String]
        /// The file's current-context, if set.
        public var current: String?

        public init(names: [String], current: String?) {
            self.names = names
            self.current = current
        }
    }

    public init(
        namespace: String? = nil, defaultNamespace: String = "default", kubeContext: String? = nil,
        kubeconfig: String? = nil, cluster: (any ClusterReader)?, project: (any ProjectReader)? = nil,
        kubeconfigContexts: KubeconfigContexts? = nil, containers: (any ContainerReader)? = nil
    ) {
        self.containers = containers
        self.namespace = namespace
        self.defaultNamespace = defaultNamespace
        self.kubeContext = kubeContext
        self.kubeconfig = kubeconfig
        self.cluster = cluster
        self.project = project
        self.kubeconfigContexts = kubeconfigContexts
    }

    /// The same context with the kubeconfig context named explicitly (`--context`): reversals are built with it,
    /// so `kagent undo` acts on the cluster the change was made in even after kubectl's current context changed.
    public var pinned: PlanningContext {
        var copy = self
        copy.kubeContext = effectiveContext
        return copy
    }

    /// The kubeconfig context kubectl acts in: `--context`, else the kubeconfig's current-context.
    public var effectiveContext: String? { kubeContext ?? kubeconfigContexts?.current }

    /// `kubectl`, then the connection flags the user gave, then the arguments.
    public func kubectl(_ arguments: String...) -> [String] { kubectl(arguments) }

    public func kubectl(_ arguments: [String]) -> [String] {
        var argv = ["kubectl"]
        if let kubeconfig { argv.append("--kubeconfig=\(kubeconfig)") }
        if let kubeContext { argv.append("--context=\(kubeContext)") }
        return argv + arguments
    }

    /// `kubectl`, `--kubeconfig` when given, then the arguments: for `kubectl config` commands, which edit
    /// the file and name their context explicitly rather than through `--context`.
    public func kubectlConfig(_ arguments: String...) -> [String] { kubectlConfig(arguments) }

    public func kubectlConfig(_ arguments: [String]) -> [String] {
        var argv = ["kubectl"]
        if let kubeconfig { argv.append("--kubeconfig=\(kubeconfig)") }
        return argv + ["config"] + arguments
    }
}
