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
    public var matchExamples: [MatchExample] { examples.value.match }
    /// Requests this rule must not match.
    public var nonMatchExamples: [String] { examples.value.noMatch }
    /// The file the rule came from, for messages.
    public let file: String
    /// A fallback rule (the literal-command pass-through) is only used when no other rule matches:
    /// it loses every tie, so it never takes a request another rule understands.
    public let fallback: Bool
    /// A rule that reads by meaning (cues and typed slots in any order), tried when no pattern matches.
    public var frame: RequestFrame? { meaning.value }

    /// The examples, both kinds. Read from the compiled catalogue when first asked for: a request that a
    /// pattern understands needs none (``CatalogCache``).
    let examples: Lazy<Examples>
    /// The frame, likewise: read when first asked for.
    let meaning: Lazy<RequestFrame?>

    struct Examples: Sendable {
        var match: [MatchExample]
        var noMatch: [String]
    }

    init(
        id: String, action: String, description: String, patterns: [RulePattern], fixedSlots: [String: SlotValue],
        matchExamples: [MatchExample], nonMatchExamples: [String], file: String, fallback: Bool, frame: RequestFrame?
    ) {
        self.init(
            id: id, action: action, description: description, patterns: patterns, fixedSlots: fixedSlots,
            examples: Lazy(Examples(match: matchExamples, noMatch: nonMatchExamples)), file: file, fallback: fallback,
            frame: Lazy(frame))
    }

    /// A rule whose examples and frame are worked out when first asked for.
    init(
        id: String, action: String, description: String, patterns: [RulePattern], fixedSlots: [String: SlotValue],
        examples: Lazy<Examples>, file: String, fallback: Bool, frame: Lazy<RequestFrame?>
    ) {
        self.id = id
        self.action = action
        self.description = description
        self.patterns = patterns
        self.fixedSlots = fixedSlots
        self.examples = examples
        self.file = file
        self.fallback = fallback
        self.meaning = frame
    }

    public struct MatchExample: Sendable, Hashable {
        public let request: String
        public let intent: UserIntent
        /// The request's lower-cased words, for ranking suggestions.
        public let words: Set<String>

        public init(request: String, intent: UserIntent) {
            self.init(request: request, intent: intent, words: Set(RequestTokenizer.tokens(of: request).map(\.norm)))
        }

        /// An example whose words are known (read back from the compiled catalogue, ``CatalogCache``).
        init(request: String, intent: UserIntent, words: Set<String>) {
            self.request = request
            self.intent = intent
            self.words = words
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
        /// Whether the name must be said in the request itself (`said_name: true`): "it" left unsaid is never
        /// filled from another sentence, so that "What happened in shop? The api seems off." stays about the
        /// namespace.
        var said_name: Bool?
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
