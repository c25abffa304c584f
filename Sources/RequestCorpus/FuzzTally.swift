import Intent
import Planner

/// What one generator's inputs came to in a fuzz run. Every input ends in exactly one outcome: refused,
/// not understood, understood but unresolved, a planner error, or a plan.
public struct FuzzTally: Sendable, CustomStringConvertible {
    public let generator: RandomRequests.Generator
    public var inputs = 0
    /// Refused before any rule was tried (``IntentError``: shell syntax, control characters, a bad name…).
    public var refused = 0
    public var notUnderstood = 0
    /// Understood, but the conversation memory could not resolve it ("repeat" with nothing before it).
    public var unresolved = 0
    /// Understood and resolved, then refused by the planner (an unknown name, a value out of range): its own
    /// outcome, neither a plan nor a pass.
    public var plannerErrors = 0
    public var planned = 0
    /// Plans with at least one changing step.
    public var changingPlans = 0
    /// Steps with an empty argv or a NUL byte in one: never acceptable.
    public var malformedSteps = 0
    /// The first few inputs that made a changing plan, and that made a malformed step, for messages.
    public var changingExamples: [String] = []
    public var malformedExamples: [String] = []

    public init(generator: RandomRequests.Generator) {
        self.generator = generator
    }

    /// Inputs some rule understood (whatever happened to them next).
    public var understood: Int { unresolved + plannerErrors + planned }

    /// Whether the inputs reached the stages this generator is for, so that its clean run means something.
    /// Random characters must meet both the request validator (refused) and the rules (tried, whatever they
    /// made of it): practically none is understood, and the guard is that none becomes a changing plan. Word
    /// salads must reach the planner: some planned, and not all understood (nothing is understood blindly).
    public var exercised: Bool {
        switch generator {
        case .characters: refused > 0 && notUnderstood + understood > 0
        case .wordSalad: planned > 0 && understood < inputs
        }
    }

    public var description: String {
        "\(generator.rawValue): \(inputs) inputs, \(refused) refused, \(notUnderstood) not understood, "
            + "\(understood) understood (\(unresolved) unresolved, \(plannerErrors) planner errors, \(planned) planned, "
            + "\(changingPlans) changing), \(malformedSteps) malformed steps"
    }

    /// Adds one input's outcome.
    mutating func add(_ request: String, outcome: Outcome) {
        inputs += 1
        switch outcome {
        case .refused: refused += 1
        case .notUnderstood: notUnderstood += 1
        case .unresolved: unresolved += 1
        case .plannerError: plannerErrors += 1
        case .planned(let plan):
            planned += 1
            if !plan.isReadOnly {
                changingPlans += 1
                if changingExamples.count < 5 { changingExamples.append(request) }
            }
            let malformed = plan.steps.filter { $0.argv.isEmpty || $0.argv.contains { $0.contains("\u{0}") } }
            malformedSteps += malformed.count
            if !malformed.isEmpty, malformedExamples.count < 5 { malformedExamples.append(request) }
        }
    }

    enum Outcome {
        case refused, notUnderstood, unresolved, plannerError
        case planned(ExecutionPlan)
    }
}
