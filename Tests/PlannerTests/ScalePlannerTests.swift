import Intent
import Planner
import Testing

/// A cluster as a fixed list of workloads: the planner's ClusterReader protocol, answered from memory,
/// to test name resolution and replica arithmetic without a cluster (the sandbox tests cover the real one).
struct FixedCluster: ClusterReader {
    var objects: [ClusterObject]

    func objects(kinds: [String], namespace: String?) async throws(PlannerError) -> [ClusterObject] {
        objects.filter {
            kinds.contains($0.kind) && (namespace == nil || $0.namespace == namespace || $0.namespace.isEmpty)
        }
    }
}

func workload(_ name: String, _ namespace: String, replicas: Int = 2, kind: String = "deployment") -> ClusterObject {
    ClusterObject(kind: kind, name: name, namespace: namespace, replicas: replicas, readyReplicas: replicas)
}

@Suite("Scale planning")
struct ScalePlannerTests {
    let cluster = FixedCluster(objects: [
        workload("todo-backend", "todo", replicas: 1),
        workload("todo-frontend", "todo", replicas: 2),
        workload("srvthreds-engine", "srvthreds", replicas: 3),
        workload("mongo", "srvthreds", replicas: 1, kind: "statefulset"),
        workload("web-app", "shop", replicas: 2),
        workload("web-service", "shop", replicas: 3),
    ])

    func plan(_ slots: [String: SlotValue], namespace: String? = nil, cluster: (any ClusterReader)? = nil)
        async throws(PlannerError) -> ExecutionPlan
    {
        let context = PlanningContext(namespace: namespace, cluster: cluster ?? self.cluster)
        return try await Planner(context: context).plan(
            request: "test", intents: [UserIntent(action: "scale", slots: slots)])
    }

    @Test("'backend' resolves to the one close match, in its namespace, and the plan names it")
    func resolvesLooseName() async throws {
        let plan = try await plan(["name": "backend", "replicas": 3])
        #expect(
            plan.steps.map(\.argv) == [
                ["kubectl", "scale", "deployment/todo-backend", "--replicas=3", "--namespace=todo"],
                [
                    "kubectl", "get", "deployment/todo-backend", "--namespace=todo",
                    "--output=jsonpath={.spec.replicas}",
                ],
                ["kubectl", "rollout", "status", "deployment/todo-backend", "--namespace=todo", "--timeout=180s"],
            ])
        #expect(plan.steps.map(\.mutating) == [true, false, false])
        #expect(plan.steps[0].validationArgv?.last == "--dry-run=server")
        #expect(plan.steps[1].expectation == .outputEquals("3"))
        #expect(plan.notes.contains { $0.contains("deployment/todo-backend in namespace todo") })
        #expect(plan.outcome.contains("from 1 to 3"))
    }

    @Test("relative scaling computes from the current count and guards it with --current-replicas")
    func relative() async throws {
        let up = try await plan(["name": "web-app", "direction": "up", "percent": 100])
        #expect(
            up.steps[0].argv == [
                "kubectl", "scale", "deployment/web-app", "--replicas=4", "--namespace=shop", "--current-replicas=2",
            ])
        let down = try await plan(["name": "web-service", "direction": "down", "percent": 50])
        #expect(down.steps[0].argv.contains("--replicas=2"), "3 down by 50% = 1.5, rounded to 2")
        #expect(down.notes.contains { $0.contains("1.5, rounded to 2") })
        let add = try await plan(["name": "backend", "direction": "up", "by": 2])
        #expect(add.steps[0].argv.contains("--replicas=3"))
        let remove = try await plan(["name": "mongo", "direction": "down", "by": 5])
        #expect(remove.steps[0].argv[2] == "statefulset/mongo")
        #expect(remove.steps[0].argv.contains("--replicas=0"), "never below zero")
    }

    @Test("scaling to the current count changes nothing and says so")
    func alreadyThere() async throws {
        let plan = try await plan(["name": "srvthreds-engine", "replicas": 3])
        #expect(plan.isReadOnly)
        #expect(plan.outcome.contains("already had 3 replicas"))
    }

    @Test("an ambiguous name lists the candidates, with their namespaces")
    func ambiguous() async throws {
        await #expect(
            throws: PlannerError.ambiguous(
                name: "web", candidates: [workload("web-app", "shop"), workload("web-service", "shop", replicas: 3)])
        ) {
            try await plan(["name": "web", "replicas": 1])
        }
    }

    @Test("a missing name is reported with the names that exist nearby")
    func missing() async throws {
        do {
            _ = try await plan(["name": "payments", "replicas": 1])
            Issue.record("planned a missing deployment")
        } catch {
            guard case .notFound(_, let name, _, let nearby) = error else {
                Issue.record("expected notFound, got \(error)")
                return
            }
            #expect(name == "payments")
            #expect(nearby.count == 3)
        }
    }

    @Test("the kind narrows the search: a statefulset is not a deployment")
    func kindNarrows() async throws {
        await #expect(throws: PlannerError.self) {
            try await self.plan(["name": "mongo", "kind": "deployment", "replicas": 1])
        }
        let statefulset = try await plan(["name": "mongo", "kind": "statefulset", "replicas": 2])
        #expect(statefulset.steps[0].argv[2] == "statefulset/mongo")
    }

    @Test("the same name in two namespaces: kubectl's default namespace wins, else it is ambiguous")
    func sameNameTwoNamespaces() async throws {
        let twice = FixedCluster(objects: [workload("api", "default"), workload("api", "staging")])
        let chosen = try await plan(["name": "api", "replicas": 1], cluster: twice)
        #expect(chosen.steps[0].argv.contains("--namespace=default"))
        let elsewhere = FixedCluster(objects: [workload("api", "prod"), workload("api", "staging")])
        await #expect(throws: PlannerError.self) {
            try await self.plan(["name": "api", "replicas": 1], cluster: elsewhere)
        }
    }

    @Test("-n and a namespace in the request that differ are refused")
    func namespaceConflict() async {
        await #expect(throws: PlannerError.namespaceConflict(flag: "todo", request: "shop")) {
            try await plan(["name": "web-app", "namespace": "shop", "replicas": 1], namespace: "todo")
        }
    }

    @Test("offline: names are literal, relative scaling is refused with the way out")
    func offline() async throws {
        let context = PlanningContext(
            namespace: nil, defaultNamespace: "team", kubeContext: "minikube", kubeconfig: "/k", cluster: nil)
        let planner = Planner(context: context)
        let plan = try await planner.plan(
            request: "r", intents: [UserIntent(action: "scale", slots: ["name": "backend", "replicas": 3])])
        #expect(
            plan.steps[0].argv == [
                "kubectl", "--kubeconfig=/k", "--context=minikube", "scale", "deployment/backend", "--replicas=3",
                "--namespace=team",
            ])
        await #expect(throws: PlannerError.self) {
            try await planner.plan(
                request: "r",
                intents: [UserIntent(action: "scale", slots: ["name": "backend", "direction": "up", "by": 1])])
        }
    }

    @Test(
        "out-of-range values are refused",
        arguments: [
            ["name": "backend", "direction": "down", "percent": 150] as [String: SlotValue],
            ["name": "backend", "replicas": 50_000],
            ["name": "backend", "direction": "up", "by": 0],
        ])
    func outOfRange(_ slots: [String: SlotValue]) async {
        await #expect(throws: PlannerError.self) { try await plan(slots) }
    }
}

@Suite("Name resolution")
struct NameResolverTests {
    let objects = [
        workload("todo-backend", "todo"), workload("todo-frontend", "todo"), workload("api-gateway", "edge"),
    ]

    @Test(
        "tiers: exact, whole words, part of a name, typo",
        arguments: [
            ("todo-backend", "todo-backend"), ("backend", "todo-backend"), ("front", "todo-frontend"),
            ("gateway", "api-gateway"), ("bakend", "todo-backend"), ("todo-frontnd", "todo-frontend"),
        ])
    func tiers(_ query: String, _ expected: String) {
        guard case .found(let found, _) = NameResolver().resolve(query, among: objects, preferredNamespace: nil) else {
            Issue.record("\(query) did not resolve")
            return
        }
        #expect(found.name == expected)
    }

    @Test("'todo' is both deployments: ambiguous")
    func ambiguous() {
        #expect(
            NameResolver().resolve("todo", among: objects, preferredNamespace: nil)
                == .ambiguous([objects[0], objects[1]]))
    }

    @Test("short or distant queries do not match anything")
    func noMatch() {
        guard case .notFound = NameResolver().resolve("db", among: objects, preferredNamespace: nil) else {
            Issue.record("'db' matched")
            return
        }
    }
}
