/// A language model that translates a request into kagent's own intent format — never into commands.
///
/// Declared here so the Intent module stays free of HTTP; the libcurl client implements it in Executors
/// and only the kagent executable connects the two. Whatever it returns goes through the same planner,
/// validation and confirmation as a rule-made intent.
public protocol IntentModel: Sendable {
    /// A name for plans and messages ("gpt-4o-mini at https://…").
    var displayName: String { get }
    /// The intents for a request the rules did not understand, or nil when the model did not understand it either.
    /// - Parameter clusterContext: a compact summary of where the user works ("namespace todo; deployments: …").
    /// - Throws: when the model cannot be reached or its answer is refused (``IntentError/modelAnswerRejected(_:)``).
    func intents(for request: String, catalog: RuleCatalog, clusterContext: String) async throws -> [UserIntent]?
}
