extension Planner {
    /// The context actions' planners.
    static let contextPlanners: [any ActionPlanner] = []
}
