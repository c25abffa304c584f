extension Planner {
    /// The deploy actions' planners: the project on disk and what it deploys.
    static let deployPlanners: [any ActionPlanner] = [
        ProjectListPlanner(), DeployPlanner(), IngressPlanner(), GenerateManifestPlanner(), BuildDeployPlanner(),
    ]
}
