import Foundation
import Planner

extension KubectlCluster: ClusterSnapshotReader {
    /// The namespaced kinds one snapshot reads, in one `kubectl get`.
    public static let snapshotKinds = [
        "pods", "deployments", "replicasets", "statefulsets", "jobs", "services", "endpoints",
        "ingresses.networking.k8s.io", "persistentvolumeclaims", "horizontalpodautoscalers", "events",
    ]
    /// The cluster-scoped kinds, in a second one.
    static let clusterKinds = ["nodes", "storageclasses", "ingressclasses.networking.k8s.io"]
    /// At most this many `kubectl logs` calls per snapshot: one per failing workload.
    static let maximumLogReads = 6
    static let logLines = 20

    /// Three batched reads (namespaced objects as JSON; ConfigMap and Secret names only; cluster-scoped
    /// objects), then the logs of at most ``maximumLogReads`` failing containers, one per workload.
    public func snapshot(namespace: String) async throws(PlannerError) -> ClusterSnapshot {
        var commands: [[String]] = []
        let scope = "--namespace=\(namespace)"
        let main = kubectl(["get", Self.snapshotKinds.joined(separator: ","), scope, "--output=json"])
        commands.append(main)
        // Objects being deleted (old pods after a rollout) are on their way out: not problems.
        let objects = try await items(main, timeout: 60).filter { $0["metadata"]["deletionTimestamp"].isNull }
        let namesArgv = kubectl(["get", "configmaps,secrets", scope, "--output=name"])
        commands.append(namesArgv)
        var configMaps: Set<String> = []
        var secrets: Set<String> = []
        var namesRead = false
        if let result = try? await runner.run(namesArgv, timeoutSeconds: 30), result.error == nil {
            namesRead = true
            for line in result.stdout.split(separator: "\n") {
                let parts = line.split(separator: "/", maxSplits: 1).map(String.init)
                guard parts.count == 2 else { continue }
                if parts[0].hasPrefix("configmap") { configMaps.insert(parts[1]) } else { secrets.insert(parts[1]) }
            }
        }
        let clusterArgv = kubectl(["get", Self.clusterKinds.joined(separator: ","), "--output=json"])
        commands.append(clusterArgv)
        var clusterObjects: [JSONValue] = []
        var clusterRead = true
        do {
            clusterObjects = try await items(clusterArgv, timeout: 30)
        } catch {
            clusterRead = false
        }
        var snapshot = ClusterSnapshot(
            namespace: namespace, objects: objects + clusterObjects, secretNames: namesRead ? secrets : nil,
            configMapNames: namesRead ? configMaps : nil)
        snapshot.clusterScopedRead = clusterRead
        // The log reads run side by side: they are few, and each waits mostly on the API server.
        // Failing containers first; what the budget leaves reads running ones, whose recent errors are evidence too.
        let failing = Self.failingContainers(in: snapshot)
        let running = Self.runningContainers(in: snapshot, besides: failing.map(\.pod))
        let reads = (failing + running).prefix(Self.maximumLogReads).map { pod, container, previous in
            var argv = ["logs", "pod/\(pod)", "--container=\(container)", scope, "--tail=\(Self.logLines)"]
            if previous { argv.append("--previous") }
            return (key: ClusterSnapshot.logKey(pod: pod, container: container), argv: kubectl(argv))
        }
        commands += reads.map(\.argv)
        let runner = self.runner
        let logs = await withTaskGroup(of: (String, [String])?.self) { group in
            for read in reads {
                group.addTask {
                    guard let result = try? await runner.run(read.argv, timeoutSeconds: 20), result.error == nil else {
                        return nil
                    }
                    return (read.key, result.stdout.split(separator: "\n").map(String.init))
                }
            }
            var logs: [String: [String]] = [:]
            for await entry in group {
                if let (key, lines) = entry { logs[key] = lines }
            }
            return logs
        }
        snapshot.logs = logs
        // A log that says the API server refused a service account something: the namespace's Roles and their
        // bindings say what it may do (one more read, only then; a user who may not read them gets no such evidence).
        if logs.values.contains(where: { $0.contains(where: ClusterSnapshot.reportsRefusal) }) {
            let rbacArgv = kubectl([
                "get", "roles.rbac.authorization.k8s.io,rolebindings.rbac.authorization.k8s.io", scope, "--output=json",
            ])
            commands.append(rbacArgv)
            if let roles = try? await items(rbacArgv, timeout: 30) { snapshot.objects += roles }
        }
        snapshot.commands = commands
        return snapshot
    }

    /// The workload a pod belongs to, as "kind/name" ("pod/NAME" for a pod of its own): one log read each.
    static func ownerKey(of pod: JSONValue, in snapshot: ClusterSnapshot) -> String {
        snapshot.owner(ofPod: pod).map { "\($0.kind)/\($0.name)" } ?? "pod/\(pod.name)"
    }

    /// Containers worth reading logs of (crashing, OOM-killed, failed), one per owning workload.
    static func failingContainers(in snapshot: ClusterSnapshot) -> [(pod: String, container: String, previous: Bool)] {
        var owners: Set<String> = []
        var found: [(String, String, Bool)] = []
        for pod in snapshot.items("Pod") {
            let statuses = pod["status"]["initContainerStatuses"].array + pod["status"]["containerStatuses"].array
            for status in statuses {
                guard let container = status["name"].string else { continue }
                let waiting = status["state"]["waiting"]["reason"].string
                let terminated = status["state"]["terminated"]
                let failed =
                    waiting == "CrashLoopBackOff"
                    || (terminated["exitCode"].int.map { $0 != 0 } ?? false)
                    || status["lastState"]["terminated"]["reason"].string == "OOMKilled"
                guard failed else { continue }
                let owner = ownerKey(of: pod, in: snapshot)
                guard owners.insert(owner).inserted else { continue }
                let restarted = (status["restartCount"].int ?? 0) > 0 && terminated.isNull
                found.append((pod.name, container, restarted))
            }
        }
        return found
    }

    /// Running containers, one per owning workload (not those of `besides`' workloads): their recent log lines may
    /// say what is wrong while they run ("what's wrong with my pod" on a pod that is Running).
    static func runningContainers(in snapshot: ClusterSnapshot, besides pods: [String]) -> [(pod: String, container: String, previous: Bool)] {
        var owners = Set(pods.compactMap { snapshot.item("Pod", named: $0).map { ownerKey(of: $0, in: snapshot) } })
        var found: [(String, String, Bool)] = []
        for pod in snapshot.items("Pod") where pod["status"]["phase"].string == "Running" {
            guard let status = pod["status"]["containerStatuses"].array.first(where: { !$0["state"]["running"].isNull }),
                let container = status["name"].string
            else { continue }
            let owner = ownerKey(of: pod, in: snapshot)
            guard owners.insert(owner).inserted else { continue }
            found.append((pod.name, container, false))
        }
        return found
    }

    private func items(_ argv: [String], timeout: Int) async throws(PlannerError) -> [JSONValue] {
        let result = try await read(argv, timeout: timeout)
        do {
            return try JSONValue.parse(result.stdout)["items"].array
        } catch {
            throw .cluster(
                reason: "kubectl printed something that is not a list of objects: \(error)", command: result.command)
        }
    }
}
