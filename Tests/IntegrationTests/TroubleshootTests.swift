import Executors
import Foundation
import TestSupport
import Testing

/// Troubleshooting end to end: failures made for real on the sandbox (or by the kubelet simulator's pod
/// annotations), found by the real kagent binary with their evidence, and fixed where a safe fix exists.
@Suite("Troubleshooting on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct TroubleshootTests {
    /// A one-deployment manifest; `annotations` go on the pod template (the simulator's controls).
    static func deployment(
        _ name: String, image: String = "app:1", annotations: [String: String] = [:], container: String = "",
        podSpec: String = ""
    ) -> String {
        let notes = annotations.map { "\"\($0.key)\": \"\($0.value)\"" }.joined(separator: ", ")
        return """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: \(name)}
            spec:
              replicas: 1
              selector: {matchLabels: {app: \(name)}}
              template:
                metadata:
                  labels: {app: \(name)}
                  annotations: {\(notes)}
                spec:
                  \(podSpec)
                  containers:
                  - {name: \(name), image: "\(image)"\(container)}
            """
    }

    /// The findings of a request (planned with --dry-run --output json), polled until one has `problem`
    /// (the simulator and controllers take a few seconds to show a failure), or the last ones seen.
    static func findings(_ request: String, namespace: String, until problem: String?, seconds: Int = 60)
        async throws -> [[String: Any]]
    {
        var last: [[String: Any]] = []
        for _ in 0..<(seconds / 3) {
            let result = try await Kagent.onSandbox("-n", namespace, "--dry-run", "--output", "json", request)
            let json = try Kagent.json(result)
            last = try #require(
                json["findings"] as? [[String: Any]], "no findings key: \(result.stdout)\(result.stderr)")
            guard let problem else { return last }
            if last.contains(where: { $0["problem"] as? String == problem }) { return last }
            try await Task.sleep(for: .seconds(3))
        }
        return last
    }

    /// The finding with `problem`, with its evidence lines joined.
    static func finding(_ problem: String, in findings: [[String: Any]]) throws -> (
        json: [String: Any], evidence: String
    ) {
        let found = try #require(
            findings.first { $0["problem"] as? String == problem },
            "no \(problem) among \(findings.map { $0["problem"] ?? "" })")
        return (found, ((found["evidence"] as? [String]) ?? []).joined(separator: "\n"))
    }

    /// Polls a kubectl jsonpath until it equals `expected`.
    static func eventually(_ expected: String, _ arguments: String..., seconds: Int = 60) async throws -> String {
        var value = ""
        for _ in 0..<(seconds / 2) {
            let result = try await ProcessRunner(searchPath: Sandbox.searchPath).run(
                ["kubectl", "--kubeconfig=\(Sandbox.kubeconfig)"] + arguments, timeoutSeconds: 30)
            value = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if value == expected { return value }
            try await Task.sleep(for: .seconds(2))
        }
        return value
    }

    @Test("a healthy namespace gives no findings")
    func healthy() async throws {
        try await Sandbox.withNamespace("ts-ok") { ns in
            try await Sandbox.deploy(["todo-backend": 2, "todo-frontend": 1], namespace: ns)
            try await Sandbox.apply(
                "apiVersion: v1\nkind: Service\nmetadata: {name: todo-backend}\nspec:\n  selector: {app: todo-backend}\n  ports: [{port: 80}]",
                namespace: ns)
            _ = try await Sandbox.kubectlOK(
                "rollout", "status", "deployment/todo-backend", "--namespace=\(ns)", "--timeout=60s")
            let found = try await Self.findings("what's wrong", namespace: ns, until: nil)
            #expect(found.isEmpty, "\(found)")
            let text = try await Kagent.onSandbox("-n", ns, "troubleshoot the backend")
            #expect(text.exitCode == 0)
            #expect(text.stdout.contains("no problems found in deployment/todo-backend in \(ns)"), "\(text.stdout)")
        }
    }

    @Test("CrashLoopBackOff: the exit code and the last lines logged before the restart")
    func crashLoop() async throws {
        try await Sandbox.withNamespace("ts-crash") { ns in
            try await Sandbox.apply(
                Self.deployment(
                    "api",
                    annotations: [
                        "sandbox.kagent.dev/state": "CrashLoopBackOff", "sandbox.kagent.dev/exit-code": "3",
                        "sandbox.kagent.dev/previous-logs":
                            "MongoServerSelectionError: connect ECONNREFUSED 10.0.0.9:27017",
                    ]), namespace: ns)
            let found = try await Self.findings(
                "why are the api pods crashing", namespace: ns, until: "CrashLoopBackOff")
            let crash = try Self.finding("CrashLoopBackOff", in: found)
            #expect(crash.evidence.contains("last exit code 3"), "\(crash.evidence)")
            #expect(
                crash.evidence.contains("log: MongoServerSelectionError: connect ECONNREFUSED"), "\(crash.evidence)")
            #expect(
                (crash.json["explanation"] as? String)?.contains("cannot connect to 10.0.0.9:27017") == true,
                "\(crash.json)")
            #expect(crash.json["fix"] is NSNull)
            let checks = (crash.json["check"] as? [[String: Any]] ?? []).compactMap { $0["argv"] as? [String] }
            #expect(checks.contains { $0.contains("--previous") && $0.contains("--namespace=\(ns)") })
            // "fix" with no safe fix runs nothing and says so.
            let fix = try await Kagent.onSandbox("-n", ns, "--yes", "the api keeps crashing, please fix it")
            #expect(fix.exitCode == 0, "\(fix.stdout)\(fix.stderr)")
            #expect(fix.stdout.contains("no safe automatic fix: nothing changed"), "\(fix.stdout)")
        }
    }

    @Test("OOMKilled: the limit as evidence; the fix raises it and the pods run")
    func oomKilled() async throws {
        try await Sandbox.withNamespace("ts-oom") { ns in
            try await Sandbox.apply(
                Self.deployment(
                    "mem",
                    annotations: ["sandbox.kagent.dev/state": "OOMKilled", "sandbox.kagent.dev/oom-below": "512Mi"],
                    container: ", resources: {limits: {memory: 256Mi}}"), namespace: ns)
            let found = try await Self.findings("troubleshoot mem", namespace: ns, until: "OOMKilled")
            let oom = try Self.finding("OOMKilled", in: found)
            #expect(oom.evidence.contains("memory limit: 256Mi"), "\(oom.evidence)")
            let fix = try await Kagent.onSandbox("-n", ns, "--yes", "fix the mem deployment")
            #expect(fix.exitCode == 0, "\(fix.stdout)\(fix.stderr)")
            #expect(fix.stdout.contains("re-checked: OOMKilled on pod/"), "\(fix.stdout)")
            let limit = try await Sandbox.kubectlOK(
                "get", "deployment/mem", "--namespace=\(ns)",
                "--output=jsonpath={.spec.template.spec.containers[0].resources.limits.memory}")
            #expect(limit == "512Mi")
            let ready = try await Self.eventually(
                "1", "get", "deployment/mem", "--namespace=\(ns)", "--output=jsonpath={.status.readyReplicas}")
            #expect(ready == "1")
            #expect(try await Self.findings("troubleshoot mem", namespace: ns, until: nil).isEmpty)
        }
    }

    @Test("ImagePullBackOff after a working revision: the fix rolls back and the deployment is available")
    func imagePullRollback() async throws {
        try await Sandbox.withNamespace("ts-pull") { ns in
            try await Sandbox.apply(Self.deployment("web", image: "web:1"), namespace: ns)
            _ = try await Sandbox.kubectlOK("rollout", "status", "deployment/web", "--namespace=\(ns)", "--timeout=60s")
            _ = try await Sandbox.kubectlOK("set", "image", "deployment/web", "web=web:broken", "--namespace=\(ns)")
            let found = try await Self.findings("troubleshoot web", namespace: ns, until: "ImagePullBackOff")
            let pull = try Self.finding("ImagePullBackOff", in: found)
            #expect(pull.evidence.contains("image: web:broken"), "\(pull.evidence)")
            let steps = (pull.json["fix"] as? [String: Any])?["steps"] as? [[String: Any]] ?? []
            #expect(
                steps.first?["argv"] as? [String] == [
                    "kubectl", "--kubeconfig=\(Sandbox.kubeconfig)", "rollout", "undo", "deployment/web",
                    "--to-revision=1",
                    "--namespace=\(ns)",
                ])
            let fix = try await Kagent.onSandbox("-n", ns, "--yes", "fix the error in the deployment web")
            #expect(fix.exitCode == 0, "\(fix.stdout)\(fix.stderr)")
            let image = try await Sandbox.kubectlOK(
                "get", "deployment/web", "--namespace=\(ns)",
                "--output=jsonpath={.spec.template.spec.containers[0].image}")
            #expect(image == "web:1")
            let available = try await Self.eventually(
                "1", "get", "deployment/web", "--namespace=\(ns)", "--output=jsonpath={.status.availableReplicas}")
            #expect(available == "1")
        }
    }

    @Test("ErrImagePull from the simulator is reported with the image")
    func errImagePull() async throws {
        try await Sandbox.withNamespace("ts-err") { ns in
            try await Sandbox.apply(
                Self.deployment("calc", image: "calc:dev", annotations: ["sandbox.kagent.dev/state": "ErrImagePull"]),
                namespace: ns)
            let found = try await Self.findings("what's wrong with calc", namespace: ns, until: "ErrImagePull")
            let pull = try Self.finding("ErrImagePull", in: found)
            #expect(pull.evidence.contains("image: calc:dev"))
        }
    }

    @Test("CreateContainerConfigError: the missing ConfigMap named; the fix creates it from the values given")
    func missingConfigMap() async throws {
        try await Sandbox.withNamespace("ts-cfg") { ns in
            try await Sandbox.apply(
                Self.deployment("app", container: ", envFrom: [{configMapRef: {name: app-config}}]"), namespace: ns)
            let found = try await Self.findings("troubleshoot app", namespace: ns, until: "CreateContainerConfigError")
            let config = try Self.finding("CreateContainerConfigError", in: found)
            #expect(config.evidence.contains("configmap app-config does not exist in \(ns)"), "\(config.evidence)")
            let fix = try await Kagent.onSandbox(
                "-n", ns, "--yes", "fix the problem with app with DB_HOST=db PORT=5432")
            #expect(fix.exitCode == 0, "\(fix.stdout)\(fix.stderr)")
            let data = try await Sandbox.kubectlOK(
                "get", "configmap/app-config", "--namespace=\(ns)", "--output=jsonpath={.data.DB_HOST},{.data.PORT}")
            #expect(data == "db,5432")
            let ready = try await Self.eventually(
                "1", "get", "deployment/app", "--namespace=\(ns)", "--output=jsonpath={.status.readyReplicas}")
            #expect(ready == "1")
        }
    }

    @Test("Unschedulable: the scheduler's message and the node selector")
    func unschedulable() async throws {
        try await Sandbox.withNamespace("ts-sched") { ns in
            try await Sandbox.apply(Self.deployment("big", podSpec: "nodeSelector: {disk: nvme-only}"), namespace: ns)
            let found = try await Self.findings("why is my pod pending", namespace: ns, until: "Unschedulable")
            let pending = try Self.finding("Unschedulable", in: found)
            #expect(pending.evidence.contains("nodeSelector: disk=nvme-only"), "\(pending.evidence)")
            #expect(pending.evidence.contains("scheduler: 0/"), "\(pending.evidence)")
            #expect(pending.evidence.contains("no node has the label disk=nvme-only"), "\(pending.evidence)")
        }
    }

    @Test("a service with no endpoints because its pods ask for a node label no node has: the label is the evidence")
    func serviceOnUnplacedPods() async throws {
        try await Sandbox.withNamespace("ts-unplaced") { ns in
            try await Sandbox.apply(Self.deployment("gpu-api", podSpec: "nodeSelector: {gpu: \"true\"}"), namespace: ns)
            try await Sandbox.apply(
                """
                apiVersion: v1
                kind: Service
                metadata: {name: gpu-api}
                spec: {selector: {app: gpu-api}, ports: [{port: 80}]}
                """, namespace: ns)
            // The real scheduler keeps the pod Pending: no node of the sandbox carries gpu=true.
            let nodes = try await Sandbox.kubectlOK("get", "nodes", "--selector=gpu=true", "--output=name")
            #expect(nodes.isEmpty, "no node has the label: \(nodes)")
            let found = try await Self.findings(
                "why does the gpu-api service have no endpoints", namespace: ns, until: "ServiceNotReady")
            let service = try Self.finding("ServiceNotReady", in: found)
            #expect(
                service.evidence.contains("its pods are not scheduled: no node has the label gpu=true"),
                "\(service.evidence)")
            let endpoints = try await Sandbox.kubectlOK(
                "get", "endpoints", "gpu-api", "--namespace=\(ns)", "--output=jsonpath={.subsets}")
            #expect(endpoints.isEmpty, "the service really has no endpoints: \(endpoints)")
        }
    }

    @Test("PVCPending: a StorageClass that does not exist, and the classes that do")
    func pvcPending() async throws {
        try await Sandbox.withNamespace("ts-pvc") { ns in
            try await Sandbox.apply(
                """
                apiVersion: v1
                kind: PersistentVolumeClaim
                metadata: {name: data}
                spec: {storageClassName: no-such-class, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                """, namespace: ns)
            let found = try await Self.findings("what's wrong", namespace: ns, until: "PVCPending")
            let claim = try Self.finding("PVCPending", in: found)
            #expect(claim.evidence.contains("storageClassName no-such-class does not exist"), "\(claim.evidence)")
            #expect(claim.json["resource"] as? String == "persistentvolumeclaim/data")
        }
    }

    @Test("ProbeFailure: the failing probe's events")
    func probeFailure() async throws {
        try await Sandbox.withNamespace("ts-probe") { ns in
            try await Sandbox.apply(
                Self.deployment(
                    "probe", annotations: ["sandbox.kagent.dev/state": "ProbeFailure"],
                    container: ", readinessProbe: {httpGet: {path: /ready, port: 8080}}"), namespace: ns)
            let found = try await Self.findings("troubleshoot probe", namespace: ns, until: "ProbeFailure")
            let probe = try Self.finding("ProbeFailure", in: found)
            #expect(probe.evidence.contains("readinessProbe: GET /ready on port 8080"), "\(probe.evidence)")
        }
    }

    @Test("ServiceNoEndpoints: the selector and the real labels; the fix points it there and endpoints appear")
    func serviceSelector() async throws {
        try await Sandbox.withNamespace("ts-svc") { ns in
            try await Sandbox.apply(
                Self.deployment("web")
                    + "\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web-svc}\nspec:\n  selector: {app: wbe}\n  ports: [{port: 80}]",
                namespace: ns)
            let found = try await Self.findings(
                "why can't I reach the web-svc service", namespace: ns, until: "ServiceNoEndpoints")
            let service = try Self.finding("ServiceNoEndpoints", in: found)
            #expect(service.evidence.contains("selector app=wbe matches no pod"), "\(service.evidence)")
            #expect(service.evidence.contains("labels that exist: app=web"), "\(service.evidence)")
            let fix = try await Kagent.onSandbox("-n", ns, "--yes", "fix why web-svc has no endpoints")
            #expect(fix.exitCode == 0, "\(fix.stdout)\(fix.stderr)")
            let selector = try await Sandbox.kubectlOK(
                "get", "service/web-svc", "--namespace=\(ns)", "--output=jsonpath={.spec.selector.app}")
            #expect(selector == "web")
            var addresses = ""
            for _ in 0..<20 {
                addresses = try await Sandbox.kubectlOK(
                    "get", "endpoints/web-svc", "--namespace=\(ns)", "--output=jsonpath={.subsets[*].addresses[*].ip}")
                if !addresses.isEmpty { break }
                try await Task.sleep(for: .seconds(2))
            }
            #expect(!addresses.isEmpty, "web-svc has no endpoints after the fix")
        }
    }

    @Test("ServiceNotReady: a service whose pods fail their readiness probe")
    func serviceNotReady() async throws {
        try await Sandbox.withNamespace("ts-nready") { ns in
            try await Sandbox.apply(
                Self.deployment(
                    "web", annotations: ["sandbox.kagent.dev/state": "ProbeFailure"],
                    container: ", readinessProbe: {httpGet: {path: /ready, port: 80}}")
                    + "\n---\napiVersion: v1\nkind: Service\nmetadata: {name: web}\nspec:\n  selector: {app: web}\n  ports: [{port: 80}]",
                namespace: ns)
            let found = try await Self.findings("troubleshoot service web", namespace: ns, until: "ServiceNotReady")
            let service = try Self.finding("ServiceNotReady", in: found)
            #expect(service.evidence.contains("ready endpoints: 0"), "\(service.evidence)")
        }
    }

    @Test("Ingress: a missing backend, class and TLS secret")
    func ingress() async throws {
        try await Sandbox.withNamespace("ts-ing") { ns in
            try await Sandbox.apply(
                """
                apiVersion: networking.k8s.io/v1
                kind: Ingress
                metadata: {name: shop}
                spec:
                  ingressClassName: no-such-class
                  tls: [{hosts: [shop.example], secretName: shop-tls}]
                  rules:
                  - host: shop.example
                    http:
                      paths:
                      - {path: /, pathType: Prefix, backend: {service: {name: shop-web, port: {number: 80}}}}
                """, namespace: ns)
            let found = try await Self.findings(
                "troubleshoot ingress shop", namespace: ns, until: "IngressBackendMissing")
            #expect(try Self.finding("IngressBackendMissing", in: found).evidence.contains("shop-web does not exist"))
            #expect(try Self.finding("IngressClassMissing", in: found).evidence.contains("no-such-class"))
            #expect(try Self.finding("IngressTLSSecretMissing", in: found).evidence.contains("shop-tls"))
        }
    }

    @Test("RolloutStuck: a rollout past its progress deadline")
    func rolloutStuck() async throws {
        try await Sandbox.withNamespace("ts-stuck") { ns in
            try await Sandbox.apply(
                Self.deployment("slow", image: "slow:broken").replacingOccurrences(
                    of: "  replicas: 1\n", with: "  replicas: 1\n  progressDeadlineSeconds: 5\n"), namespace: ns)
            let found = try await Self.findings("troubleshoot slow", namespace: ns, until: "RolloutStuck", seconds: 90)
            let stuck = try Self.finding("RolloutStuck", in: found)
            #expect(stuck.evidence.contains("progressing"), "\(stuck.evidence)")
            #expect(
                found.contains {
                    $0["problem"] as? String == "ImagePullBackOff" || $0["problem"] as? String == "ErrImagePull"
                })
        }
    }

    @Test("Evicted: an evicted pod (its status written as the kubelet does); the fix deletes the leftover")
    func evicted() async throws {
        try await Sandbox.withNamespace("ts-evict") { ns in
            try await Sandbox.kubectlOK("run", "evicted-pod", "--image=app:1", "--restart=Never", "--namespace=\(ns)")
            _ = try await Self.eventually(
                "Running", "get", "pod/evicted-pod", "--namespace=\(ns)", "--output=jsonpath={.status.phase}")
            try await Sandbox.kubectlOK(
                "patch", "pod/evicted-pod", "--namespace=\(ns)", "--subresource=status", "--type=merge", "-p",
                #"{"status":{"phase":"Failed","reason":"Evicted","message":"The node was low on resource: memory."}}"#)
            let found = try await Self.findings("what's wrong", namespace: ns, until: "Evicted")
            let evicted = try Self.finding("Evicted", in: found)
            #expect(evicted.evidence.contains("low on resource: memory"), "\(evicted.evidence)")
            let fix = try await Kagent.onSandbox("-n", ns, "--yes", "fix evicted-pod")
            #expect(fix.exitCode == 0, "\(fix.stdout)\(fix.stderr)")
            let left = try await Sandbox.kubectl("get", "pod/evicted-pod", "--namespace=\(ns)")
            #expect(!left.succeeded, "the evicted pod is still there")
        }
    }

    @Test("JobFailed: a job past its backoff limit, with the exit code")
    func jobFailed() async throws {
        try await Sandbox.withNamespace("ts-job") { ns in
            try await Sandbox.apply(
                """
                apiVersion: batch/v1
                kind: Job
                metadata: {name: migrate}
                spec:
                  backoffLimit: 0
                  template:
                    metadata:
                      annotations: {sandbox.kagent.dev/state: Failed, sandbox.kagent.dev/exit-code: "2"}
                    spec:
                      restartPolicy: Never
                      containers: [{name: migrate, image: "migrate:1"}]
                """, namespace: ns)
            let found = try await Self.findings(
                "troubleshoot job migrate", namespace: ns, until: "JobFailed", seconds: 90)
            let job = try Self.finding("JobFailed", in: found)
            #expect(job.evidence.contains("exit code 2"), "\(job.evidence)")
        }
    }

    @Test("HPAMissingRequests: an autoscaler on containers without CPU requests")
    func hpaRequests() async throws {
        try await Sandbox.withNamespace("ts-hpa") { ns in
            try await Sandbox.apply(Self.deployment("api"), namespace: ns)
            _ = try await Sandbox.kubectlOK(
                "autoscale", "deployment/api", "--min=1", "--max=3", "--cpu-percent=80", "--namespace=\(ns)")
            let found = try await Self.findings("what's wrong", namespace: ns, until: "HPAMissingRequests")
            let hpa = try Self.finding("HPAMissingRequests", in: found)
            #expect(hpa.evidence.contains("container api requests no cpu"), "\(hpa.evidence)")
        }
    }

    @Test("scoped by a name or a label: only that target's findings")
    func scoped() async throws {
        try await Sandbox.withNamespace("ts-scope") { ns in
            try await Sandbox.apply(
                Self.deployment("one", annotations: ["sandbox.kagent.dev/state": "CrashLoopBackOff"]) + "\n---\n"
                    + Self.deployment("two", image: "two:broken"), namespace: ns)
            _ = try await Self.findings("what's wrong", namespace: ns, until: "ImagePullBackOff")
            let all = try await Self.findings("what's wrong", namespace: ns, until: "CrashLoopBackOff")
            let problems = Set(all.compactMap { $0["problem"] as? String })
            #expect(problems.contains("CrashLoopBackOff") && problems.contains { $0.contains("Image") }, "\(problems)")
            let byName = try await Self.findings("troubleshoot one", namespace: ns, until: "CrashLoopBackOff")
            #expect(byName.map { $0["problem"] as? String } == ["CrashLoopBackOff"], "\(byName)")
            let byLabel = try await Self.findings(
                "troubleshoot pods with label app=two", namespace: ns, until: "ImagePullBackOff")
            #expect(byLabel.allSatisfy { ($0["problem"] as? String)?.contains("Image") == true }, "\(byLabel)")
            #expect(!byLabel.isEmpty)
        }
    }

    @Test("the gathering is a fixed number of kubectl calls, whatever the number of pods")
    func boundedCalls() async throws {
        try await Sandbox.withNamespace("ts-calls") { ns in
            try await Sandbox.deploy(["web-app": 6], namespace: ns)
            try await Sandbox.apply(
                Self.deployment("api", annotations: ["sandbox.kagent.dev/state": "CrashLoopBackOff"])
                    .replacingOccurrences(of: "replicas: 1", with: "replicas: 4"), namespace: ns)
            _ = try await Self.findings("what's wrong", namespace: ns, until: "CrashLoopBackOff")
            let text = try await Kagent.onSandbox("-n", ns, "--dry-run", "what's wrong")
            // 3 batched reads, one log read for the crashing deployment and one for the running one: not one per pod.
            #expect(text.stdout.contains("with 5 kubectl calls"), "\(text.stdout)")
        }
    }

    @Test(
        "guided mode in the shell: one fix at a time, skip one, apply the next, re-checked",
        .enabled(if: ProcessRunner().locate("tmux") != nil))
    func guided() async throws {
        try await Sandbox.withNamespace("ts-guide") { ns in
            try await Sandbox.apply(
                Self.deployment(
                    "mem",
                    annotations: ["sandbox.kagent.dev/state": "OOMKilled", "sandbox.kagent.dev/oom-below": "512Mi"],
                    container: ", resources: {limits: {memory: 256Mi}}")
                    + "\n---\napiVersion: v1\nkind: Service\nmetadata: {name: mem-svc}\nspec:\n  selector: {app: nope}\n  ports: [{port: 80}]",
                namespace: ns)
            _ = try await Self.findings("what's wrong", namespace: ns, until: "OOMKilled")
            let state = try TemporaryFolder()
            let socket = "kagent-guide-\(ns.suffix(6))"
            let runner = ProcessRunner()
            func tmux(_ arguments: String...) async throws -> String {
                try await runner.run(["tmux", "-L", socket] + arguments, timeoutSeconds: 10).stdout
            }
            func waitFor(_ text: String, occurrences: Int = 1) async throws -> String {
                var screen = ""
                for _ in 0..<200 {
                    screen = try await tmux("capture-pane", "-p", "-t", "shell", "-S", "-3000")
                    if screen.components(separatedBy: text).count - 1 >= occurrences { return screen }
                    try await Task.sleep(for: .milliseconds(100))
                }
                Issue.record("the screen never showed \"\(text)\":\n\(screen)")
                return screen
            }
            defer { Task { _ = try? await runner.run(["tmux", "-L", socket, "kill-server"], timeoutSeconds: 10) } }
            _ = try await tmux(
                "new-session", "-d", "-s", "shell", "-x", "200", "-y", "60",
                ShellQuoting.command([
                    "env", "XDG_STATE_HOME=\(state.path)", "TERM=xterm", Repository.kagentExecutable, "--kubeconfig",
                    Sandbox.kubeconfig, "-n", ns,
                ]))
            _ = try await waitFor("kagent (")
            _ = try await tmux("send-keys", "-t", "shell", "-l", "what's wrong")
            _ = try await tmux("send-keys", "-t", "shell", "Enter")
            var screen = try await waitFor("apply this fix? (y/N/skip)")
            #expect(screen.contains("Fix 1 of 2: OOMKilled"), "\(screen)")
            _ = try await tmux("send-keys", "-t", "shell", "-l", "skip")
            _ = try await tmux("send-keys", "-t", "shell", "Enter")
            screen = try await waitFor("apply this fix? (y/N/skip)", occurrences: 2)
            #expect(screen.contains("Fix 2 of 2: ServiceNoEndpoints on service/mem-svc"), "\(screen)")
            _ = try await tmux("send-keys", "-t", "shell", "-l", "y")
            _ = try await tmux("send-keys", "-t", "shell", "Enter")
            screen = try await waitFor("re-checked: ServiceNoEndpoints on service/mem-svc is gone")
            _ = try await waitFor("kagent (", occurrences: 2)
            let selector = try await Sandbox.kubectlOK(
                "get", "service/mem-svc", "--namespace=\(ns)", "--output=jsonpath={.spec.selector.app}")
            #expect(selector == "mem")
            let limit = try await Sandbox.kubectlOK(
                "get", "deployment/mem", "--namespace=\(ns)",
                "--output=jsonpath={.spec.template.spec.containers[0].resources.limits.memory}")
            #expect(limit == "256Mi", "the skipped fix ran")
            _ = try await tmux("send-keys", "-t", "shell", "C-d")
        }
    }
}
