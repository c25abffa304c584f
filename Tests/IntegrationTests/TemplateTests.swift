import Executors
import Foundation
import TestSupport
import Testing

/// Objects made from templates (service accounts, roles, bindings, quotas, limit ranges, jobs, cron jobs) on the
/// sandbox: the real binary and kubectl; each test owns its namespace and checks the cluster itself, including what
/// the objects do (the API server's authorisation and admission), and that undo deletes what was created.
@Suite("Templates on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct TemplateTests {
    typealias Session = SandboxSession

    static func canI(_ verb: String, _ resource: String, as user: String, in namespace: String) async throws -> String {
        let result = try await Sandbox.kubectl(
            "auth", "can-i", verb, resource, "--as=\(user)", "--namespace=\(namespace)")
        return result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    @Test("a service account, a role that reads pods and its binding give exactly that access; undo takes it away")
    func access() async throws {
        try await Sandbox.withNamespace("rbac") { ns in
            let kagent = try Session(namespace: ns)
            let user = "system:serviceaccount:\(ns):ci-runner"
            #expect(try await Self.canI("list", "pods", as: user, in: ns) == "no", "no access before")

            let made = try await kagent.run("--yes", "create service account ci-runner")
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            #expect(made.stdout.contains("kind: ServiceAccount"), "the manifest is shown: \(made.stdout)")
            let account = try await Sandbox.kubectlOK(
                "get", "serviceaccount/ci-runner", "--namespace=\(ns)", "--output=jsonpath={.metadata.name}")
            #expect(account == "ci-runner")

            let role = try await kagent.run("--yes", "create a role pod-watcher that can read pods")
            #expect(role.exitCode == 0, "\(role.stdout)\(role.stderr)")
            #expect(role.stdout.contains("the API server accepts the change"), "validated first: \(role.stdout)")
            let verbs = try await Sandbox.kubectlOK(
                "get", "role/pod-watcher", "--namespace=\(ns)", "--output=jsonpath={.rules[0].verbs}")
            #expect(verbs.contains("list") && !verbs.contains("delete"), "\(verbs)")

            let bound = try await kagent.run("--yes", "bind role pod-watcher to service account ci-runner")
            #expect(bound.exitCode == 0, "\(bound.stdout)\(bound.stderr)")
            #expect(try await Self.canI("list", "pods", as: user, in: ns) == "yes", "the binding grants the role")
            #expect(try await Self.canI("delete", "pods", as: user, in: ns) == "no", "and nothing more")
            #expect(try await Self.canI("list", "secrets", as: user, in: ns) == "no", "and nothing more")

            let undone = try await kagent.run("--yes", "undo")
            #expect(undone.exitCode == 0, "\(undone.stdout)\(undone.stderr)")
            #expect(try await Self.canI("list", "pods", as: user, in: ns) == "no", "undo deleted the binding")
            let gone = try await Sandbox.kubectl("get", "rolebinding/ci-runner-pod-watcher", "--namespace=\(ns)")
            #expect(!gone.succeeded && gone.stderr.contains("NotFound"), "\(gone.stderr)")
        }
    }

    @Test("access said kind by kind: reading pods and managing deployments gives exactly that, not managing pods")
    func accessKindByKind() async throws {
        try await Sandbox.withNamespace("rbackinds") { ns in
            let kagent = try Session(namespace: ns)
            let user = "system:serviceaccount:\(ns):ops-bot"
            let made = try await kagent.run(
                "--yes", "create a role app-ops that can read pods and manage deployments")
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            #expect(made.stdout.contains("it may read pods; manage deployments"), "\(made.stdout)")
            _ = try await Sandbox.kubectlOK("create", "serviceaccount", "ops-bot", "--namespace=\(ns)")
            let bound = try await kagent.run("--yes", "bind role app-ops to service account ops-bot")
            #expect(bound.exitCode == 0, "\(bound.stdout)\(bound.stderr)")
            #expect(try await Self.canI("list", "pods", as: user, in: ns) == "yes")
            #expect(try await Self.canI("delete", "pods", as: user, in: ns) == "no", "pods are only read")
            #expect(try await Self.canI("delete", "deployments.apps", as: user, in: ns) == "yes", "deployments managed")
            #expect(try await Self.canI("list", "secrets", as: user, in: ns) == "no", "and nothing more")
        }
    }

    @Test("one binding for several subjects: both service accounts get the role, nobody else")
    func severalSubjects() async throws {
        try await Sandbox.withNamespace("rbacmany") { ns in
            let kagent = try Session(namespace: ns)
            let bound = try await kagent.run("--yes", "give service accounts ci-bot and deployer view access")
            #expect(bound.exitCode == 0, "\(bound.stdout)\(bound.stderr)")
            let subjects = try await Sandbox.kubectlOK(
                "get", "rolebinding/view-binding", "--namespace=\(ns)", "--output=jsonpath={.subjects[*].name}")
            #expect(subjects == "ci-bot deployer", "\(subjects)")
            for account in ["ci-bot", "deployer"] {
                #expect(
                    try await Self.canI("list", "pods", as: "system:serviceaccount:\(ns):\(account)", in: ns) == "yes")
            }
            #expect(try await Self.canI("list", "pods", as: "system:serviceaccount:\(ns):other", in: ns) == "no")
        }
    }

    @Test("the built-in edit access for a user, and a second binding of the same name is refused before anything runs")
    func builtInAccess() async throws {
        try await Sandbox.withNamespace("edit") { ns in
            let kagent = try Session(namespace: ns)
            let user = "dana-\(ns)"
            let given = try await kagent.run("--yes", "give user \(user) edit access")
            #expect(given.exitCode == 0, "\(given.stdout)\(given.stderr)")
            #expect(try await Self.canI("create", "deployments", as: user, in: ns) == "yes")
            #expect(try await Self.canI("create", "roles", as: user, in: ns) == "no", "edit is not admin")
            #expect(try await Self.canI("list", "pods", as: user, in: "default") == "no", "only in its namespace")

            let again = try await kagent.run("--yes", "give user \(user) edit access")
            #expect(again.exitCode == 1)
            #expect(again.stderr.contains("already exists"), "\(again.stderr)")

            let narrow = try await kagent.run("--yes", "give user \(user) read access to secrets")
            #expect(narrow.exitCode == 1, "a binding never stands for access to some kinds: \(narrow.stdout)")
            #expect(!narrow.stdout.contains("$ kubectl"), "nothing planned")
        }
    }

    @Test("a quota caps pods for real, and a limit range gives new containers its default memory limit")
    func limits() async throws {
        try await Sandbox.withNamespace("quota") { ns in
            let kagent = try Session(namespace: ns)
            let quota = try await kagent.run("--yes", "create a quota of 1 pods")
            #expect(quota.exitCode == 0, "\(quota.stdout)\(quota.stderr)")
            #expect(try await Sandbox.kubectlOK(
                "get", "resourcequota/quota", "--namespace=\(ns)", "--output=jsonpath={.spec.hard.pods}") == "1")
            let range = try await kagent.run(
                "--yes", "containers in \(ns) get a default memory limit of 96Mi and memory request 64Mi")
            #expect(range.exitCode == 0, "\(range.stdout)\(range.stderr)")

            // Admission applies both: the first pod gets the defaults, the second is over the quota.
            _ = try await Sandbox.kubectlOK(
                "run", "first", "--image=busybox:1.36", "--restart=Never", "--namespace=\(ns)", "--", "sleep", "5")
            let limit = try await Sandbox.kubectlOK(
                "get", "pod/first", "--namespace=\(ns)",
                "--output=jsonpath={.spec.containers[0].resources.limits.memory} {.spec.containers[0].resources.requests.memory}")
            #expect(limit == "96Mi 64Mi", "the limit range's defaults: \(limit)")
            let second = try await Sandbox.kubectl(
                "run", "second", "--image=busybox:1.36", "--restart=Never", "--namespace=\(ns)", "--", "sleep", "5")
            #expect(!second.succeeded && second.stderr.contains("exceeded quota"), "\(second.stderr)")
        }
    }

    @Test("a job runs to completion before the outcome is reported; a cron job gets the cluster's API version and schedule")
    func batch() async throws {
        try await Sandbox.withNamespace("batch") { ns in
            let kagent = try Session(namespace: ns)
            let job = try await kagent.run("--yes", "create a job greet with image busybox:1.36 -- echo hello world")
            #expect(job.exitCode == 0, "\(job.stdout)\(job.stderr)")
            #expect(job.stdout.contains("ran echo hello world to completion"), "\(job.stdout)")
            #expect(try await Sandbox.kubectlOK(
                "get", "job/greet", "--namespace=\(ns)", "--output=jsonpath={.status.succeeded}") == "1")
            let command = try await Sandbox.kubectlOK(
                "get", "job/greet", "--namespace=\(ns)", "--output=jsonpath={.spec.template.spec.containers[0].command}")
            #expect(command.contains("hello"), "every word after -- is the command's: \(command)")

            let dryRun = try await kagent.run(
                "--dry-run", "--output", "json", "create a cronjob tick with image busybox:1.36 every 10 minutes running date")
            #expect(dryRun.exitCode == 0, "\(dryRun.stdout)\(dryRun.stderr)")
            let planned = try Kagent.json(dryRun)
            let steps = try #require(planned["steps"] as? [[String: Any]])
            let manifest = try #require(steps.first?["stdin"] as? String, "the manifest is in the JSON contract")
            #expect(manifest.contains("schedule: \"*/10 * * * *\""), "\(manifest)")
            // The sandbox is Kubernetes 1.20: CronJob is served in batch/v1beta1 only.
            #expect(manifest.contains("apiVersion: batch/v1beta1"), "\(manifest)")

            let cron = try await kagent.run("--yes", "create a cronjob tick with image busybox:1.36 every 10 minutes running date")
            #expect(cron.exitCode == 0, "\(cron.stdout)\(cron.stderr)")
            #expect(try await Sandbox.kubectlOK(
                "get", "cronjob/tick", "--namespace=\(ns)", "--output=jsonpath={.spec.schedule}") == "*/10 * * * *")
        }
    }

    @Test("several operations in one request are one plan, in order; what goes in the namespace it creates is checked once it exists")
    func severalInOne() async throws {
        try Sandbox.require()
        let name = "kt-multi-\(UUID().uuidString.prefix(6).lowercased())"
        defer { Task { _ = try? await Sandbox.kubectl("delete", "namespace", name, "--wait=false") } }
        let user = "ops-\(name)"
        let result = try await Kagent.onSandbox(
            "--yes",
            "create namespace \(name), then create a quota of 3 pods there and give user \(user) edit access in it")
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("does not exist yet (this plan creates it)"), "\(result.stdout)")
        #expect(try await Sandbox.kubectlOK(
            "get", "resourcequota/quota", "--namespace=\(name)", "--output=jsonpath={.spec.hard.pods}") == "3")
        #expect(try await Self.canI("create", "deployments", as: user, in: name) == "yes")
        #expect(try await Self.canI("create", "deployments", as: user, in: "default") == "no")
    }
}
