/// Every analyzer, in the order their findings are listed at equal severity.
public enum Analyzers {
    public static let all: [any Analyzer] = [
        CrashLoopAnalyzer(), OOMKilledAnalyzer(), ImagePullAnalyzer(), ContainerConfigAnalyzer(),
        UnschedulableAnalyzer(), PVCPendingAnalyzer(), ProbeFailureAnalyzer(), ServiceEndpointsAnalyzer(),
        IngressAnalyzer(), RolloutStuckAnalyzer(), EvictedAnalyzer(), JobFailedAnalyzer(), HPARequestsAnalyzer(),
        ForbiddenAnalyzer(), LogErrorsAnalyzer(),
    ]

    /// Every finding of every analyzer, most severe first.
    public static func findings(in snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        let found = all.flatMap { $0.analyze(snapshot, context: context) }
        return found.enumerated().sorted {
            $0.element.severity != $1.element.severity
                ? $0.element.severity < $1.element.severity : $0.offset < $1.offset
        }.map(\.element)
    }
}
