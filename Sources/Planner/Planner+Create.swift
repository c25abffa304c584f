extension Planner {
    /// The create actions' planners: namespaces, configmaps, secrets; access, limits and batch work from templates.
    static let createPlanners: [any ActionPlanner] = [CreatePlanner(), AccessPlanner(), LimitsPlanner(), BatchPlanner(),
        NetworkPolicyPlanner(), StoragePlanner(), PodPlanner(), DeploymentPlanner(), CanaryPlanner(), ModelObjectsPlanner()]
}
