import Intent
import Planner
import Testing

/// A cluster that answers both the name resolution reads and the troubleshooting snapshot from memory.
struct SnapshotCluster: ClusterReader, ClusterSnapshotReader {
    var objects: [ClusterObject]
    var snapshot: ClusterSnapshot

    func objects(kinds: [String], namespace: String?) async throws(PlannerError) -> [ClusterObject] {
        objects.filter {
            kinds.contains($0.kind) && (namespace == nil || $0.namespace == namespace || $0.namespace.isEmpty)
        }
    }

    func snapshot(namespace: String) async throws(PlannerError) -> ClusterSnapshot {
        var copy = snapshot
        copy.namespace = namespace
        return copy
    }
}

@Suite("Troubleshoot planning")
struct TroubleshootPlannerTests {
    /// Two deployments in "debug": `mem` OOM-killed (two pods, one fix), `web` healthy, and a service
    /// `web-svc` whose selector matches nothing.
    static func cluster() throws -> SnapshotCluster {
        func pod(_ name: String, owner: String, oom: Bool) -> String {
            let state =
                oom
                ? #"{"name":"app","ready":false,"restartCount":2,"state":{"waiting":{"reason":"CrashLoopBackOff"}},"lastState":{"terminated":{"exitCode":137,"reason":"OOMKilled"}}}"#
                : #"{"name":"app","ready":true,"restartCount":0,"state":{"running":{}}}"#
            return
                #"{"kind":"Pod","metadata":{"name":"\#(name)","labels":{"app":"\#(owner)"},"ownerReferences":[{"kind":"ReplicaSet","name":"\#(owner)-rs"}]},"spec":{"containers":[{"name":"app","image":"a","resources":{"limits":{"memory":"100Mi"}}}]},"status":{"phase":"Running","containerStatuses":[\#(state)]}}"#
        }
        let items = [
            pod("mem-1", owner: "mem", oom: true), pod("mem-2", owner: "mem", oom: true),
            pod("web-1", owner: "web", oom: false),
            #"{"kind":"ReplicaSet","metadata":{"name":"mem-rs","ownerReferences":[{"kind":"Deployment","name":"mem"}]}}"#,
            #"{"kind":"ReplicaSet","metadata":{"name":"web-rs","ownerReferences":[{"kind":"Deployment","name":"web"}]}}"#,
            #"{"kind":"Deployment","metadata":{"name":"web"},"spec":{"selector":{"matchLabels":{"app":"web"}}}}"#,
            #"{"kind":"Service","metadata":{"name":"web-svc"},"spec":{"selector":{"app":"wbe"}}}"#,
        ]
        let snapshot = ClusterSnapshot(
            namespace: "debug", objects: try JSONValue.parse("[" + items.joined(separator: ",") + "]").array,
            commands: [["kubectl", "get"], ["kubectl", "get"], ["kubectl", "get"]])
        return SnapshotCluster(
            objects: [
                ClusterObject(kind: "namespace", name: "debug", namespace: ""),
                ClusterObject(kind: "deployment", name: "mem", namespace: "debug"),
                ClusterObject(kind: "deployment", name: "web", namespace: "debug"),
                ClusterObject(kind: "service", name: "web-svc", namespace: "debug"),
            ], snapshot: snapshot)
    }

    func plan(_ slots: [String: SlotValue]) async throws -> ExecutionPlan {
        let context = PlanningContext(cluster: try Self.cluster())
        return try await Planner(context: context).plan(
            request: "test", intents: [UserIntent(action: "troubleshoot", slots: slots)])
    }

    @Test("a namespace: every finding, most severe first; the fixes are the steps, each once")
    func namespace() async throws {
        let plan = try await plan(["name": "debug"])
        #expect(plan.findings.map(\.problem) == ["OOMKilled", "OOMKilled", "ServiceNoEndpoints"])
        #expect(
            plan.steps.filter(\.mutating).map { $0.argv.joined(separator: " ") } == [
                "kubectl set resources deployment/mem --containers=app --limits=memory=200Mi --namespace=debug",
                "kubectl set selector service/web-svc app=web --namespace=debug",
            ])
        #expect(plan.notes.contains("read namespace debug with 3 kubectl calls; 3 problems found"))
        #expect(
            plan.outcome.hasPrefix("applied the fix for OOMKilled (pod/mem-1), ServiceNoEndpoints (service/web-svc)"))
    }

    @Test("a named workload: only its findings (its pods', and the service meant for it)")
    func target() async throws {
        let mem = try await plan(["name": "mem"])
        #expect(Set(mem.findings.map(\.problem)) == ["OOMKilled"])
        #expect(mem.subjects.map(\.reference) == ["deployment/mem"])
        let web = try await plan(["name": "web"])
        #expect(web.findings.map(\.problem) == ["ServiceNoEndpoints"])
    }

    @Test("nothing wrong: no steps, and the outcome says so")
    func healthy() async throws {
        var cluster = try Self.cluster()
        cluster.snapshot.objects = cluster.snapshot.objects.filter {
            $0["kind"].string != "Service" && !$0.name.hasPrefix("mem")
        }
        let context = PlanningContext(cluster: cluster)
        let plan = try await Planner(context: context).plan(
            request: "test", intents: [UserIntent(action: "troubleshoot", slots: ["name": "web"])])
        #expect(plan.findings.isEmpty && plan.steps.isEmpty)
        #expect(plan.outcome == "no problems found in deployment/web in debug")
    }

    @Test("fix requests offline are refused rather than guessed")
    func offlineFix() async throws {
        let context = PlanningContext(cluster: nil)
        await #expect(throws: PlannerError.self) {
            try await Planner(context: context).plan(
                request: "test", intents: [UserIntent(action: "troubleshoot", slots: ["name": "web", "fix": "true"])])
        }
    }
}
