import Executors
import Foundation
import Planner
import Testing

/// The snapshot read against a scripted kubectl: how many calls, and what they are.
@Suite("Troubleshooting reads")
struct SnapshotReadTests {
    /// Answers kubectl like a namespace with `pods` pods in `workloads` crash-looping deployments.
    final class ScriptedKubectl: CommandRunner, @unchecked Sendable {
        // @unchecked: `calls` is only touched under `lock`.
        let lock = NSLock()
        var calls: [[String]] = []
        let listing: String

        init(pods: Int, workloads: Int) {
            var items: [String] = []
            for index in 0..<pods {
                let workload = "w\(index % workloads)"
                items.append(
                    #"{"kind":"Pod","metadata":{"name":"\#(workload)-\#(index)","ownerReferences":[{"kind":"ReplicaSet","name":"\#(workload)-rs"}]},"#
                        + #""spec":{"containers":[{"name":"app","image":"a"}]},"status":{"phase":"Running","containerStatuses":[{"name":"app","ready":false,"restartCount":2,"state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":1}}}]}}"#
                )
            }
            for index in 0..<workloads {
                items.append(
                    #"{"kind":"ReplicaSet","metadata":{"name":"w\#(index)-rs","ownerReferences":[{"kind":"Deployment","name":"w\#(index)"}]}}"#
                )
            }
            listing = #"{"kind":"List","items":[\#(items.joined(separator: ","))]}"#
        }

        func run(_ argv: [String], input: String?, timeoutSeconds: Int, onOutput: (@Sendable (String) -> Void)?)
            async throws(ExecutorError) -> CommandResult
        {
            lock.withLock { calls.append(argv) }
            let stdout: String
            if argv.contains("logs") {
                stdout = "boom\n"
            } else if argv.contains("--output=name") {
                stdout = "configmap/kube-root-ca.crt\nsecret/default-token\n"
            } else if argv.contains(where: { $0.hasPrefix("pods,") }) {
                stdout = listing
            } else {
                stdout = #"{"kind":"List","items":[]}"#
            }
            return CommandResult(argv: argv, exitCode: 0, stdout: stdout, stderr: "", seconds: 0)
        }

        func runAttached(_ argv: [String]) async throws(ExecutorError) -> Int32 { 0 }
    }

    @Test(
        "three batched reads and one log read per failing workload (at most six), whatever the pod count",
        arguments: [(10, 2), (500, 2), (500, 40)])
    func boundedCalls(pods: Int, workloads: Int) async throws {
        let kubectl = ScriptedKubectl(pods: pods, workloads: workloads)
        let cluster = KubectlCluster(runner: kubectl, context: PlanningContext(cluster: nil))
        let snapshot = try await cluster.snapshot(namespace: "shop")
        #expect(snapshot.items("Pod").count == pods)
        let logReads = kubectl.calls.filter { $0.contains("logs") }
        #expect(kubectl.calls.count == 3 + min(workloads, 6))
        #expect(logReads.count == min(workloads, 6))
        #expect(
            logReads.allSatisfy {
                $0.contains("--previous") && $0.contains("--namespace=shop") && $0.contains("--tail=20")
            })
        #expect(snapshot.configMapNames == ["kube-root-ca.crt"])
        #expect(snapshot.secretNames == ["default-token"])
        #expect(snapshot.commands.count == kubectl.calls.count)
        let findings = Analyzers.findings(in: snapshot, context: AnalysisContext())
        #expect(findings.filter { $0.problem == "CrashLoopBackOff" }.count == pods)
    }
}
