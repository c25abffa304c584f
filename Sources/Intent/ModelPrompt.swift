import Foundation

/// The system prompt sent to a model: `prompts/system.md` with the actions, examples and cluster context filled in,
/// and the JSON schema its answer must follow.
public struct ModelPrompt: Sendable {
    public let template: String

    public init(template: String) {
        self.template = template
    }

    /// The template beside the rules (`rules/../prompts/system.md`), or the built-in one.
    public static func load(rulesDirectory: URL) -> ModelPrompt {
        let file = rulesDirectory.deletingLastPathComponent().appendingPathComponent("prompts/system.md")
        let text = (try? String(contentsOf: file, encoding: .utf8)) ?? builtInTemplate
        return ModelPrompt(template: text)
    }

    static let builtInTemplate = """
        You translate one Kubernetes operations request into kagent's intent format.
        Answer with one JSON object and nothing else: {"intents": [{"action": "...", ...slots}]}.
        Use only the actions and slots listed below, with values taken from the request.
        Never write shell commands, kubectl commands or explanations.
        If the request cannot be expressed with these actions, answer {"intents": []}.
        When no action fits but Kubernetes objects would, answer {"intents": [], "objects": [...]} instead: at most 5
        complete objects of these kinds only: {{object_kinds}}. Never a Secret, never command, args, exec,
        lifecycle, host paths, host namespaces or privileged settings; amounts as strings ("500m", "256Mi").
        kagent shows them, has the API server check them, and asks before creating them.

        Actions and their slots:
        {{actions}}

        Examples:
        {{examples}}

        Cluster context: {{context}}
        """

    /// The system message for a schema and a cluster context ("namespace todo; deployments: …").
    public func render(schema: ModelSchema, context: String, examplesPerAction: Int = 2) -> String {
        let names = schema.actions.keys.sorted()
        let actions = names.compactMap { name -> String? in
            guard let action = schema.actions[name] else { return nil }
            let slots = action.slots.keys.sorted().map { slot in
                "\(slot) (\(action.slots[slot]?.rawValue ?? "text")\(action.required.contains(slot) ? ", required" : ""))"
            }
            let what = action.descriptions.first.map { " — \($0)" } ?? ""
            return "- \(name): \(slots.isEmpty ? "no slots" : slots.joined(separator: ", "))\(what)"
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let examples = names.flatMap { name -> [String] in
            (schema.actions[name]?.examples.prefix(examplesPerAction) ?? []).compactMap { example in
                guard let data = try? encoder.encode(["intents": [example.intent]]) else { return nil }
                return "\(example.request) → \(String(decoding: data, as: UTF8.self))"
            }
        }
        return
            template
            .replacingOccurrences(of: "{{actions}}", with: actions.joined(separator: "\n"))
            .replacingOccurrences(of: "{{examples}}", with: examples.joined(separator: "\n"))
            .replacingOccurrences(of: "{{context}}", with: context.isEmpty ? "unknown" : context)
            .replacingOccurrences(of: "{{object_kinds}}", with: ModelObjects.allowed.keys.sorted().joined(separator: ", "))
    }

    /// The JSON schema of an answer (for `response_format: json_schema`): one branch per action, no extra keys.
    public static func responseSchema(_ schema: ModelSchema) -> [String: Any] {
        let branches: [[String: Any]] = schema.actions.keys.sorted().compactMap { name in
            guard let action = schema.actions[name] else { return nil }
            var properties: [String: Any] = ["action": ["type": "string", "enum": [name]]]
            for (slot, kind) in action.slots {
                switch kind {
                case .text: properties[slot] = ["type": "string"]
                case .number: properties[slot] = ["type": "integer"]
                case .list: properties[slot] = ["type": "array", "items": ["type": "string"]]
                }
            }
            return [
                "type": "object", "properties": properties, "additionalProperties": false,
                "required": ["action"] + action.required.sorted(),
            ]
        }
        return [
            "type": "object", "additionalProperties": false, "required": ["intents"],
            "properties": [
                "intents": ["type": "array", "items": ["anyOf": branches]],
                "objects": ["type": "array", "items": ["type": "object"]],
            ],
        ]
    }
}
