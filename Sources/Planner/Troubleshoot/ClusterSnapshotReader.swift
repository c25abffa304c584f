/// How troubleshooting reads a namespace, implemented by Executors over kubectl.
///
/// A snapshot is a fixed number of batched `kubectl get … -o json` calls, then logs of failing containers
/// (a bounded number): the number of calls does not grow with the number of pods.
public protocol ClusterSnapshotReader: Sendable {
    /// Reads one namespace: its objects, the cluster-scoped ones analysis needs, and failing containers' logs.
    func snapshot(namespace: String) async throws(PlannerError) -> ClusterSnapshot
}
