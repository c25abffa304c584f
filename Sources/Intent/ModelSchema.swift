import Foundation

/// What a language model may answer, derived from the rules, and the strict reading of its answer.
///
/// The actions are those of the rules (and the planner), with the slots their match examples use. Actions that carry
/// commands or secrets (`exec`, the kubectl/helm pass-through, secret values) are left out: a model never supplies
/// a command line. Every value passes the same checks as a rule's slots before anything is planned.
public struct ModelSchema: Sendable {
    /// The JSON type of a slot.
    public enum Kind: String, Sendable {
        case text, number, list
    }

    public struct Action: Sendable {
        public let name: String
        /// What the rules of this action understand, for the prompt.
        public var descriptions: [String]
        public var slots: [String: Kind]
        /// The rules' slot types, for validating values (names are Kubernetes names).
        var slotTypes: [String: SlotType]
        /// Slots every example of the action has.
        public var required: Set<String>
        public var examples: [IntentRule.MatchExample]
    }

    public let actions: [String: Action]

    /// Actions a model never produces: they run commands given as words, or refer to earlier requests.
    public static let excludedActions: Set<String> = [
        "passthrough", "exec", "repeat", "create_job", "create_cronjob", "create_pod", "create_deployment",
    ]
    /// Rules with slots of these types are left out: their values are command lines or secrets.
    static let excludedSlotTypes: [SlotType] = [.secrets, .kubectl, .kubectlArgs, .helmArgs, .dockerArgs, .rest]
    /// Keys a model might add to smuggle a command in; refused with a message that says so.
    static let commandKeys: Set<String> = ["command", "commands", "argv", "args", "shell", "cmd", "script", "kubectl"]
    /// The most intents one answer may hold.
    public static let maximumIntents = 5

    public init(catalog: RuleCatalog, plannable: Set<String>) {
        var actions: [String: Action] = [:]
        for rule in catalog.rules where plannable.contains(rule.action) && !Self.excludedActions.contains(rule.action) {
            let excluded = rule.patterns.contains { pattern in
                Self.excludedSlotTypes.contains { !pattern.slotNames(of: $0).isEmpty }
            }
            if excluded { continue }
            var action =
                actions[rule.action]
                ?? Action(
                    name: rule.action, descriptions: [], slots: [:], slotTypes: [:], required: [], examples: [])
            let firstRule = action.examples.isEmpty
            action.descriptions.append(rule.description)
            for pattern in rule.patterns {
                for type in SlotType.allCases {
                    for slot in pattern.slotNames(of: type) { action.slotTypes[slot] = type }
                }
            }
            for example in rule.matchExamples {
                for (slot, value) in example.intent.slots {
                    let kind: Kind
                    switch value {
                    case .number: kind = .number
                    case .list, .secret: kind = .list
                    case .text: kind = .text
                    }
                    if action.slots[slot] == nil || kind == .list { action.slots[slot] = kind }
                }
                let keys = Set(example.intent.slots.keys).subtracting(["namespace"])
                action.required =
                    firstRule && action.examples.isEmpty ? keys : action.required.intersection(keys)
                action.examples.append(example)
            }
            actions[rule.action] = action
        }
        self.actions = actions.filter { !$0.value.examples.isEmpty }
    }

    // MARK: - Reading an answer

    /// Reads a model's answer strictly: one JSON object `{"intents": [...]}`, each intent a known action with known
    /// slots of the right types and safe values. An empty list means the model did not understand the request.
    /// - Throws: ``IntentError/modelAnswerRejected(_:)`` naming what is wrong; nothing of a refused answer is used.
    public func read(_ answer: String) throws(IntentError) -> [UserIntent] {
        var text = answer.trimmingCharacters(in: .whitespacesAndNewlines)
        // Some local servers wrap JSON mode in a Markdown fence; the fence carries nothing.
        if text.hasPrefix("```") && text.hasSuffix("```") && text.count >= 6 {
            text = String(text.dropFirst(3).dropLast(3))
            if text.hasPrefix("json") { text = String(text.dropFirst(4)) }
            text = text.trimmingCharacters(in: .whitespacesAndNewlines)
        }
        guard !text.isEmpty else { throw .modelAnswerRejected("the answer is empty") }
        guard let value = try? JSONDecoder().decode(JSONValue.self, from: Data(text.utf8)) else {
            throw .modelAnswerRejected("the answer is not JSON: \(Self.excerpt(text))")
        }
        guard case .object(let object) = value else {
            throw .modelAnswerRejected("the answer is not a JSON object: \(Self.excerpt(text))")
        }
        if let extra = object.keys.sorted().first(where: { $0 != "intents" && $0 != "objects" }) {
            throw .modelAnswerRejected(Self.unexpectedKey(extra, in: "the answer"))
        }
        // Kubernetes objects instead of intents (``ModelObjects``): one intent that creates them.
        if case .array(let objects) = object["objects"], !objects.isEmpty {
            if case .array(let items) = object["intents"], !items.isEmpty {
                throw .modelAnswerRejected("the answer holds both intents and objects; kagent takes one or the other")
            }
            return [UserIntent(action: ModelObjects.action, slots: [ModelObjects.slot: .list(try ModelObjects.read(objects))])]
        }
        guard case .array(let items) = object["intents"] else {
            throw .modelAnswerRejected("the answer has no \"intents\" list")
        }
        guard items.count <= Self.maximumIntents else {
            throw .modelAnswerRejected(
                "the answer holds \(items.count) intents; kagent takes at most \(Self.maximumIntents)")
        }
        var intents: [UserIntent] = []
        for item in items {
            guard case .object(let fields) = item else {
                throw .modelAnswerRejected("an intent is not a JSON object")
            }
            do {
                intents.append(try intent(from: fields))
            } catch .invalidName(let value, let slot, let reason) {
                throw .modelAnswerRejected("'\(Self.excerpt(value))' is not a valid \(slot): \(reason)")
            }
        }
        return intents
    }

    private func intent(from fields: [String: JSONValue]) throws(IntentError) -> UserIntent {
        guard case .string(let name) = fields["action"] else {
            throw .modelAnswerRejected("an intent has no \"action\"")
        }
        guard let action = actions[name] else {
            throw .modelAnswerRejected("'\(Self.excerpt(name))' is not an action kagent knows")
        }
        var slots: [String: SlotValue] = [:]
        for (key, value) in fields.sorted(by: { $0.key < $1.key }) where key != "action" {
            guard let kind = action.slots[key] else {
                if Self.commandKeys.contains(key.lowercased()) {
                    throw .modelAnswerRejected(Self.unexpectedKey(key, in: "the '\(name)' intent"))
                }
                let known = action.slots.keys.sorted().joined(separator: ", ")
                throw .modelAnswerRejected(
                    "'\(name)' has no slot '\(Self.excerpt(key))' (its slots: \(known.isEmpty ? "none" : known))")
            }
            if case .null = value { continue }
            slots[key] = try slotValue(value, kind: kind, slot: key, type: action.slotTypes[key], action: name)
        }
        let missing = action.required.subtracting(slots.keys).sorted()
        if !missing.isEmpty {
            throw .modelAnswerRejected(
                "the '\(name)' intent lacks \(missing.map { "'\($0)'" }.joined(separator: ", "))")
        }
        return UserIntent(action: name, slots: slots)
    }

    private func slotValue(_ value: JSONValue, kind: Kind, slot: String, type: SlotType?, action: String)
        throws(IntentError) -> SlotValue
    {
        let wrongType = IntentError.modelAnswerRejected("'\(slot)' of '\(action)' must be \(kind.article)")
        switch (kind, value) {
        case (.number, .int(let number)):
            return .number(number)
        case (.number, .string(let digits)) where !digits.isEmpty && digits.allSatisfy(\.isASCII) && Int(digits) != nil:
            return .number(Int(digits) ?? 0)
        case (.text, .string(let text)):
            try Self.check(text, slot: slot, type: type)
            return .text(text)
        case (.text, .bool(let flag)):
            return .text(flag ? "true" : "false")
        case (.list, .array(let items)):
            var words: [String] = []
            for item in items {
                guard case .string(let word) = item else { throw wrongType }
                try Self.check(word, slot: slot, type: nil)
                words.append(word)
            }
            return .list(words)
        default:
            throw wrongType
        }
    }

    /// The checks a rule's slot gets, and more: a model's words never reach a command unless they are plain values.
    static func check(_ value: String, slot: String, type: SlotType?) throws(IntentError) {
        let label = slot == "name" ? "resource name" : slot
        if type == .namespace || slot == "namespace" {
            if let problem = KubernetesName.labelProblem(value) {
                throw .invalidName(value, slot: label, reason: problem)
            }
        } else if type == .name || slot == "name" {
            if let problem = KubernetesName.subdomainProblem(value) {
                throw .invalidName(value, slot: label, reason: problem)
            }
        }
        if value.isEmpty { throw .invalidName(value, slot: label, reason: "the value is empty") }
        if value.count > 253 { throw .invalidName(Self.excerpt(value), slot: label, reason: "the value is too long") }
        if value.hasPrefix("-") {
            throw .invalidName(
                value, slot: label, reason: "values cannot start with '-' (they would be read as options)")
        }
        if let bad = value.unicodeScalars.first(where: {
            $0.properties.generalCategory == .control || $0.properties.isWhitespace
                || ";|&$`<>\\\"'(){}!*?".unicodeScalars.contains($0)
        }) {
            throw .invalidName(
                value, slot: label, reason: "'\(bad.escaped(asASCII: true))' is not allowed in a value from the model")
        }
    }

    private static func unexpectedKey(_ key: String, in place: String) -> String {
        if commandKeys.contains(key.lowercased()) {
            return "\(place) contains \"\(excerpt(key))\"; kagent never runs commands written by a model, "
                + "only its own plans for known actions"
        }
        return "\(place) has an unexpected key \"\(excerpt(key))\""
    }

    static func excerpt(_ text: String) -> String {
        let line = text.replacingOccurrences(of: "\n", with: " ")
        return line.count > 120 ? String(line.prefix(120)) + "…" : line
    }
}

extension ModelSchema.Kind {
    var article: String {
        switch self {
        case .text: return "a string"
        case .number: return "a whole number"
        case .list: return "a list of strings"
        }
    }
}
