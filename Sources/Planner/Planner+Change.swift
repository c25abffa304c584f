extension Planner {
    /// The change actions' planners.
    static let changePlanners: [any ActionPlanner] = [
        RestartPlanner(), RollbackPlanner(), AutoscalePlanner(), SetImagePlanner(), SetEnvPlanner(),
        SetResourcesPlanner(), ExposePlanner(), SwitchTrafficPlanner(), LabelPlanner(), DeletePlanner(),
        NodePlanner(),
        TaintPlanner(), RolloutPausePlanner(),
    ]
}
