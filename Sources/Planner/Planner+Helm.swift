extension Planner {
    /// The helm actions' planners.
    static let helmPlanners: [any ActionPlanner] = [HelmPlanner()]
}
