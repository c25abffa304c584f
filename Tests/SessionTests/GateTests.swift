import Intent
import Planner
import Session
import Testing

/// The gates a plan passes before it runs, decided on the plan and the settings alone: no cluster, no terminal.
@Suite("Gates")
struct GateTests {
    static func step(_ argv: [String], mutating: Bool = true, attached: Bool = false,
        confirmation: PlanStep.Confirmation = .standard) -> PlanStep
    {
        PlanStep(argv: argv, mutating: mutating, summary: argv.joined(separator: " "), attached: attached,
            confirmation: confirmation)
    }

    static func plan(_ steps: [PlanStep]) -> ExecutionPlan {
        ExecutionPlan(request: "test", intents: [], steps: steps, outcome: "done")
    }

    static let scale = plan([step(["kubectl", "scale", "deployment/web", "--replicas=3", "--namespace=shop"])])
    static let read = plan([step(["kubectl", "get", "pods", "--namespace=kube-system"], mutating: false)])

    @Test("read-only mode refuses a changing plan, naming its first change, and lets a reading plan through")
    func readOnly() throws {
        var settings = SessionSettings()
        #expect(Gates.readOnly(Self.scale, settings: settings) == nil)
        settings.readOnly = true
        let refusal = try #require(Gates.readOnly(Self.scale, settings: settings))
        #expect(refusal.localizedDescription.contains("read-only mode"))
        #expect(refusal.localizedDescription.contains("kubectl scale deployment/web"))
        #expect(Gates.readOnly(Self.read, settings: settings) == nil)
    }

    @Test("a changing plan asks to run its changes; --yes asks nothing; a plan that only reads asks nothing")
    func runChanges() throws {
        var settings = SessionSettings()
        let questions = try Gates.questions(for: Self.scale, settings: settings)
        #expect(questions.count == 1)
        guard case .runChanges(_, let count) = questions.first else {
            Issue.record("expected the run question, got \(questions)")
            return
        }
        #expect(count == 1)
        #expect(try Gates.questions(for: Self.read, settings: settings).isEmpty)
        settings.assumeYes = true
        #expect(try Gates.questions(for: Self.scale, settings: settings).isEmpty)
    }

    @Test("a change that cannot be undone asks for its name after the run question, unless --yes")
    func typeName() throws {
        let delete = Self.plan([
            Self.step(["kubectl", "delete", "deployment/web", "--namespace=shop"], confirmation: .typeName("web"))
        ])
        var settings = SessionSettings()
        let questions = try Gates.questions(for: delete, settings: settings)
        #expect(questions.count == 2)
        guard case .typeName("web") = questions.last else {
            Issue.record("expected the name question last, got \(questions)")
            return
        }
        settings.assumeYes = true
        #expect(try Gates.questions(for: delete, settings: settings).isEmpty)
    }

    @Test(
        "a change in a protected namespace is found in every way kubectl can name it",
        arguments: [
            ["kubectl", "scale", "deployment/coredns", "--replicas=0", "--namespace=kube-system"],
            ["kubectl", "scale", "deployment/coredns", "--replicas=0", "-n", "kube-system"],
            ["kubectl", "scale", "deployment/coredns", "--replicas=0", "-nkube-system"],
            ["kubectl", "scale", "deployment/coredns", "--replicas=0", "-n=kube-system"],
            ["kubectl", "delete", "pods", "--all", "--all-namespaces"],
            ["kubectl", "delete", "namespace", "kube-system"],
            ["kubectl", "label", "namespace/kube-system", "team=x"],
            ["kubectl", "delete", "ns", "--all"],
        ])
    func protectedFound(argv: [String]) throws {
        let plan = Self.plan([Self.step(argv)])
        let found = Gates.protectedNamespaces(in: plan, among: SessionSettings().protectedNamespaces)
        #expect(found.contains("kube-system"))
        let questions = try Gates.questions(for: plan, settings: SessionSettings())
        guard case .protectedNamespace = questions.first else {
            Issue.record("the protected namespace is not asked first: \(questions)")
            return
        }
    }

    @Test("reading a protected namespace, or changing another, asks for no namespace")
    func protectedNotFound() throws {
        let settings = SessionSettings()
        #expect(Gates.protectedNamespaces(in: Self.read, among: settings.protectedNamespaces).isEmpty)
        #expect(Gates.protectedNamespaces(in: Self.scale, among: settings.protectedNamespaces).isEmpty)
    }

    @Test("--force changes a protected namespace without its name; over MCP it is refused whatever the flags")
    func protectedForceAndMCP() throws {
        let plan = Self.plan([Self.step(["kubectl", "scale", "deployment/coredns", "--replicas=0", "-n", "kube-system"])])
        var settings = SessionSettings()
        settings.force = true
        let questions = try Gates.questions(for: plan, settings: settings)
        #expect(questions.count == 1)
        settings.frontEnd = .mcp
        settings.assumeYes = true
        #expect(throws: SessionError.protectedNamespaceOverMCP(["kube-system"])) {
            try Gates.questions(for: plan, settings: settings)
        }
    }

    @Test("a step attached to the terminal is refused for JSON and MCP, allowed at the terminal")
    func attached() throws {
        let shell = Self.plan([Self.step(["kubectl", "exec", "-it", "deploy/web", "--", "sh"], attached: true)])
        var settings = SessionSettings()
        #expect(Gates.attached(shell, settings: settings) == nil)
        settings.frontEnd = .json
        #expect(Gates.attached(shell, settings: settings)?.localizedDescription.contains("--output json") == true)
        settings.frontEnd = .mcp
        #expect(Gates.attached(shell, settings: settings)?.localizedDescription.contains("MCP client") == true)
    }

    @Test("an answer that is not yes becomes the refusal that says what did not run and why")
    func refusals() {
        let run = ConfirmationQuestion.runChanges(Self.scale, count: 1)
        #expect(Gates.refusal(for: run, answer: .nobodyToAsk) == .needsConfirmation)
        #expect(Gates.refusal(for: run, answer: .no) == .declined)
        #expect(Gates.refusal(for: .typeName("web"), answer: .no) == .nameNotTyped("web"))
        #expect(
            Gates.refusal(for: .protectedNamespace("kube-system"), answer: .nobodyToAsk)
                == .protectedNamespaceUnconfirmed(["kube-system"]))
        #expect(
            Gates.refusal(for: .protectedNamespace("kube-system"), answer: .no)
                == .protectedNamespaceNotTyped("kube-system"))
        #expect(SessionError.needsConfirmation.localizedDescription.contains("--yes"))
    }
}
