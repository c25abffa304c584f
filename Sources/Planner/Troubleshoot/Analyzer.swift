/// One kind of problem troubleshooting looks for in a snapshot. Each analyzer is a small unit in its own
/// file, with example cluster states in `Tests/PlannerTests/AnalyzerExamples/`.
public protocol Analyzer: Sendable {
    /// Stable snake_case id ("crash_loop").
    var id: String { get }
    /// The problem codes it reports.
    var problems: [String] { get }
    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding]
}
