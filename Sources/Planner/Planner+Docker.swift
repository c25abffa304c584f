extension Planner {
    /// The docker actions' planners: images, containers, and compose files of the working directory.
    static let dockerPlanners: [any ActionPlanner] = [DockerPlanner(), ComposePlanner()]
}
