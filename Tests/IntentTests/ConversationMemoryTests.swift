import Foundation
import Intent
import Testing

@Suite("Conversation memory")
struct ConversationMemoryTests {
    let backend = ConversationMemory.Subject(kind: "deployment", name: "todo-backend", namespace: "todo")

    @Test("'it' is the last subject, with its kind and namespace")
    func pronoun() throws {
        var memory = ConversationMemory()
        memory.remember([UserIntent(action: "scale", slots: ["name": "backend", "replicas": 3])], subject: backend)
        let resolved = try memory.resolve([UserIntent(action: "restart", slots: ["name": "it"])])
        #expect(
            resolved == [
                UserIntent(
                    action: "restart", slots: ["name": "todo-backend", "kind": "deployment", "namespace": "todo"])
            ])
    }

    @Test("a kind said with the pronoun wins over the remembered one")
    func kindSaid() throws {
        var memory = ConversationMemory()
        memory.remember([], subject: backend)
        let resolved = try memory.resolve([UserIntent(action: "describe", slots: ["name": "that", "kind": "service"])])
        #expect(resolved.first?.text("kind") == "service")
        #expect(resolved.first?.text("name") == "todo-backend")
    }

    @Test("'same for frontend' repeats the last request with the new name")
    func sameFor() throws {
        var memory = ConversationMemory()
        memory.remember(
            [UserIntent(action: "scale", slots: ["name": "backend", "replicas": 3, "kind": "deployment"])],
            subject: backend)
        let resolved = try memory.resolve([
            UserIntent(action: ConversationMemory.repeatAction, slots: ["name": "frontend"])
        ])
        #expect(resolved == [UserIntent(action: "scale", slots: ["name": "frontend", "replicas": 3])])
    }

    @Test("with nothing named yet, a pronoun is an error, not a guess")
    func nothingYet() {
        #expect(throws: IntentError.nothingToReferTo("it")) {
            try ConversationMemory().resolve([UserIntent(action: "restart", slots: ["name": "it"])])
        }
        #expect(throws: IntentError.nothingToReferTo("same")) {
            try ConversationMemory().resolve([UserIntent(action: ConversationMemory.repeatAction, slots: ["name": "x"])]
            )
        }
    }

    @Test("intents without pronouns pass through unchanged")
    func passThrough() throws {
        let intents = [UserIntent(action: "scale", slots: ["name": "web", "replicas": 1])]
        #expect(try ConversationMemory().resolve(intents) == intents)
    }
}

@Suite("Typed slots")
struct SlotParsingTests {
    @Test(arguments: [
        ("nginx", "nginx"), ("nginx:1.22", "nginx:1.22"),
        ("registry.local:5000/team/app:v2", "registry.local:5000/team/app:v2"),
    ])
    func images(_ word: String, _ expected: String) { #expect(SlotParsing.image(word) == expected) }

    @Test(arguments: ["Nginx", "nginx:", "-x", "a//b", "nginx@sha256:xyz"])
    func badImages(_ word: String) { #expect(SlotParsing.image(word) == nil) }

    @Test func quantities() {
        #expect(SlotParsing.quantity("512Mi") == "512Mi")
        #expect(SlotParsing.quantity("512mb") == "512Mi")
        #expect(SlotParsing.quantity("1GB") == "1Gi")
        #expect(SlotParsing.quantity("250m") == "250m")
        #expect(SlotParsing.quantity("2") == "2")
        #expect(SlotParsing.quantity("lots") == nil)
    }

    @Test func durations() {
        #expect(SlotParsing.duration("1h") == "1h")
        #expect(SlotParsing.duration("2h30m") == "2h30m")
        #expect(SlotParsing.duration("2d") == "48h")
        #expect(SlotParsing.duration("h1") == nil)
        #expect(SlotParsing.duration(amount: 5, unit: "minutes") == "5m")
        #expect(SlotParsing.duration(amount: 1, unit: "day") == "24h")
    }

    @Test func portsAndHosts() {
        #expect(SlotParsing.portPair("8080:80") == "8080:80")
        #expect(SlotParsing.portPair("70000") == nil)
        #expect(SlotParsing.host("app.example.com") == "app.example.com")
        #expect(SlotParsing.host("localhost") == nil)
        #expect(SlotParsing.selector("app=web,tier!=db") == "app=web,tier!=db")
        #expect(SlotParsing.pair("KEY=value") == "KEY=value")
        #expect(SlotParsing.pair("=x") == nil)
        #expect(
            SlotParsing.looksLikePath("./backend") && SlotParsing.looksLikePath("values-dev.yaml")
                && !SlotParsing.looksLikePath("-rf"))
    }

    @Test("secret values never reach the encoded intent or its description")
    func secrets() throws {
        let intent = UserIntent(action: "create_secret", slots: ["name": "db", "data": .secret(["password=hunter2"])])
        let json = String(decoding: try JSONEncoder().encode(intent), as: UTF8.self)
        #expect(!json.contains("hunter2"))
        #expect(json.contains("password=(hidden)"))
        #expect(intent.slots["data"]?.description.contains("hunter2") == false)
        #expect(
            SecretPolicy.hide(request: "create secret db with password=hunter2", intents: [intent])
                == "create secret db with password=(hidden)")
    }

    @Test("something new is never named by a pronoun: 'make that the namespace' asks for the name")
    func newThingNeedsName() throws {
        var memory = ConversationMemory()
        memory.remember([UserIntent(action: "restart", slots: ["name": .text("backend")])],
            subject: .init(kind: "deployment", name: "todo-backend", namespace: "todo"))
        #expect(throws: IntentError.newThingNeedsName("that")) {
            try memory.resolve([UserIntent(action: "create_namespace", slots: ["name": .text("that")])])
        }
        let restart = try memory.resolve([UserIntent(action: "restart", slots: ["name": .text("it")])])
        #expect(restart.first?.text("name") == "todo-backend")
    }
}
