extension Planner {
    /// The docker actions' planners.
    static let dockerPlanners: [any ActionPlanner] = []
}
