import Intent

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
    /// Data written to the command's standard input (secret values): never printed, never in JSON.
    public var input: StepInput?
    /// Helm values with secret values, written to a private file only while the command runs; argv (and
    /// validationArgv) carry ``PrivateValues/argument`` in place of its path. Never printed, never in JSON.
    public var privateValues: PrivateValues?
    /// Whether the command runs attached to the terminal (exec -it, port-forward, logs -f) instead of captured.
    public var attached: Bool
    /// What the user must do to let this step run.
    public var confirmation: Confirmation
    /// A file the command's standard output is written to once it succeeds (a generated manifest); kagent
    /// writes it itself (no shell redirection) and never overwrites a file. Not in the JSON contract's steps.
    public var outputFile: String? = nil
    /// How to put back what this changing step changes, or why it cannot be; nil for steps that change nothing.
    /// Worked out while planning, from the state before the change. Not in the JSON contract's steps.
    public var reversal: Reversal? = nil
    /// The question a read answers, said as a sentence from its output once it ran (``StepAnswer``); nil for others.
    public var answer: StepAnswer? = nil
    /// For a `kubectl apply`: the Jobs it applies that exist in the cluster already. A Job's pod template cannot
    /// change, so when the API server refuses the apply for that, ``ExecutionPlan/recreatingJobs(refused:)`` offers
    /// deleting them first. Not in the JSON contract's steps.
    public var existingJobs: [ClusterObject] = []

    /// How a changing step is confirmed.
    public enum Confirmation: Sendable, Hashable, Codable {
        /// y/N, or --yes.
        case standard
        /// The user types this name (deleting), unless --yes.
        case typeName(String)
    }

    /// What a verification step's output must be.
    public enum Expectation: Sendable, Hashable, Codable {
        /// The output, trimmed, equals this text.
        case outputEquals(String)
    }

    public init(
        argv: [String], mutating: Bool, summary: String, expectation: Expectation? = nil,
        validationArgv: [String]? = nil, timeoutSeconds: Int = 60, input: StepInput? = nil,
        privateValues: PrivateValues? = nil, attached: Bool = false, confirmation: Confirmation = .standard
    ) {
        self.argv = argv
        self.mutating = mutating
        self.summary = summary
        self.expectation = expectation
        self.validationArgv = validationArgv
        self.timeoutSeconds = timeoutSeconds
        self.input = input
        self.privateValues = privateValues
        self.attached = attached
        self.confirmation = confirmation
    }

    /// The contract's form of a step: `{"argv", "mutating", "summary"}`, and `stdin` for a manifest it reads.
    enum CodingKeys: String, CodingKey { case argv, mutating, summary, stdin }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            argv: try container.decode([String].self, forKey: .argv),
            mutating: try container.decode(Bool.self, forKey: .mutating),
            summary: try container.decode(String.self, forKey: .summary))
        if let manifest = try container.decodeIfPresent(String.self, forKey: .stdin) {
            input = StepInput(data: manifest, shownAs: "the manifest shown")
            input?.isManifest = true
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        // argv never holds a secret value (standard input and private values files carry those); hidden once more.
        try container.encode(SecretPolicy.hide(arguments: argv), forKey: .argv)
        try container.encode(mutating, forKey: .mutating)
        try container.encode(summary, forKey: .summary)
        if let input, input.isManifest { try container.encode(SecretPolicy.hide(in: input.data), forKey: .stdin) }
    }
}

/// What a step writes to its command's standard input: secret values (never printed), or a manifest built from
/// a template (printed in full: the YAML shown is the YAML the command reads).
public struct StepInput: Sendable, Hashable, CustomStringConvertible {
    /// The bytes, as text. Printed only when ``isManifest``.
    public var data: String
    /// What to show instead ("2 secret values from your request").
    public var shownAs: String
    /// Whether the data is a manifest, shown with the command, in the JSON contract (`stdin`) and in the corpus.
    public var isManifest = false

    public init(data: String, shownAs: String) {
        self.data = data
        self.shownAs = shownAs
    }

    /// A manifest fed to `kubectl create --filename=-`, shown exactly as it is sent.
    public static func manifest(_ objects: [Manifest]) -> StepInput {
        var input = StepInput(data: Manifest.yaml(objects), shownAs: "the manifest shown")
        input.isManifest = true
        return input
    }

    public var description: String { shownAs }
}
