import Executors
import Foundation
import TestSupport
import Testing

/// The looking actions and the literal-command pass-through, end to end: the real kagent binary, real kubectl,
/// the sandbox cluster. Each test shows that the output is the cluster's real objects.
@Suite("Look actions on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct LookTests {
    /// A deployment whose pods the kubelet simulator gives log lines (and earlier ones for --previous).
    static func deployLogger(
        _ name: String, namespace: String, image: String = "registry.example/logger:1.0", state: String = "Running"
    ) async throws {
        try await Sandbox.apply(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: \(name), labels: {app: \(name)}}
            spec:
              replicas: 1
              selector: {matchLabels: {app: \(name)}}
              template:
                metadata:
                  labels: {app: \(name)}
                  annotations:
                    sandbox.kagent.dev/logs: "logger started\\nserving on :8080"
                    sandbox.kagent.dev/previous-logs: "panic: the earlier container crashed"
                    sandbox.kagent.dev/state: \(state)
                    sandbox.kagent.dev/restarts: "2"
                spec: {containers: [{name: main, image: "\(image)"}]}
            """, namespace: namespace)
    }

    static func podNames(_ namespace: String) async throws -> [String] {
        try await Sandbox.kubectlOK(
            "get", "pods", "--namespace=\(namespace)", "--output=jsonpath={.items[*].metadata.name}"
        )
        .split(separator: " ").map(String.init)
    }

    @Test("questions get the command's output and a sentence made from it: replicas, images, the node")
    func answers() async throws {
        try await Sandbox.withNamespace("answer") { ns in
            try await Sandbox.deploy(["shopfront": 2], namespace: ns)
            let replicas = try await Kagent.onSandbox("-n", ns, "how many replicas does shopfront have?")
            #expect(replicas.exitCode == 0, "\(replicas.stdout)\(replicas.stderr)")
            #expect(replicas.stdout.contains("→ shopfront has 2 replicas; 2 are ready."), "\(replicas.stdout)")

            let image = try await Kagent.onSandbox("-n", ns, "--output", "json", "what image is shopfront running")
            let json = try Kagent.json(image)
            let results = try #require(json["results"] as? [[String: Any]], "\(image.stdout)")
            #expect(results.first?["answer"] as? String == "shopfront runs registry.example/shopfront:1.0.")

            // The node each pod runs on, as the cluster says (the simulated node here).
            let nodes = try await Sandbox.kubectlOK(
                "get", "pods", "--namespace=\(ns)", "--output=jsonpath={.items[*].spec.nodeName}")
            let node = try #require(nodes.split(separator: " ").first.map(String.init))
            let where_ = try await Kagent.onSandbox("-n", ns, "which node is shopfront running on")
            #expect(where_.exitCode == 0, "\(where_.stdout)\(where_.stderr)")
            #expect(where_.stdout.contains("runs on \(node)"), "\(where_.stdout)")

            // After a change the sentence says the new count: it is made from what the command printed.
            try await Sandbox.kubectlOK("scale", "deployment/shopfront", "--replicas=1", "--namespace=\(ns)")
            try await Sandbox.kubectlOK(
                "rollout", "status", "deployment/shopfront", "--namespace=\(ns)", "--timeout=120s", timeout: 130)
            let again = try await Kagent.onSandbox("-n", ns, "how many replicas does shopfront have?")
            #expect(again.stdout.contains("→ shopfront has 1 replica; 1 is ready."), "\(again.stdout)")
        }
    }

    @Test("pods by phase and by node: kubectl's field selectors list exactly the pods the cluster has so")
    func podsByPhaseAndNode() async throws {
        try await Sandbox.withNamespace("phase") { ns in
            try await Sandbox.deploy(["runner": 1], namespace: ns)
            // No node carries this label: the real scheduler keeps the pod Pending.
            try await Sandbox.apply(
                """
                apiVersion: v1
                kind: Pod
                metadata: {name: waiting}
                spec:
                  nodeSelector: {disk: none-has-this}
                  containers: [{name: app, image: registry.example/app:1}]
                """, namespace: ns)
            let pending = try await Kagent.onSandbox("-n", ns, "show pending pods")
            #expect(pending.exitCode == 0, "\(pending.stdout)\(pending.stderr)")
            #expect(pending.stdout.contains("--field-selector=status.phase=Pending"), "\(pending.stdout)")
            #expect(pending.stdout.contains("waiting") && !pending.stdout.contains("runner-"), "\(pending.stdout)")

            let running = try await Kagent.onSandbox("-n", ns, "show the pods that are in running state")
            #expect(running.stdout.contains("runner-") && !running.stdout.contains("waiting "), "\(running.stdout)")

            // The node the cluster put runner's pod on lists it; that node is found by its name.
            let node = try await Sandbox.kubectlOK(
                "get", "pods", "--namespace=\(ns)", "-l", "app=runner", "--output=jsonpath={.items[0].spec.nodeName}")
            let onNode = try await Kagent.onSandbox("list pods on node \(node)")
            #expect(onNode.exitCode == 0, "\(onNode.stdout)\(onNode.stderr)")
            #expect(onNode.stdout.contains("--all-namespaces --field-selector=spec.nodeName=\(node)"), "\(onNode.stdout)")
            #expect(onNode.stdout.contains("runner-"), "\(onNode.stdout)")
            #expect(!onNode.stdout.contains("waiting"), "a Pending pod is on no node: \(onNode.stdout)")
        }
    }

    @Test("the cluster's version is answered from kubectl version's server line, and api-resources lists real kinds")
    func versionAndKinds() async throws {
        try Sandbox.require()
        let server = try await Sandbox.kubectlOK("version", "--output=json")
        let data = try #require(server.data(using: .utf8))
        let json = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        let gitVersion = try #require((json["serverVersion"] as? [String: Any])?["gitVersion"] as? String)
        let result = try await Kagent.onSandbox("--output", "json", "which kubernetes version is the cluster running?")
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        let results = try #require(try Kagent.json(result)["results"] as? [[String: Any]], "\(result.stdout)")
        let answer = try #require(results.first?["answer"] as? String, "\(result.stdout)")
        #expect(answer.hasPrefix("The cluster runs Kubernetes \(gitVersion);"), "\(answer)")

        let kinds = try await Kagent.onSandbox("what resource types does the cluster have")
        #expect(kinds.exitCode == 0, "\(kinds.stdout)\(kinds.stderr)")
        for kind in ["deployments", "networkpolicies", "resourcequotas", "cronjobs"] {
            #expect(kinds.stdout.contains(kind), "\(kind) is served: \(kinds.stdout.prefix(400))")
        }
    }

    @Test("the kubeconfig's contexts are listed by kubectl, the current one marked, as kubectl config current-context says")
    func contexts() async throws {
        try Sandbox.require()
        let current = try await Sandbox.kubectlOK("config", "current-context")
            .trimmingCharacters(in: .whitespacesAndNewlines)
        let result = try await Kagent.onSandbox("could you list all the contexts I have?")
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains(" config get-contexts"), "\(result.stdout)")
        // kubectl's own table: the current context's row starts with its mark.
        let row = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
            .first { $0.split(separator: " ").contains(Substring(current)) }
        #expect(row?.hasPrefix("*") == true, "the current context \(current) is marked: \(result.stdout)")
    }

    @Test("pods sorted by age come oldest first, as the server's creation times say")
    func sortedByAge() async throws {
        try await Sandbox.withNamespace("sort") { ns in
            try await Sandbox.deploy(["older": 1], namespace: ns)
            try await Task.sleep(for: .seconds(1.5))
            try await Sandbox.deploy(["newer": 1], namespace: ns)
            let result = try await Kagent.onSandbox("-n", ns, "list the pods sorted by age")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("--sort-by=.metadata.creationTimestamp"), "\(result.stdout)")
            let lines = result.stdout.split(separator: "\n")
            let older = try #require(lines.firstIndex { $0.contains("older-") }, "\(result.stdout)")
            let newer = try #require(lines.firstIndex { $0.contains("newer-") }, "\(result.stdout)")
            #expect(older < newer, "the older pod is listed first: \(result.stdout)")
        }
    }

    @Test("get pods lists the pods of the namespace, and images shows what they run")
    func getPodsAndImages() async throws {
        try await Sandbox.withNamespace("get") { ns in
            try await Sandbox.deploy(["web-app": 1], namespace: ns)
            let pods = try await Self.podNames(ns)
            let pod = try #require(pods.first)
            let result = try await Kagent.onSandbox("-n", ns, "get pods")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("$ kubectl --kubeconfig=\(Sandbox.kubeconfig) get pods --namespace=\(ns)"))
            #expect(result.stdout.contains(pod), "the real pod \(pod) is listed: \(result.stdout)")
            #expect(result.stdout.contains("Running"), "\(result.stdout)")

            let images = try await Kagent.onSandbox("which images are running in \(ns)")
            #expect(images.exitCode == 0, "\(images.stdout)\(images.stderr)")
            #expect(images.stdout.contains("registry.example/web-app:1.0"), "\(images.stdout)")
            #expect(images.stdout.contains(pod))

            let one = try await Kagent.onSandbox("-n", ns, "status of web")
            #expect(one.exitCode == 0, "\(one.stdout)\(one.stderr)")
            #expect(one.stdout.contains("get deployment/web-app --namespace=\(ns)"), "\(one.stdout)")
            #expect(one.stdout.contains("1/1"), "READY 1/1: \(one.stdout)")
        }
    }

    @Test("describe resolves a loose name and shows the deployment")
    func describe() async throws {
        try await Sandbox.withNamespace("desc") { ns in
            try await Sandbox.deploy(["todo-backend": 2], namespace: ns)
            let result = try await Kagent.onSandbox("-n", ns, "describe the backend")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("describe deployment todo-backend --namespace=\(ns)"), "\(result.stdout)")
            #expect(result.stdout.contains("Name:") && result.stdout.contains("todo-backend"), "\(result.stdout)")
            #expect(result.stdout.contains("2 desired"), "kubectl's own description: \(result.stdout)")
        }
    }

    @Test("rollout status waits for the real rollout; rollout history lists the deployment's real revisions, one with --revision")
    func rolloutStatusAndHistory() async throws {
        try await Sandbox.withNamespace("rollout") { ns in
            try await Sandbox.deploy(["todo-backend": 1], namespace: ns)
            // A second revision: the pod template changes.
            try await Sandbox.kubectlOK(
                "set", "env", "deployment/todo-backend", "KAGENT_TEST=2", "--namespace=\(ns)")
            let status = try await Kagent.onSandbox("-n", ns, "is the rollout of the backend done yet?")
            #expect(status.exitCode == 0, "\(status.stdout)\(status.stderr)")
            #expect(
                status.stdout.contains("rollout status deployment/todo-backend --namespace=\(ns) --timeout=180s"),
                "\(status.stdout)")
            #expect(status.stdout.contains("successfully rolled out"), "kubectl's own words: \(status.stdout)")

            let history = try await Kagent.onSandbox("-n", ns, "rollout history of the backend")
            #expect(history.exitCode == 0, "\(history.stdout)\(history.stderr)")
            #expect(history.stdout.contains("REVISION"), "\(history.stdout)")
            let revisions = try await Sandbox.kubectlOK(
                "rollout", "history", "deployment/todo-backend", "--namespace=\(ns)")
            #expect(revisions.contains("2 "), "the cluster has two revisions: \(revisions)")
            for line in revisions.split(separator: "\n") where line.first?.isNumber == true {
                #expect(history.stdout.contains(String(line.prefix(2))), "revision \(line) is shown")
            }
            let one = try await Kagent.onSandbox("-n", ns, "show revision 2 in the history of the backend")
            #expect(one.exitCode == 0, "\(one.stdout)\(one.stderr)")
            #expect(one.stdout.contains("KAGENT_TEST"), "revision 2's template has the variable: \(one.stdout)")
            let missing = try await Kagent.onSandbox("-n", ns, "show revision 9 in the history of the backend")
            #expect(missing.exitCode != 0, "a revision the deployment lacks fails: \(missing.stdout)")
        }
    }

    @Test("logs shows the simulator's log lines, the previous container's with --previous, and the tail count")
    func logs() async throws {
        try await Sandbox.withNamespace("logs") { ns in
            try await Self.deployLogger("logger", namespace: ns)
            try await Sandbox.kubectlOK(
                "rollout", "status", "deployment/logger", "--namespace=\(ns)", "--timeout=120s", timeout: 130)
            let result = try await Kagent.onSandbox("-n", ns, "logs of the logger")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("logs deployment/logger --namespace=\(ns) --tail=100"), "\(result.stdout)")
            #expect(
                result.stdout.contains("logger started") && result.stdout.contains("serving on :8080"),
                "\(result.stdout)")

            let last = try await Kagent.onSandbox("-n", ns, "last 1 line of logs from logger")
            #expect(last.exitCode == 0, "\(last.stdout)\(last.stderr)")
            #expect(
                last.stdout.contains("serving on :8080") && !last.stdout.contains("logger started"), "\(last.stdout)")

            // A crashing container has a previous one whose logs --previous shows.
            try await Self.deployLogger("crasher", namespace: ns, state: "CrashLoopBackOff")
            var crashed = false
            for _ in 0..<30 where !crashed {
                let last = try await Sandbox.kubectlOK(
                    "get", "pods", "--namespace=\(ns)", "--selector=app=crasher",
                    "--output=jsonpath={.items[*].status.containerStatuses[*].lastState.terminated.containerID}")
                crashed = !last.isEmpty
                if !crashed { try await Task.sleep(for: .seconds(1)) }
            }
            try #require(crashed, "the simulator did not crash the container")
            let previous = try await Kagent.onSandbox("-n", ns, "show the logs of the crasher before it crashed")
            #expect(previous.exitCode == 0, "\(previous.stdout)\(previous.stderr)")
            #expect(previous.stdout.contains("--previous"), "\(previous.stdout)")
            #expect(previous.stdout.contains("panic: the earlier container crashed"), "\(previous.stdout)")

            let wrong = try await Kagent.onSandbox("-n", ns, "logs of logger container sidecar")
            #expect(wrong.exitCode == 1)
            #expect(
                wrong.stderr.contains("no container named 'sidecar'") && wrong.stderr.contains("main"),
                "\(wrong.stderr)")
        }
    }

    @Test("events --warnings shows the image pull failures of a broken pod, and only warnings")
    func warnings() async throws {
        try await Sandbox.withNamespace("warn") { ns in
            try await Self.deployLogger("broken", namespace: ns, image: "registry.example/broken:broken")
            // Wait for the simulator's warning events.
            var seen = false
            for _ in 0..<30 where !seen {
                let events = try await Sandbox.kubectlOK(
                    "get", "events", "--namespace=\(ns)", "--field-selector=type=Warning", "--output=name")
                seen = !events.isEmpty
                if !seen { try await Task.sleep(for: .seconds(1)) }
            }
            try #require(seen, "the simulator posted no warning event")
            let result = try await Kagent.onSandbox("events --warnings -n \(ns)")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            #expect(
                result.stdout.contains(
                    "get events --namespace=\(ns) --sort-by=.lastTimestamp --field-selector=type=Warning"),
                "\(result.stdout)")
            #expect(result.stdout.contains("Warning"), "\(result.stdout)")
            #expect(
                result.stdout.contains("ImagePullBackOff") || result.stdout.contains("ErrImagePull"), "\(result.stdout)"
            )
            #expect(!result.stdout.contains("Normal "), "only warnings: \(result.stdout)")
        }
    }

    @Test("top says the cluster has no metrics API and how to enable it")
    func topWithoutMetrics() async throws {
        try await Sandbox.withNamespace("top") { ns in
            let result = try await Kagent.onSandbox("top pods -n \(ns)")
            #expect(result.exitCode == 1, "\(result.stdout)\(result.stderr)")
            #expect(result.stdout.contains("top pods --namespace=\(ns)"), "\(result.stdout)")
            let output = result.stdout + result.stderr
            #expect(output.contains("no metrics API"), "\(output)")
            #expect(output.contains("minikube addons enable metrics-server"), "\(output)")
            #expect(output.contains("Metrics API not available"), "kubectl's own words: \(output)")
        }
    }

    @Test("cluster-info and where-am-I show the sandbox's address and context")
    func whereAmI() async throws {
        try Sandbox.require()
        let info = try await Kagent.onSandbox("cluster info")
        #expect(info.exitCode == 0, "\(info.stdout)\(info.stderr)")
        #expect(info.stdout.contains("https://127.0.0.1:6443"), "\(info.stdout)")
        let context = try await Sandbox.kubectlOK("config", "current-context").trimmingCharacters(
            in: .whitespacesAndNewlines)
        let whereami = try await Kagent.onSandbox("which context am i on")
        #expect(whereami.exitCode == 0, "\(whereami.stdout)\(whereami.stderr)")
        #expect(whereami.stdout.contains(context), "\(whereami.stdout)")
    }

    @Test("a literal kubectl command runs as typed, with -n put back as --namespace")
    func passthrough() async throws {
        try await Sandbox.withNamespace("pass") { ns in
            try await Sandbox.deploy(["web-app": 1], namespace: ns)
            let result = try await Kagent.onSandbox("--output", "json", "get deployments -n \(ns) --show-labels")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            let json = try Kagent.json(result)
            let steps = try #require(json["steps"] as? [[String: Any]])
            #expect(
                steps.first?["argv"] as? [String] == [
                    "kubectl", "--kubeconfig=\(Sandbox.kubeconfig)", "get", "deployments", "--show-labels",
                    "--namespace=\(ns)",
                ])
            #expect(steps.first?["mutating"] as? Bool == false)
            let results = try #require(json["results"] as? [[String: Any]])
            let output = try #require(results.first?["output"] as? String)
            #expect(output.contains("web-app") && output.contains("app=web-app"), "\(output)")

            let natural = try await Kagent.onSandbox("get pods -n \(ns)")
            #expect(natural.exitCode == 0, "\(natural.stdout)\(natural.stderr)")
            #expect(natural.stdout.contains("web-app-"), "\(natural.stdout)")
        }
    }

    @Test("a changing literal command is validated by the API server and never runs without confirmation")
    func passthroughChangeNeedsConfirmation() async throws {
        try await Sandbox.withNamespace("pdel") { ns in
            try await Sandbox.deploy(["web-app": 1], namespace: ns)
            let refused = try await Kagent.onSandbox("kubectl delete deployment web-app -n \(ns)")
            #expect(refused.exitCode == 4, "\(refused.stdout)\(refused.stderr)")
            #expect(refused.stdout.contains("the API server accepts the change"), "\(refused.stdout)")
            #expect(try await Sandbox.replicas("deployment/web-app", namespace: ns).spec == 1, "still there")

            let run = try await Kagent.onSandbox("--yes", "kubectl delete deployment web-app -n \(ns)")
            #expect(run.exitCode == 0, "\(run.stdout)\(run.stderr)")
            let after = try await Sandbox.kubectl("get", "deployment/web-app", "--namespace=\(ns)")
            #expect(!after.succeeded && after.stderr.contains("NotFound"), "\(after.stderr)")
        }
    }
}
