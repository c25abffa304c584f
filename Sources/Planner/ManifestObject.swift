/// One Kubernetes object a manifest file or a Kustomize folder defines.
public struct ManifestObject: Sendable, Hashable {
    /// The kind in lower case (`deployment`, `job`, `statefulset`).
    public var kind: String
    public var name: String
    /// Its `metadata.namespace`, or the Kustomize namespace, if any.
    public var namespace: String?

    public init(kind: String, name: String, namespace: String? = nil) {
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    /// Whether kagent waits for it after applying: Deployments, StatefulSets and DaemonSets roll out, Jobs complete.
    public var isAwaited: Bool { ["deployment", "statefulset", "daemonset", "job"].contains(kind) }
}
