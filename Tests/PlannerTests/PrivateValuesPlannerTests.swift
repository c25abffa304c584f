import Foundation
import Intent
import Planner
import Testing

/// A project with one helm chart (the todo app's backend), from memory.
struct ChartProject: ProjectReader {
    func composeFiles() throws(PlannerError) -> [ComposeFile] { [] }
    func inventory() throws(PlannerError) -> ProjectInventory {
        ProjectInventory(charts: [
            HelmChart(
                path: "helm/backend", name: "todo-backend",
                valuesFiles: ["helm/backend/values-dev.yaml", "helm/backend/values-prod.yaml"])
        ])
    }
}

@Suite("Helm's secret values: a private values file, never the command line")
struct PrivateValuesPlannerTests {
    func plan(_ set: [String]) async throws(PlannerError) -> ExecutionPlan {
        let context = PlanningContext(namespace: "todo", kubeconfig: "/tmp/kc", cluster: nil, project: ChartProject())
        return try await Planner(context: context).plan(
            request: "test",
            intents: [UserIntent(action: "deploy", slots: ["target": "backend", "values": "prod", "set": .list(set)])])
    }

    @Test("a secret --set goes to the private file; helm's argv and its dry run show only the placeholder")
    func secretSetValue() async throws {
        let plan = try await plan(["replicaCount=2", "db.passwd=hunter2", "api.token=t0k"])
        let helm = try #require(plan.steps.first)
        let values = try #require(helm.privateValues)
        #expect(values.pairs == ["db.passwd=hunter2", "api.token=t0k"])
        #expect(helm.argv.contains("--values=<private file with 2 secret values>"))
        #expect(helm.argv.contains("--set=replicaCount=2"))
        #expect(helm.validationArgv?.contains("--values=<private file with 2 secret values>") == true)
        let shown =
            plan.steps.flatMap { $0.argv + ($0.validationArgv ?? []) + [$0.summary] } + plan.notes + [plan.outcome]
        for text in shown {
            #expect(!text.contains("hunter2") && !text.contains("t0k"), "a value leaked into: \(text)")
        }
        let json = String(decoding: try JSONEncoder().encode(plan.steps), as: UTF8.self)
        #expect(!json.contains("hunter2") && json.contains("<private file with 2 secret values>"), "\(json)")
        #expect(plan.notes.contains { $0.contains("db.passwd, api.token go to helm in a private values file") })
    }

    @Test("without a secret value there is no private file and --set stays as it was")
    func ordinarySet() async throws {
        let plan = try await plan(["replicaCount=2"])
        #expect(plan.steps.first?.privateValues == nil)
        #expect(plan.steps.first?.argv.contains { $0.hasPrefix("--values=<") } == false)
        #expect(plan.steps.first?.argv.contains("--set=replicaCount=2") == true)
    }

    @Test("secret keys that cannot make one values file are refused with the way to do it")
    func conflicting() async {
        await #expect(throws: PlannerError.self) { try await plan(["db.password=a", "db.password.x=b"]) }
        do {
            _ = try await plan(["db.password=a", "db.password.x=b"])
        } catch {
            #expect(error.localizedDescription.contains("values file kept out of the repository"))
        }
    }

    @Test("the values file: nested maps from dotted keys, every key and value a quoted string")
    func yaml() throws {
        let values = try PrivateValues(pairs: [
            "db.passwd=hun\"ter\\2", "db.user.token=007", "apiKey=a: b # c", "db.passwd=later",
        ])
        #expect(
            values.yaml() == """
                "db":
                  "passwd": "later"
                  "user":
                    "token": "007"
                "apiKey": "a: b # c"

                """)
        let escaped = try PrivateValues(pairs: ["k.password=a\"b\\c\nd\u{1}"])
        #expect(escaped.yaml() == "\"k\":\n  \"password\": \"a\\\"b\\\\c\\nd\\u0001\"\n")
        #expect(values.argument == "--values=<private file with 4 secret values>")
        #expect(PrivateValues.isPlaceholder(values.argument))
        #expect(
            values.substituting(path: "/tmp/x/values.yaml", in: ["helm", values.argument])
                == ["helm", "--values=/tmp/x/values.yaml"])
    }
}
