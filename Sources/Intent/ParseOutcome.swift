/// What the rules made of a request.
public enum ParseOutcome: Sendable, Equatable {
    /// One intent, or several for a request that asks for several things in order.
    case understood([UserIntent])
    /// No rule matched, or rules disagreed: never guess. Carries the closest supported phrasings.
    case notUnderstood(reason: String, suggestions: [String])
}
