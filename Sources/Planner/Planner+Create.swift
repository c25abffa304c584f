extension Planner {
    /// The create actions' planners.
    static let createPlanners: [any ActionPlanner] = []
}
