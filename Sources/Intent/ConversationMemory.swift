/// What the shell remembers between requests: the last thing named and the last thing asked, so that
/// "restart it", "scale them to 2", "describe that deployment" and "same for frontend" mean what people expect.
public struct ConversationMemory: Sendable, Equatable {
    /// The last object acted on or named: its kind, name and namespace.
    public var lastSubject: Subject?
    /// The intents of the last request that was understood and planned.
    public var lastIntents: [UserIntent] = []

    public struct Subject: Sendable, Equatable {
        public var kind: String
        public var name: String
        public var namespace: String

        public init(kind: String, name: String, namespace: String) {
            self.kind = kind
            self.name = name
            self.namespace = namespace
        }
    }

    /// Words that stand for the last subject.
    public static let pronouns: Set<String> = ["it", "them", "that", "this", "those", "these", "same", "its", "their"]
    /// The action of "same for frontend": repeat the last intents with another name.
    public static let repeatAction = "repeat"

    public init() {}

    /// Intents with pronouns replaced by the last subject, and "same for X" expanded.
    /// - Throws: ``IntentError/nothingToReferTo(_:)`` when there is nothing to refer to yet.
    public func resolve(_ intents: [UserIntent]) throws(IntentError) -> [UserIntent] {
        var resolved: [UserIntent] = []
        for intent in intents {
            if intent.action == Self.repeatAction {
                guard !lastIntents.isEmpty else { throw .nothingToReferTo("same") }
                for last in lastIntents {
                    var again = last
                    again.source = intent.source
                    if let name = intent.text("name") {
                        again["name"] = .text(name)
                        again.slots["kind"] = intent["kind"]
                    }
                    if let namespace = intent.text("namespace") { again["namespace"] = .text(namespace) }
                    resolved.append(again)
                }
                continue
            }
            guard let name = intent.text("name"), Self.pronouns.contains(name) else {
                resolved.append(intent)
                continue
            }
            // What is made new is named by the request itself, never by what was said before.
            if intent.action.hasPrefix("create") || intent.action == "generate_deployment" {
                throw .newThingNeedsName(name)
            }
            guard let subject = lastSubject else { throw .nothingToReferTo(name) }
            var filled = intent
            filled["name"] = .text(subject.name)
            if intent["kind"] == nil { filled["kind"] = .text(subject.kind) }
            if intent["namespace"] == nil && !subject.namespace.isEmpty {
                filled["namespace"] = .text(subject.namespace)
            }
            resolved.append(filled)
        }
        return resolved
    }

    /// Remembers what a planned request was about.
    public mutating func remember(_ intents: [UserIntent], subject: Subject?) {
        lastIntents = intents.filter { $0.action != Self.repeatAction }
        if let subject { lastSubject = subject }
    }
}
