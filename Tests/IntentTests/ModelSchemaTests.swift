import Foundation
import Intent
import TestSupport
import Testing

/// The strict reading of a language model's answer, and the prompt it is given.
@Suite("Model answers")
struct ModelSchemaTests {
    /// The planner's actions as the rules name them (the Intent module does not know the planner).
    static let schema = ModelSchema(catalog: Catalog.shared, plannable: Set(Catalog.shared.rules.map(\.action)))

    func refusal(_ answer: String) -> String? {
        do {
            _ = try Self.schema.read(answer)
            return nil
        } catch {
            return error.localizedDescription
        }
    }

    @Test("a good answer becomes the intent")
    func good() throws {
        let intents = try Self.schema.read(#"{"intents": [{"action": "scale", "name": "backend", "replicas": 3}]}"#)
        #expect(intents == [UserIntent(action: "scale", slots: ["name": "backend", "replicas": 3])])
    }

    @Test("several intents, a namespace, a fenced answer and a number given as digits are read")
    func lenientWhereHarmless() throws {
        let intents = try Self.schema.read(
            """
            ```json
            {"intents": [{"action": "restart", "name": "backend", "namespace": "todo"},
                         {"action": "scale", "name": "frontend", "replicas": "2"}]}
            ```
            """)
        #expect(intents.map(\.action) == ["restart", "scale"])
        #expect(intents[0].text("namespace") == "todo")
        #expect(intents[1].number("replicas") == 2)
    }

    @Test("an empty list means not understood")
    func emptyList() throws {
        #expect(try Self.schema.read(#"{"intents": []}"#).isEmpty)
    }

    @Test(
        "refused answers name what is wrong",
        arguments: [
            ("Sure! kubectl scale deployment backend --replicas=3", "not JSON"),
            ("", "empty"),
            ("[1, 2]", "not a JSON object"),
            (#"{"intents": [{"action": "launch_rockets"}]}"#, "'launch_rockets' is not an action"),
            (
                #"{"intents": [{"action": "scale", "name": "backend; rm -rf /", "replicas": 3}]}"#,
                "not a valid resource name"
            ),
            (
                #"{"intents": [{"action": "scale", "name": "backend", "replicas": 3, "command": "rm -rf /"}]}"#,
                "never runs commands"
            ),
            (#"{"intents": [], "argv": ["kubectl", "delete", "ns", "todo"]}"#, "never runs commands"),
            (
                #"{"intents": [{"action": "scale", "name": "backend", "replicas": 3, "colour": "red"}]}"#,
                "has no slot 'colour'"
            ),
            (#"{"intents": [{"action": "scale", "name": "backend", "replicas": [3]}]}"#, "must be a whole number"),
            (#"{"intents": [{"action": "scale", "replicas": 3}]}"#, "lacks 'name'"),
            (#"{"intents": [{"action": "scale", "name": "--all", "replicas": 3}]}"#, "start with '-'"),
            (#"{"intents": [{"action": "set_image", "name": "api", "image": "nginx$(reboot)"}]}"#, "not allowed"),
            (
                #"{"intents": [{"action": "scale", "name": "backend", "namespace": "Todo_1", "replicas": 3}]}"#,
                "namespace"
            ),
            (#"{"action": "scale", "name": "backend"}"#, "unexpected key"),
        ])
    func refused(answer: String, expected: String) {
        let message = refusal(answer)
        #expect(message?.contains(expected) == true, "\(message ?? "accepted")")
    }

    @Test("actions that carry commands or secrets are not offered to the model")
    func excluded() throws {
        for action in ["exec", "passthrough", "repeat"] { #expect(Self.schema.actions[action] == nil) }
        for (name, action) in Self.schema.actions {
            #expect(action.slots["command"] == nil, "\(name) offers a command slot")
        }
        #expect(refusal(#"{"intents": [{"action": "exec", "name": "backend", "command": ["sh"]}]}"#) != nil)
        #expect(refusal(#"{"intents": [{"action": "passthrough", "tool": "kubectl", "command": ["delete"]}]}"#) != nil)
    }

    @Test("the prompt lists the actions, examples from the rules and the cluster context")
    func prompt() throws {
        let template = try String(
            contentsOf: Repository.root.appendingPathComponent("prompts/system.md"), encoding: .utf8)
        let text = ModelPrompt(template: template).render(
            schema: Self.schema, context: "namespace todo; deployments: todo-backend")
        #expect(text.contains("- scale: "))
        #expect(text.contains(#"scale backend to 3 → {"intents":[{"action":"scale","name":"backend","replicas":3}]}"#))
        #expect(text.contains("Cluster context: namespace todo; deployments: todo-backend"))
        #expect(!text.contains("{{"))
        #expect(!text.contains("- passthrough:") && !text.contains("- exec:"))
        let schema = ModelPrompt.responseSchema(Self.schema)
        let data = try JSONSerialization.data(withJSONObject: schema)
        #expect(String(decoding: data, as: UTF8.self).contains(#""enum":["scale"]"#))
    }
}
