/// One Helm release installed in the cluster, as `helm list --all-namespaces --output=json` shows it.
public struct HelmRelease: Sendable, Hashable {
    public var name: String
    public var namespace: String
    /// The current revision (1 after install, one more per upgrade or rollback).
    public var revision: Int
    /// `deployed`, `failed`, `pending-upgrade`…
    public var status: String
    /// The chart and its version: `todo-backend-0.1.0`.
    public var chart: String

    public init(name: String, namespace: String, revision: Int = 1, status: String = "deployed", chart: String = "") {
        self.name = name
        self.namespace = namespace
        self.revision = revision
        self.status = status
        self.chart = chart
    }

    /// The release as an object for name resolution and conversation memory (kind `release`).
    public var object: ClusterObject {
        ClusterObject(kind: Self.kind, name: name, namespace: namespace, status: status)
    }

    /// The kind releases carry as ``ClusterObject``s: not a Kubernetes kind.
    public static let kind = "release"
}
