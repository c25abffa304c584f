/// ErrorsInLogs: a container that runs, and whose recent log lines report errors ("what's wrong with my pod" on a
/// pod that is Running). The lines are quoted as evidence; nothing is fixed: the checks show the log.
struct LogErrorsAnalyzer: Analyzer {
    let id = "log_errors"
    let problems = ["ErrorsInLogs"]

    /// Words of a line that reports an error, as programs print them.
    static let markers = [
        "ERROR", "Error:", "error:", "level=error", "\"level\":\"error\"", "Exception", "Traceback", "FATAL", "panic:",
        "CRITICAL", "Unhandled", "failed to", "Failed to", " 500 ", "status=500", "refused", "timed out",
    ]

    func analyze(_ snapshot: ClusterSnapshot, context: AnalysisContext) -> [Finding] {
        snapshot.items("Pod").flatMap { pod in
            PodFacts.containers(of: pod).compactMap { status, _ -> Finding? in
                guard !status["state"]["running"].isNull, let container = status["name"].string else { return nil }
                let logged = snapshot.logs[ClusterSnapshot.logKey(pod: pod.name, container: container)] ?? []
                // A refusal of the API server is the Forbidden finding's, with what the account's roles grant.
                let errors = logged.filter { line in
                    Self.markers.contains { line.contains($0) } && ForbiddenAnalyzer.denial(in: line) == nil
                }
                guard !errors.isEmpty else { return nil }
                let evidence =
                    ["container \(container) is running; \(errors.count) of its last \(logged.count) log lines report errors"]
                    + errors.suffix(3).map { "log: \($0)" }
                return Finding(
                    problem: "ErrorsInLogs", severity: .warning, resource: "pod/\(pod.name)",
                    namespace: snapshot.namespace, evidence: evidence,
                    explanation: "\(container) runs, but its recent log reports errors: they usually say what it cannot "
                        + "do (reach a database, read a setting, serve a request)",
                    checks: PodFacts.checks(pod: pod.name, namespace: snapshot.namespace, container: container, context: context),
                    subjects: PodFacts.subjects(of: pod, in: snapshot))
            }
        }
    }
}
