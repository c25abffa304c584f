import Intent

/// What kagent will do for a request: the ordered steps, exactly as they will run.
///
/// The dry run prints this very value, and the executor runs this very value.
public struct ExecutionPlan: Sendable, Hashable {
    public var request: String
    public var intents: [UserIntent]
    public var steps: [PlanStep]
    /// How names were resolved ("backend → deployment todo-backend in todo"), shown above the steps.
    public var notes: [String]
    /// What to report once every step, verification included, has succeeded. Never printed before.
    public var outcome: String
    /// The objects the plan acts on, as resolved: what "it" means in the shell's next request.
    public var subjects: [ClusterObject]
    /// The namespace the shell should use from now on ("use namespace srvthreds"); kagent's own, not kubectl's.
    public var sessionNamespace: String?
    /// What troubleshooting found, most severe first (empty for other plans); the steps hold their fixes.
    public var findings: [Finding] = []
    /// Whether troubleshooting analysed the cluster for this plan (offline it cannot: no findings then
    /// means "not looked", not "nothing wrong").
    public var analyzed = false
    /// For `kagent undo`: the id of the recorded change this plan puts back (nil for every other plan).
    public var undoes: String? = nil

    public init(
        request: String, intents: [UserIntent], steps: [PlanStep], notes: [String] = [], outcome: String,
        subjects: [ClusterObject] = []
    ) {
        self.request = request
        self.intents = intents
        self.steps = steps
        self.notes = notes
        self.outcome = outcome
        self.subjects = subjects
    }

    public var mutatingSteps: [PlanStep] { steps.filter(\.mutating) }
    public var isReadOnly: Bool { mutatingSteps.isEmpty }
}
