extension Planner {
    /// The troubleshooting planners: the cluster's analyzers, and a local Docker container's checks.
    static let troubleshootPlanners: [any ActionPlanner] = [TroubleshootPlanner(), ContainerTroubleshootPlanner()]
}
