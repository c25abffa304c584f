extension Planner {
    /// The look actions' planners.
    static let lookPlanners: [any ActionPlanner] = []
}
