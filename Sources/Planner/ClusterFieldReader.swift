/// Reads one field of one object, for planners that need more of it than ``ClusterObject`` carries: a node's
/// taints, whether a deployment is paused. Implemented by Executors over `kubectl get -o jsonpath`.
///
/// A planner asks for it as `context.cluster as? any ClusterFieldReader` (as troubleshooting asks for a
/// ``ClusterSnapshotReader``); a reader without it (the corpus's fixture cluster) plans without the field, and the
/// plan says what was not checked.
public protocol ClusterFieldReader: Sendable {
    /// What `kubectl get KIND/NAME [--namespace=NS] --output=jsonpath=TEMPLATE` prints for the object.
    /// - Throws: ``PlannerError/cluster(reason:command:)`` when the read fails (never an empty answer for a failure).
    func field(_ jsonPath: String, of object: ClusterObject) async throws(PlannerError) -> String
}
