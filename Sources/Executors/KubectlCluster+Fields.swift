import Planner

extension KubectlCluster: ClusterFieldReader {
    /// One `kubectl get KIND/NAME --output=jsonpath=…` of the object; a failed read is the failure it is.
    public func field(_ jsonPath: String, of object: ClusterObject) async throws(PlannerError) -> String {
        let scope = object.namespace.isEmpty ? [] : ["--namespace=\(object.namespace)"]
        let result = try await read(kubectl(["get", object.reference] + scope + ["--output=jsonpath=\(jsonPath)"]))
        return result.stdout
    }
}
