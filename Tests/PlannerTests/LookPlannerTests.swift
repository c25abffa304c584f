import Intent
import Planner
import Testing

/// Planning of the look family's classifications that the corpus does not show: which literal commands count
/// as changing, which run attached, which are validated by the API server, and helm's connection flags.
@Suite("Look, helm and pass-through planning")
struct LookPlannerTests {
    func passthrough(_ tool: String, _ words: [String], context: PlanningContext = PlanningContext(cluster: nil))
        async throws -> PlanStep
    {
        let intent = UserIntent(action: "passthrough", slots: ["tool": .text(tool), "command": .list(words)])
        let plan = try await Planner(context: context).plan(request: words.joined(separator: " "), intents: [intent])
        return try #require(plan.steps.first)
    }

    @Test(
        "literal commands are read-only or changing by their verb",
        arguments: [
            ("kubectl", ["get", "pods"], false), ("kubectl", ["config", "view"], false),
            ("kubectl", ["config", "use-context", "x"], true), ("kubectl", ["rollout", "status", "deploy/x"], false),
            ("kubectl", ["rollout", "restart", "deploy/x"], true),
            ("kubectl", ["auth", "can-i", "get", "pods"], false),
            ("kubectl", ["apply", "-f", "x.yaml", "--dry-run=client"], false),
            ("kubectl", ["delete", "pod", "x"], true),
            ("helm", ["list"], false), ("helm", ["template", "./chart"], false),
            ("helm", ["install", "a", "./c"], true),
            ("helm", ["upgrade", "a", "./c", "--dry-run"], false), ("docker", ["ps"], false),
            ("docker", ["rm", "x"], true),
        ])
    func classification(_ tool: String, _ words: [String], _ mutating: Bool) async throws {
        let step = try await passthrough(tool, words)
        #expect(step.mutating == mutating, "\(tool) \(words)")
        #expect(step.argv.first == tool)
    }

    @Test("changing kubectl commands are validated with --dry-run=server; follow and watch run attached")
    func validationAndAttachment() async throws {
        let delete = try await passthrough("kubectl", ["delete", "pod", "x"])
        #expect(delete.validationArgv == ["kubectl", "delete", "pod", "x", "--dry-run=server"])
        let edit = try await passthrough("kubectl", ["edit", "deploy/x"])
        #expect(edit.mutating && edit.validationArgv == nil && edit.attached)
        #expect(try await passthrough("kubectl", ["logs", "-f", "deploy/x"]).attached)
        #expect(try await passthrough("kubectl", ["get", "pods", "--watch"]).attached)
        #expect(try await !passthrough("kubectl", ["logs", "deploy/x"]).attached)
    }

    @Test("kagent's kubeconfig and context are passed to kubectl and helm in their own spelling")
    func connectionFlags() async throws {
        let context = PlanningContext(kubeContext: "prod", kubeconfig: "/tmp/kc", cluster: nil)
        #expect(context.helm("list") == ["helm", "--kubeconfig=/tmp/kc", "--kube-context=prod", "list"])
        let step = try await passthrough("helm", ["status", "a"], context: context)
        #expect(step.argv == ["helm", "--kubeconfig=/tmp/kc", "--kube-context=prod", "status", "a"])
        let kubectl = try await passthrough("kubectl", ["get", "pods"], context: context)
        #expect(kubectl.argv == ["kubectl", "--kubeconfig=/tmp/kc", "--context=prod", "get", "pods"])
    }

    @Test("the namespace goes back in once, before a container command's --")
    func namespaceBeforeSeparator() async throws {
        let intent = UserIntent(
            action: "passthrough",
            slots: ["tool": "kubectl", "command": .list(["exec", "p", "--", "ls", "-n"]), "namespace": "todo"])
        let plan = try await Planner(context: PlanningContext(cluster: nil)).plan(request: "exec", intents: [intent])
        #expect(plan.steps.first?.argv == ["kubectl", "exec", "p", "--namespace=todo", "--", "ls", "-n"])
    }
}
