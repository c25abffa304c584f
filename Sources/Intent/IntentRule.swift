/// One rule of `rules/*.yaml`: how a family of phrasings becomes an intent, with examples that prove it.
public struct IntentRule: Sendable {
    /// Stable snake_case id, named in failures, tests and `kagent help`.
    public let id: String
    /// The action the intent gets ("scale").
    public let action: String
    /// One line for people: what the rule understands.
    public let description: String
    public let patterns: [RulePattern]
    /// Slots the rule always sets, whatever the words ("direction: down").
    public let fixedSlots: [String: SlotValue]
    /// Requests that must produce exactly this intent.
    public let matchExamples: [MatchExample]
    /// Requests this rule must not match.
    public let nonMatchExamples: [String]
    /// The file the rule came from, for messages.
    public let file: String
    /// A fallback rule (the literal-command pass-through) is only used when no other rule matches:
    /// it loses every tie, so it never takes a request another rule understands.
    public let fallback: Bool
    /// A rule that reads by meaning (cues and typed slots in any order), tried when no pattern matches.
    public let frame: RequestFrame?

    public struct MatchExample: Sendable, Hashable {
        public let request: String
        public let intent: UserIntent
        /// The request's lower-cased words, for ranking suggestions.
        public let words: Set<String>

        public init(request: String, intent: UserIntent) {
            self.request = request
            self.intent = intent
            self.words = Set(RequestTokenizer.tokens(of: request).map(\.norm))
        }
    }
}

/// The YAML form of a rule file: `rules: [ {id, action, description, patterns, sets, examples} ]`.
struct RuleFile: Decodable {
    var rules: [Entry]

    struct Entry: Decodable {
        var id: String
        var action: String
        var description: String
        var patterns: [String]?
        var frame: Frame?
        var sets: [String: SlotValue]?
        var examples: Examples
        var fallback: Bool?
    }

    /// `frame: {cues: [...], needs: ["a|b", …], slots: {NAME: "TYPE [after A|B] [before C]"}, requires: [...]}`.
    struct Frame: Codable {
        var cues: [String]
        var slots: [String: String]?
        var requires: [String]?
        var needs: [String]?
        /// Whether a question ("which …", "are …", "is …") can be read by this frame: only frames that change
        /// nothing say so, so that "which compose services are down?" never reads as a change.
        var questions: Bool?
    }

    struct Examples: Decodable {
        var match: [Match]
        var no_match: [String]?
    }

    struct Match: Decodable {
        var request: String
        var intent: UserIntent
    }
}
