/// What analyzers need besides the snapshot: how to write kubectl commands, and values the user gave.
public struct AnalysisContext: Sendable {
    /// `kubectl` with the user's connection flags.
    public var kubectl: @Sendable ([String]) -> [String]
    /// KEY=VALUE pairs from the request ("fix it with DB_HOST=db"), for a missing ConfigMap.
    public var literals: [String: String]

    public init(
        kubectl: @escaping @Sendable ([String]) -> [String] = { ["kubectl"] + $0 }, literals: [String: String] = [:]
    ) {
        self.kubectl = kubectl
        self.literals = literals
    }
}
