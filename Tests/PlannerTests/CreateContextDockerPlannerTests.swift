import Intent
import Planner
import Testing

/// The project as a fixed list of compose files: the planner's ProjectReader protocol, answered from memory.
struct FixedProject: ProjectReader {
    var files: [ComposeFile]
    func composeFiles() throws(PlannerError) -> [ComposeFile] { files }
}

@Suite("Create, context, exec and docker planning")
struct CreateContextDockerPlannerTests {
    let cluster = FixedCluster(objects: [
        ClusterObject(kind: "namespace", name: "todo", namespace: ""),
        ClusterObject(kind: "namespace", name: "srvthreds", namespace: ""),
        ClusterObject(kind: "secret", name: "db-creds", namespace: "todo"),
        workload("todo-backend", "todo", replicas: 1),
        workload("idle", "todo", replicas: 0),
        ClusterObject(
            kind: "service", name: "todo-backend", namespace: "todo",
            ports: [.init(name: "http", port: 8000, targetPort: "http")]),
        ClusterObject(
            kind: "service", name: "gateway", namespace: "todo",
            ports: [
                .init(name: "http", port: 80, targetPort: "8080"), .init(name: "https", port: 443, targetPort: "8443"),
            ]),
    ])
    let project = FixedProject(files: [
        ComposeFile(
            path: "app/docker-compose.yml",
            services: [.init(name: "web", image: "app/web:dev"), .init(name: "db", image: "postgres:16-alpine")]),
        ComposeFile(
            path: "infra/compose-db.yml", name: "infra-db",
            services: [.init(name: "mongo", image: "mongo:7.0"), .init(name: "cache", image: "bitnami/redis:7")]),
    ])

    func plan(
        _ action: String, _ slots: [String: SlotValue], offline: Bool = false, namespace: String? = nil,
        contexts: PlanningContext.KubeconfigContexts? = nil
    ) async throws(PlannerError) -> ExecutionPlan {
        let context = PlanningContext(
            namespace: namespace, kubeconfig: "/tmp/kc", cluster: offline ? nil : cluster, project: project,
            kubeconfigContexts: contexts)
        return try await Planner(context: context).plan(
            request: "test", intents: [UserIntent(action: action, slots: slots)])
    }

    @Test("a secret's values are only on standard input: never in argv, validation, summaries, notes or outcome")
    func secretValuesStayOut() async throws {
        let plan = try await plan(
            "create_secret",
            ["name": "api-key", "namespace": "todo", "data": .secret(["token=t0ps3cret", "user=bob"])])
        let create = try #require(plan.steps.first)
        #expect(create.input?.data == "token=t0ps3cret\nuser=bob\n")
        #expect(create.validationArgv?.suffix(1) == ["--dry-run=server"])
        let shown =
            plan.steps.flatMap { $0.argv + ($0.validationArgv ?? []) + [$0.summary, $0.input?.description ?? ""] }
            + plan.notes + [plan.outcome]
        for text in shown {
            #expect(!text.contains("t0ps3cret") && !text.contains("bob"), "a value leaked into: \(text)")
        }
        #expect(plan.steps[1].expectation == .outputEquals("token user"))
    }

    @Test("an existing secret or namespace is refused instead of overwritten")
    func existing() async {
        await #expect(throws: PlannerError.self) {
            try await plan("create_secret", ["name": "db-creds", "namespace": "todo", "data": .secret(["a=b"])])
        }
        await #expect(throws: PlannerError.self) { try await plan("create_namespace", ["name": "todo"]) }
        // Offline nothing can be checked: the plan is made, and the server dry run checks it.
        let offline = try? await plan("create_namespace", ["name": "todo"], offline: true)
        #expect(offline?.steps.first?.argv == ["kubectl", "--kubeconfig=/tmp/kc", "create", "namespace", "todo"])
    }

    @Test("use namespace sets the session namespace with no steps; an unknown one lists those that exist")
    func useNamespace() async throws {
        let plan = try await plan("use_namespace", ["namespace": "srvthreds"])
        #expect(plan.steps.isEmpty && plan.sessionNamespace == "srvthreds")
        do {
            _ = try await self.plan("use_namespace", ["namespace": "stagin"])
            Issue.record("an unknown namespace was accepted")
        } catch {
            #expect(error.localizedDescription.contains("srvthreds") && error.localizedDescription.contains("todo"))
        }
    }

    @Test("use context checks the kubeconfig's contexts and edits only the kubeconfig")
    func useContext() async throws {
        let contexts = PlanningContext.KubeconfigContexts(names: ["a", "b"], current: "a")
        let plan = try await plan("use_context", ["context": "b"], contexts: contexts)
        #expect(
            plan.steps.map(\.argv) == [
                ["kubectl", "--kubeconfig=/tmp/kc", "config", "use-context", "b"],
                ["kubectl", "--kubeconfig=/tmp/kc", "config", "current-context"],
            ])
        #expect(plan.steps[1].expectation == .outputEquals("b"))
        do {
            _ = try await self.plan("use_context", ["context": "c"], contexts: contexts)
            Issue.record("an unknown context was accepted")
        } catch {
            #expect(error.localizedDescription.contains("contexts: a, b"))
        }
    }

    @Test("port-forward with one port takes the service's port; several ports must be chosen")
    func portForward() async throws {
        let plan = try await plan("port_forward", ["name": "backend", "ports": "9000"])
        #expect(
            plan.steps.first?.argv.suffix(4) == [
                "port-forward", "service/todo-backend", "9000:8000", "--namespace=todo",
            ])
        #expect(plan.steps.first?.attached == true && plan.steps.first?.mutating == false)
        do {
            _ = try await self.plan("port_forward", ["name": "gateway", "ports": "9000"])
            Issue.record("a service with two ports was forwarded to a guessed one")
        } catch {
            #expect(error.localizedDescription.contains("80 (http), 443 (https)"))
        }
    }

    @Test("exec: a command is captured and changing; a shell is attached with -it; no pods is an error")
    func exec() async throws {
        let command = try await plan("exec", ["name": "backend", "command": .list(["ls", "-la"])])
        #expect(
            command.steps.first?.argv.suffix(6) == [
                "exec", "deployment/todo-backend", "--namespace=todo", "--", "ls", "-la",
            ])
        #expect(command.steps.first?.mutating == true && command.steps.first?.attached == false)
        let shell = try await plan("exec", ["name": "backend", "shell": "sh"])
        #expect(
            shell.steps.first?.argv.suffix(6) == [
                "exec", "-it", "deployment/todo-backend", "--namespace=todo", "--", "sh",
            ])
        #expect(shell.steps.first?.attached == true)
        await #expect(throws: PlannerError.self) { try await plan("exec", ["name": "idle", "shell": "sh"]) }
    }

    @Test("compose: databases are found by image, narrowed by a path word, and ambiguity is refused")
    func compose() async throws {
        #expect(project.files[1].databaseServices.map(\.name) == ["mongo", "cache"])
        let infra = try await plan("compose_up", ["group": "databases", "project": "infra"])
        #expect(
            infra.steps.map(\.argv) == [
                ["docker", "compose", "--file", "infra/compose-db.yml", "up", "--detach", "--wait"]
            ])
        let app = try await plan("compose_down", ["group": "databases", "project": "app"])
        #expect(app.steps.map(\.argv) == [["docker", "compose", "--file", "app/docker-compose.yml", "stop", "db"]])
        let postgres = try await plan("compose_logs", ["services": .list(["postgres"]), "lines": 5])
        #expect(
            postgres.steps.first?.argv == [
                "docker", "compose", "--file", "app/docker-compose.yml", "logs", "--tail=5", "db",
            ])
        await #expect(throws: PlannerError.self) { try await plan("compose_up", ["group": "databases"]) }
        await #expect(throws: PlannerError.self) { try await plan("compose_down", [:]) }
        let ps = try await plan("compose_ps", [:])
        #expect(ps.steps.count == 2 && ps.isReadOnly)
    }

    @Test("a model's objects: created in the namespace said; one the model put elsewhere is refused, not chosen")
    func modelObjects() async throws {
        let configMap = #"{"apiVersion":"v1","data":{"MODE":"fast"},"kind":"ConfigMap","metadata":{"name":"flags","namespace":"todo"}}"#
        let made = try await plan(ModelObjects.action, [ModelObjects.slot: .list([configMap])], namespace: "todo")
        #expect(made.steps.first?.argv == ["kubectl", "--kubeconfig=/tmp/kc", "create", "--filename=-", "--namespace=todo"])
        #expect(made.notes.contains { $0.contains("written by the model") })
        #expect(made.steps.first?.validationArgv?.last == "--dry-run=server")
        await #expect(throws: PlannerError.self) {
            try await plan(ModelObjects.action, [ModelObjects.slot: .list([configMap])], namespace: "srvthreds")
        }
    }
}
