/// One problem troubleshooting found: what, where, the evidence, and what to do.
public struct Finding: Sendable, Hashable {
    /// How bad it is; findings are shown most severe first.
    public enum Severity: String, Sendable, Hashable, Codable, Comparable {
        case critical, warning, info

        var rank: Int {
            switch self {
            case .critical: 0
            case .warning: 1
            case .info: 2
            }
        }

        public static func < (lhs: Severity, rhs: Severity) -> Bool { lhs.rank < rhs.rank }
    }

    /// The name Kubernetes users know ("CrashLoopBackOff").
    public var problem: String
    public var severity: Severity
    /// kubectl's TYPE/NAME ("pod/backend-5d9f-x2").
    public var resource: String
    public var namespace: String
    /// Event messages, exit codes, log lines: what shows the problem.
    public var evidence: [String]
    /// In plain words: what it means.
    public var explanation: String
    /// The safe fix, exactly as it would run; empty when there is none.
    public var fix: [PlanStep]
    /// What to check next when there is no safe fix (read-only commands).
    public var checks: [PlanStep]
    /// Names this finding is about besides the resource (the owning workload, the service): what a
    /// request naming one of them is asking about.
    public var subjects: Set<String>

    public init(
        problem: String, severity: Severity, resource: String, namespace: String, evidence: [String],
        explanation: String, fix: [PlanStep] = [], checks: [PlanStep] = [], subjects: Set<String> = []
    ) {
        self.problem = problem
        self.severity = severity
        self.resource = resource
        self.namespace = namespace
        self.evidence = evidence
        self.explanation = explanation
        self.fix = fix
        self.checks = checks
        self.subjects = subjects
    }

    /// Whether a request naming `name` is about this finding.
    public func concerns(_ name: String) -> Bool {
        let own = resource.split(separator: "/").last.map(String.init) ?? resource
        return own == name || subjects.contains(name)
    }
}
