/// One command of a plan, exactly as it will run.
public struct PlanStep: Sendable, Hashable, Codable {
    /// The command as an argv array: never a shell string.
    public var argv: [String]
    /// Whether running it changes anything. Changing steps are validated and confirmed first.
    public var mutating: Bool
    /// One line for people: what the step does.
    public var summary: String
    /// How the output is checked, for verification steps; nil when the exit status is enough.
    public var expectation: Expectation?
    /// The same change asked of the API server with nothing persisted (`--dry-run=server`), run before confirming.
    public var validationArgv: [String]?
    /// How long the step may take before it is stopped.
    public var timeoutSeconds: Int

    /// What a verification step's output must be.
    public enum Expectation: Sendable, Hashable, Codable {
        /// The output, trimmed, equals this text.
        case outputEquals(String)
    }

    public init(
        argv: [String], mutating: Bool, summary: String, expectation: Expectation? = nil,
        validationArgv: [String]? = nil, timeoutSeconds: Int = 60
    ) {
        self.argv = argv
        self.mutating = mutating
        self.summary = summary
        self.expectation = expectation
        self.validationArgv = validationArgv
        self.timeoutSeconds = timeoutSeconds
    }

    /// The contract's form of a step: `{"argv", "mutating", "summary"}` and nothing else.
    enum CodingKeys: String, CodingKey { case argv, mutating, summary }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            argv: try container.decode([String].self, forKey: .argv),
            mutating: try container.decode(Bool.self, forKey: .mutating),
            summary: try container.decode(String.self, forKey: .summary))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(argv, forKey: .argv)
        try container.encode(mutating, forKey: .mutating)
        try container.encode(summary, forKey: .summary)
    }
}
