/// What kagent knows of each canonical kind: the name kubectl takes, and whether it lives in a namespace.
public struct ResourceKind: Sendable, Hashable {
    /// Canonical, lower-case singular ("deployment"), as the lexicon's kinds.
    public var name: String
    /// The plural kubectl lists by ("deployments").
    public var plural: String
    /// The fully qualified resource for reads that must not be ambiguous ("deployments.apps").
    public var resource: String
    public var namespaced: Bool

    /// The kinds kagent plans for, by canonical name.
    public static let all: [String: ResourceKind] = {
        let table: [(String, String, String, Bool)] = [
            ("pod", "pods", "pods", true),
            ("deployment", "deployments", "deployments.apps", true),
            ("statefulset", "statefulsets", "statefulsets.apps", true),
            ("daemonset", "daemonsets", "daemonsets.apps", true),
            ("replicaset", "replicasets", "replicasets.apps", true),
            ("service", "services", "services", true),
            ("ingress", "ingresses", "ingresses.networking.k8s.io", true),
            ("namespace", "namespaces", "namespaces", false),
            ("node", "nodes", "nodes", false),
            ("configmap", "configmaps", "configmaps", true),
            ("secret", "secrets", "secrets", true),
            ("job", "jobs", "jobs.batch", true),
            ("cronjob", "cronjobs", "cronjobs.batch", true),
            ("horizontalpodautoscaler", "horizontalpodautoscalers", "horizontalpodautoscalers.autoscaling", true),
            ("persistentvolumeclaim", "persistentvolumeclaims", "persistentvolumeclaims", true),
            ("persistentvolume", "persistentvolumes", "persistentvolumes", false),
            ("serviceaccount", "serviceaccounts", "serviceaccounts", true),
            ("storageclass", "storageclasses", "storageclasses.storage.k8s.io", false),
            ("ingressclass", "ingressclasses", "ingressclasses.networking.k8s.io", false),
            ("endpoints", "endpoints", "endpoints", true),
            ("event", "events", "events", true),
            ("role", "roles", "roles.rbac.authorization.k8s.io", true),
            ("clusterrole", "clusterroles", "clusterroles.rbac.authorization.k8s.io", false),
            ("rolebinding", "rolebindings", "rolebindings.rbac.authorization.k8s.io", true),
            ("clusterrolebinding", "clusterrolebindings", "clusterrolebindings.rbac.authorization.k8s.io", false),
            ("resourcequota", "resourcequotas", "resourcequotas", true),
            ("limitrange", "limitranges", "limitranges", true),
            ("networkpolicy", "networkpolicies", "networkpolicies.networking.k8s.io", true),
        ]
        var kinds: [String: ResourceKind] = [:]
        for (name, plural, resource, namespaced) in table {
            kinds[name] = ResourceKind(name: name, plural: plural, resource: resource, namespaced: namespaced)
        }
        return kinds
    }()

    public static func named(_ name: String) -> ResourceKind? { all[name] }

    /// Kinds with replicas.
    public static let workloads = ["deployment", "statefulset"]
}
