extension Planner {
    /// The look actions' planners, and the literal-command pass-through.
    static let lookPlanners: [any ActionPlanner] = [
        GetPlanner(), DescribePlanner(), LogsPlanner(), EventsPlanner(), TopPlanner(), ClusterInfoPlanner(),
        RolloutReadPlanner(),
        PassthroughPlanner(),
    ]
}
