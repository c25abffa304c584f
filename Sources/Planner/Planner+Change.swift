extension Planner {
    /// The change actions' planners.
    static let changePlanners: [any ActionPlanner] = []
}
