extension Planner {
    /// The create actions' planners: namespaces, configmaps, secrets.
    static let createPlanners: [any ActionPlanner] = [CreatePlanner()]
}
