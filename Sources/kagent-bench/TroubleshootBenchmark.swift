import Executors
import Foundation
import Planner

/// `kagent-bench troubleshoot [PODS] [FAILING]`: a namespace on the sandbox (or the cluster of
/// `KUBECONFIG`) with PODS pods of which FAILING fail in four ways (crash loop, OOM, image pull, missing
/// ConfigMap); then one troubleshooting read and analysis, counting kubectl calls and timing them.
enum TroubleshootBenchmark {
    /// Counts the commands run and the time spent in them.
    final class CountingRunner: CommandRunner, @unchecked Sendable {
        // @unchecked: the counters are only touched under `lock`.
        let inner = ProcessRunner()
        let lock = NSLock()
        var calls: [(argv: [String], start: Date, seconds: Double)] = []

        func run(_ argv: [String], input: String?, timeoutSeconds: Int, onOutput: (@Sendable (String) -> Void)?)
            async throws(ExecutorError) -> CommandResult
        {
            let start = Date()
            let result = try await inner.run(argv, input: input, timeoutSeconds: timeoutSeconds, onOutput: onOutput)
            let seconds = Date().timeIntervalSince(start)
            lock.withLock { calls.append((argv, start, seconds)) }
            return result
        }

        func runAttached(_ argv: [String]) async throws(ExecutorError) -> Int32 { try await inner.runAttached(argv) }
    }

    static func kubeconfig() -> String {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["KUBECONFIG"], !path.isEmpty { return path }
        let state = environment["XDG_STATE_HOME"] ?? ((environment["HOME"] ?? NSHomeDirectory()) + "/.local/state")
        return state + "/kagent/sandbox/kubeconfig"
    }

    static func manifest(healthy: Int, failing: Int) -> String {
        let share = failing / 4
        let kinds: [(String, Int, String, String, String)] = [
            ("bench-ok", healthy, "bench:1", "", ""),
            ("bench-crash", share, "bench:1", #""sandbox.kagent.dev/state": "CrashLoopBackOff""#, ""),
            (
                "bench-oom", share, "bench:1",
                #""sandbox.kagent.dev/state": "OOMKilled", "sandbox.kagent.dev/oom-below": "512Mi""#,
                ", resources: {limits: {memory: 128Mi}}"
            ),
            ("bench-pull", share, "bench:broken", "", ""),
            ("bench-config", failing - 3 * share, "bench:1", "", ", envFrom: [{configMapRef: {name: bench-missing}}]"),
        ]
        return kinds.map { name, replicas, image, annotations, container in
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: \(name)}
            spec:
              replicas: \(replicas)
              selector: {matchLabels: {app: \(name)}}
              template:
                metadata: {labels: {app: \(name)}, annotations: {\(annotations)}}
                spec:
                  containers: [{name: app, image: "\(image)"\(container)}]
            """
        }.joined(separator: "\n---\n")
    }

    static func run(pods: Int, failing: Int) async throws -> Int32 {
        let config = kubeconfig()
        let kubectl = ["kubectl", "--kubeconfig=\(config)"]
        let shell = ProcessRunner()
        let namespace = "kb-troubleshoot-\(UUID().uuidString.prefix(6).lowercased())"
        let file = FileManager.default.temporaryDirectory.appendingPathComponent("\(namespace).yaml")
        try manifest(healthy: pods - failing, failing: failing).write(to: file, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: file) }
        _ = try await shell.run(kubectl + ["create", "namespace", namespace])
        defer {
            let cleanup = Process()
            cleanup.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            cleanup.arguments = kubectl + ["delete", "namespace", namespace, "--wait=false"]
            cleanup.standardOutput = FileHandle.nullDevice
            try? cleanup.run()
            cleanup.waitUntilExit()
        }
        let applied = try await shell.run(
            kubectl + ["apply", "--namespace=\(namespace)", "-f", file.path], timeoutSeconds: 120)
        guard applied.succeeded else {
            print("kagent-bench: the manifest was refused: \(applied.stderr)")
            return 1
        }
        print("namespace \(namespace): \(pods) pods, \(failing) failing; waiting for the pods to show their state…")
        let started = Date()
        while Date().timeIntervalSince(started) < 300 {
            let result = try await shell.run(
                kubectl + [
                    "get", "pods", "--namespace=\(namespace)",
                    "--output=jsonpath={range .items[*]}{.status.containerStatuses[0].name}{\"\\n\"}{end}",
                ], timeoutSeconds: 60)
            let reported = result.stdout.split(separator: "\n").count
            if reported >= pods { break }
            try await Task.sleep(for: .seconds(3))
        }
        // Let the failing pods restart once, so the crash loops and OOM kills show.
        try await Task.sleep(for: .seconds(12))

        // Raw: the one big read alone, as a baseline.
        let rawStart = Date()
        _ = try await shell.run(
            kubectl + ["get", "pods,deployments,replicasets", "--namespace=\(namespace)", "--output=json"],
            timeoutSeconds: 120)
        let raw = Date().timeIntervalSince(rawStart)
        let mainRead = try await shell.run(
            kubectl + [
                "get", KubectlCluster.snapshotKinds.joined(separator: ","), "--namespace=\(namespace)", "--output=json",
            ], timeoutSeconds: 120)
        let parseStart = Date()
        let parsed = (try? JSONValue.parse(mainRead.stdout))?["items"].array.count ?? 0
        print(
            String(
                format: "parsing the main read (%d bytes, %d objects): %.4f s", mainRead.stdout.utf8.count, parsed,
                Date().timeIntervalSince(parseStart)))

        let runner = CountingRunner()
        let context = PlanningContext(kubeconfig: config, cluster: nil)
        let cluster = KubectlCluster(runner: runner, context: context)
        let start = Date()
        let snapshot = try await cluster.snapshot(namespace: namespace)
        let read = Date().timeIntervalSince(start)
        let analysisStart = Date()
        let findings = Analyzers.findings(in: snapshot, context: AnalysisContext(kubectl: { context.kubectl($0) }))
        let analysis = Date().timeIntervalSince(analysisStart)
        let total = Date().timeIntervalSince(start)
        // The time at least one kubectl ran (log reads run side by side).
        var inKubectl = 0.0
        var coveredUntil = Date.distantPast
        for call in runner.calls.sorted(by: { $0.start < $1.start }) {
            let end = call.start.addingTimeInterval(call.seconds)
            if end > coveredUntil {
                inKubectl += end.timeIntervalSince(max(call.start, coveredUntil))
                coveredUntil = end
            }
        }
        let own = total - inKubectl

        var byProblem: [String: Int] = [:]
        for finding in findings { byProblem[finding.problem, default: 0] += 1 }
        print("pods read: \(snapshot.items("Pod").count); objects read: \(snapshot.objects.count)")
        print("kubectl calls: \(runner.calls.count)")
        for call in runner.calls {
            print(String(format: "  %7.3f s  ", call.seconds) + ShellQuoting.command(Array(call.argv.dropFirst(2))))
        }
        print(String(format: "wall time: %.3f s (reading %.3f s, analysis %.4f s)", total, read, analysis))
        print(String(format: "time in kubectl: %.3f s; kagent's own share: %.1f%%", inKubectl, own / total * 100))
        print(
            String(
                format: "raw `kubectl get pods,deployments,replicasets -o json`: %.3f s; kagent total / raw: %.1f×",
                raw, total / raw))
        print(
            "findings: " + byProblem.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: ", "))
        return 0
    }
}
