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

    @Test("Kubernetes objects of an allowed kind become one apply_objects intent, each as compact JSON")
    func objects() throws {
        let intents = try Self.schema.read(
            #"{"intents": [], "objects": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "flags", "namespace": "shop"}, "data": {"MODE": "fast"}}]}"#)
        #expect(intents.map(\.action) == ["apply_objects"])
        #expect(
            intents.first?["objects"]?.list == [
                #"{"apiVersion":"v1","data":{"MODE":"fast"},"kind":"ConfigMap","metadata":{"name":"flags","namespace":"shop"}}"#
            ])
    }

    @Test(
        "objects a model may not write are refused with the reason, and nothing of the answer is used",
        arguments: [
            (#"{"apiVersion": "v1", "kind": "Secret", "metadata": {"name": "db"}, "data": {"password": "eA=="}}"#, "secret values never come from a model"),
            (#"{"apiVersion": "rbac.authorization.k8s.io/v1", "kind": "ClusterRoleBinding", "metadata": {"name": "x"}}"#, "cluster-wide access"),
            (#"{"apiVersion": "apps/v1", "kind": "Deployment", "metadata": {"name": "x"}, "spec": {"template": {"spec": {"containers": [{"name": "x", "image": "busybox", "command": ["sh", "-c", "rm -rf /"]}]}}}}"#, "never runs commands written by a model"),
            (#"{"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "x"}, "spec": {"hostNetwork": true, "containers": [{"name": "x", "image": "busybox"}]}}"#, "reach the node"),
            (#"{"apiVersion": "v1", "kind": "Node", "metadata": {"name": "x"}}"#, "not a kind a model may create"),
            (#"{"apiVersion": "extensions/v1beta1", "kind": "Deployment", "metadata": {"name": "x"}}"#, "is apiVersion apps/v1"),
            (#"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"generateName": "x-"}}"#, "has no metadata.name"),
            (#"{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x; rm"}}"#, "not a valid resource name"),
            (#"{"apiVersion": "v1", "kind": "ResourceQuota", "metadata": {"name": "q"}, "spec": {"hard": {"cpu": 0.5}}}"#, "fractional number"),
            (#"{"apiVersion": "v1", "kind": "Service", "metadata": {"name": "s"}, "spec": {"ports": [null, {"port": 80}]}}"#, "holds null in a list"),
        ])
    func refusedObjects(object: String, expected: String) {
        let message = refusal(#"{"intents": [], "objects": ["# + object + #"]}"#) ?? "accepted"
        #expect(message.contains(expected), "\(message)")
        let both = refusal(
            #"{"intents": [{"action": "scale", "name": "backend", "replicas": 3}], "objects": [{"apiVersion": "v1", "kind": "ConfigMap", "metadata": {"name": "x"}}]}"#)
        #expect(both?.contains("both intents and objects") == true, "\(both ?? "accepted")")
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
