extension Planner {
    /// The context actions' planners: namespaces and kubeconfig contexts, exec and port-forward.
    static let contextPlanners: [any ActionPlanner] = [
        NamespaceChoicePlanner(), UseContextPlanner(), ExecPlanner(), PortForwardPlanner(),
    ]
}
