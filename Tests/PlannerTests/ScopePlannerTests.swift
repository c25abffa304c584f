import Intent
import Planner
import Testing

/// A quantifier is never a name, and "every namespace" is a read's scope, never a change's: what the planner
/// refuses before any name is looked up, for intents from the rules and from a model alike.
@Suite("Quantifiers and every namespace")
struct ScopePlannerTests {
    let planner = Planner(context: PlanningContext(cluster: nil))

    func plan(_ action: String, _ slots: [String: SlotValue]) async throws(PlannerError) -> ExecutionPlan {
        try await planner.plan(request: action, intents: [UserIntent(action: action, slots: slots)])
    }

    @Test(
        "a quantifier where a name belongs is refused with the reason, for a change and for a read",
        arguments: [
            (
                "scale", ["name": "all", "kind": "deployment", "replicas": 0] as [String: SlotValue],
                "'all deployments' changes every one of them in one namespace: name it"
            ),
            (
                "scale", ["name": "all", "kind": "deployment", "replicas": 0, "namespace": "todo"],
                "kagent lists the deployments of todo before changing them all, and needs the cluster"
            ),
            (
                "scale", ["name": "all", "kind": "deployment", "all_namespaces": "true", "replicas": 0],
                "'all deployments' names no single object: say which deployment; kagent does not change every object"
            ),
            (
                "restart", ["name": "Everything"],
                "'everything' names no single object: say which one; kagent will not change everything at once"
            ),
            ("delete", ["name": "each", "kind": "pod"], "'each pod' names no single object: say which pod"),
            ("helm_uninstall", ["release": "*"], "'*' names no single object"),
            (
                "logs", ["name": "all", "kind": "pod"],
                "'all pods' names no single object: say which pod, or list them: get pods"
            ),
        ])
    func quantifiedName(_ action: String, _ slots: [String: SlotValue], _ message: String) async {
        do {
            let plan = try await plan(action, slots)
            Issue.record("\(action) \(slots) was planned: \(plan.steps.map(\.argv))")
        } catch {
            #expect(error.localizedDescription.contains(message), "\(error.localizedDescription)")
        }
    }

    @Test("every namespace: a read lists them all, a change is refused", arguments: ["all_namespaces", "namespace"])
    func everyNamespace(_ slot: String) async throws {
        let value: SlotValue = slot == "namespace" ? "all" : "true"
        let read = try await plan("get", ["kind": "pod", slot: value])
        #expect(read.steps.first?.argv == ["kubectl", "get", "pods", "--all-namespaces"])
        await #expect(throws: PlannerError.everyNamespaceChange(action: "restart")) {
            try await plan("restart", ["name": "backend", slot: value])
        }
    }

    @Test("'in the cluster' widens a read to every namespace and leaves a change where it is")
    func inTheCluster() async throws {
        let read = try await plan("images", ["in_cluster": "true"])
        #expect(read.steps.first?.argv.contains("--all-namespaces") == true)
        let named = try await plan("get", ["kind": "pod", "in_cluster": "true", "namespace": "todo"])
        #expect(named.steps.first?.argv == ["kubectl", "get", "pods", "--namespace=todo"])
        let change = try await plan("restart", ["name": "backend", "in_cluster": "true"])
        #expect(change.steps.first?.argv.contains("--all-namespaces") == false)
    }

    @Test("every read-only action has a planner")
    func readOnlyActionsArePlanned() {
        #expect(Planner.readOnlyActions.isSubset(of: Planner.plannableActions))
    }

    @Test("'all deployments in todo' is one --all step, confirmed by typing the namespace, each read back and undone")
    func everyObjectInOneNamespace() async throws {
        let cluster = FixedCluster(objects: [
            workload("todo-backend", "todo", replicas: 1), workload("todo-frontend", "todo", replicas: 2),
            workload("web-app", "shop", replicas: 2),
        ])
        let planner = Planner(context: PlanningContext(cluster: cluster))
        let plan = try await planner.plan(
            request: "scale all deployments in todo to 0",
            intents: [UserIntent(action: "scale", slots: ["name": "all", "kind": "deployment", "namespace": "todo", "replicas": 0])])
        let change = try #require(plan.steps.first)
        #expect(change.argv == ["kubectl", "scale", "deployment", "--all", "--replicas=0", "--namespace=todo"])
        #expect(change.mutating && change.confirmation == .typeName("todo"))
        #expect(change.validationArgv?.last == "--dry-run=server")
        #expect(plan.steps.filter(\.mutating).count == 1)
        #expect(plan.subjects.map(\.name) == ["todo-backend", "todo-frontend"])
        let undo = plan.reversals.flatMap(\.steps).filter(\.mutating).map(\.argv)
        #expect(undo.contains { $0.contains("deployment/todo-frontend") && $0.contains("--replicas=2") })
        #expect(undo.contains { $0.contains("deployment/todo-backend") && $0.contains("--replicas=1") })
        #expect(!undo.contains { $0.contains("web-app") })

        let restart = try await planner.plan(
            request: "restart every deployment in todo",
            intents: [UserIntent(action: "restart", slots: ["name": "every", "kind": "deployment", "namespace": "todo"])])
        #expect(restart.steps.first?.argv == ["kubectl", "rollout", "restart", "deployment", "--namespace=todo"])
        #expect(restart.steps.first?.confirmation == .typeName("todo"))
        await #expect(throws: PlannerError.self) {
            try await planner.plan(
                request: "scale all deployments in todo up by 2",
                intents: [UserIntent(action: "scale", slots: ["name": "all", "kind": "deployment", "namespace": "todo", "by": 2, "direction": "up"])])
        }
    }
}
