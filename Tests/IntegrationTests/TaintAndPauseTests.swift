import Executors
import Foundation
import TestSupport
import Testing

/// `taint`, `untaint`, `pause_rollout` and `resume_rollout` end to end: the real kagent binary, real kubectl, the
/// sandbox cluster. Each test owns what it changes (a Node object of its own, or a namespace of its own) and an undo
/// journal of its own, and checks the cluster with kubectl, not only kagent's words.
@Suite("Taints and paused rollouts on the sandbox", .enabled(if: Sandbox.enabled))
struct TaintAndPauseTests {
    /// kagent against the sandbox with a state folder (undo journal, history) of the test's own.
    struct Session {
        let state: TemporaryFolder

        init() throws { state = try TemporaryFolder() }

        func run(_ arguments: String...) async throws -> CommandResult {
            try await Kagent.run(
                ["--kubeconfig", Sandbox.kubeconfig] + arguments, environment: ["XDG_STATE_HOME": state.path])
        }
    }

    static func ok(_ result: CommandResult, _ request: String) {
        #expect(result.exitCode == 0, "\(request): \(result.stdout)\(result.stderr)")
    }

    /// The node's taints as `KEY[=VALUE]:EFFECT`, sorted.
    static func taints(of node: String) async throws -> [String] {
        let out = try await Sandbox.kubectlOK(
            "get", "node/\(node)",
            #"--output=jsonpath={range .spec.taints[*]}{.key}{"="}{.value}{":"}{.effect}{"\n"}{end}"#)
        return out.split(separator: "\n").map { $0.replacingOccurrences(of: "=:", with: ":") }.sorted()
    }

    static func paused(_ namespace: String) async throws -> String {
        try await Sandbox.kubectlOK(
            "get", "deployment/api", "--namespace=\(namespace)", "--output=jsonpath={.spec.paused}")
    }

    @Test(
        "taint adds the taint (NoSchedule unless said), refuses one the node has, untaint removes every effect of a key, and undo puts them back with their values"
    )
    func taintAndUntaint() async throws {
        try Sandbox.require()
        // A Node object of the test's own (no kubelet behind it): tainting the sandbox's real node would keep other
        // suites' pods off it. Its own taint keeps anything from being scheduled on it meanwhile.
        let node = "kt-taint-\(UUID().uuidString.prefix(6).lowercased())"
        try await Sandbox.apply(
            """
            apiVersion: v1
            kind: Node
            metadata: {name: \(node), labels: {kagent.dev/test: taints}}
            spec:
              taints: [{key: kagent.dev/test, value: taints, effect: NoSchedule}]
            """, namespace: "default")
        let own = "kagent.dev/test=taints:NoSchedule"
        let kagent = try Session()
        do {
            let added = try await kagent.run("--yes", "taint \(node) with dedicated=gpu")
            Self.ok(added, "taint")
            #expect(added.stdout.contains("no effect said"), "the default effect is said: \(added.stdout)")
            #expect(added.stdout.contains("taint node \(node) dedicated=gpu:NoSchedule"), "\(added.stdout)")
            #expect(try await Self.taints(of: node) == ["dedicated=gpu:NoSchedule", own])

            let again = try await kagent.run("--yes", "taint \(node) with dedicated=gpu:NoSchedule")
            #expect(again.exitCode != 0)
            #expect(again.stderr.contains("already has this taint; nothing to do"), "\(again.stderr)")
            let otherValue = try await kagent.run("--yes", "taint node \(node) dedicated=db:noschedule")
            #expect(otherValue.exitCode != 0)
            #expect(otherValue.stderr.contains("with the value 'gpu'"), "\(otherValue.stderr)")
            #expect(try await Self.taints(of: node) == ["dedicated=gpu:NoSchedule", own], "a refusal changes nothing")

            Self.ok(try await kagent.run("--yes", "kubectl taint nodes \(node) dedicated=gpu:NoExecute"), "NoExecute")
            #expect(
                try await Self.taints(of: node) == ["dedicated=gpu:NoExecute", "dedicated=gpu:NoSchedule", own])

            let removed = try await kagent.run("--yes", "untaint \(node) dedicated")
            Self.ok(removed, "untaint")
            #expect(removed.stdout.contains("each of them is removed"), "\(removed.stdout)")
            #expect(try await Self.taints(of: node) == [own], "only the key said is removed")

            let missing = try await kagent.run("--yes", "untaint \(node) dedicated")
            #expect(missing.exitCode != 0)
            #expect(missing.stderr.contains("has no such taint; its taints: \(own)"), "\(missing.stderr)")

            let undone = try await kagent.run("--yes", "undo")
            Self.ok(undone, "undo")
            #expect(
                try await Self.taints(of: node) == ["dedicated=gpu:NoExecute", "dedicated=gpu:NoSchedule", own],
                "undo puts back both taints with the value read while planning")

            let byMeaning = try await kagent.run("--yes", "take the dedicated taint off node \(node)")
            Self.ok(byMeaning, "untaint by meaning")
            #expect(try await Self.taints(of: node) == [own])
        } catch {
            _ = try? await Sandbox.kubectl("delete", "node", node, "--wait=false")
            throw error
        }
        _ = try? await Sandbox.kubectl("delete", "node", node, "--wait=false")
    }

    @Test(
        "pause sets spec.paused (validated by a server dry run first) and holds back a new image; resume rolls it out; a second pause or resume is refused; undo pauses again"
    )
    func pauseAndResume() async throws {
        try await Sandbox.withNamespace("pause") { ns in
            try await Sandbox.deploy(["api": 1], namespace: ns)
            let kagent = try Session()

            let preview = try await kagent.run("-n", ns, "--dry-run", "pause the rollout of api")
            Self.ok(preview, "pause --dry-run")
            #expect(preview.stdout.contains("rollout pause deployment/api --namespace=\(ns)"), "\(preview.stdout)")
            #expect(preview.stdout.contains("the API server accepts the change"), "validated: \(preview.stdout)")
            #expect(try await Self.paused(ns) == "", "a dry run changes nothing")

            Self.ok(try await kagent.run("-n", ns, "--yes", "pause the rollout of api"), "pause")
            #expect(try await Self.paused(ns) == "true")
            let twice = try await kagent.run("-n", ns, "--yes", "hold the api deployment's rollout")
            #expect(twice.exitCode != 0)
            #expect(twice.stderr.contains("is paused already; nothing to do"), "\(twice.stderr)")

            // A change made while paused waits: no new ReplicaSet is made for it.
            try await Sandbox.kubectlOK(
                "set", "image", "deployment/api", "api=registry.example/api:2.0", "--namespace=\(ns)")
            try await Task.sleep(for: .seconds(2))
            let before = try await Sandbox.kubectlOK("get", "replicasets", "--namespace=\(ns)", "--output=name")
            #expect(before.split(separator: "\n").count == 1, "paused: \(before)")

            let resumed = try await kagent.run("--yes", "unpause api in \(ns)")
            Self.ok(resumed, "resume")
            #expect(resumed.stdout.contains("rollout status deployment/api"), "\(resumed.stdout)")
            #expect(try await Self.paused(ns) == "")
            let after = try await Sandbox.kubectlOK("get", "replicasets", "--namespace=\(ns)", "--output=name")
            #expect(after.split(separator: "\n").count == 2, "resumed, the new image rolled out: \(after)")
            #expect(try await Sandbox.replicas("deployment/api", namespace: ns).ready == 1)

            let notPaused = try await kagent.run("-n", ns, "--yes", "resume rollout of api")
            #expect(notPaused.exitCode != 0)
            #expect(notPaused.stderr.contains("is not paused; nothing to do"), "\(notPaused.stderr)")

            Self.ok(try await kagent.run("--yes", "undo"), "undo")
            #expect(try await Self.paused(ns) == "true", "undoing the resume pauses the rollout again")
        }
    }
}
