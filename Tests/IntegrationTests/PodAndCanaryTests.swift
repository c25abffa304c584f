import Executors
import Foundation
import TestSupport
import Testing

/// Single pods and canaries on the sandbox: the real binary and kubectl; each test owns its namespace and checks the
/// cluster itself (what was stored, what runs, what a Service selects), and that undo deletes what was created.
@Suite("Pods and canaries on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct PodAndCanaryTests {
    typealias Session = SandboxSession

    static func field(_ reference: String, _ jsonPath: String, in namespace: String) async throws -> String {
        try await Sandbox.kubectlOK("get", reference, "--namespace=\(namespace)", "--output=jsonpath=\(jsonPath)")
    }

    // MARK: - Pods

    @Test(
        "a pod that keeps running is created as said (port, environment, resources, a volume), ready before the outcome, and undo deletes it"
    )
    func runningPod() async throws {
        try await Sandbox.withNamespace("pod") { ns in
            let kagent = try Session(namespace: ns)
            let made = try await kagent.run(
                "--yes",
                "create a pod web with image nginx:1.25 on port 8080 with MODE=demo, 256Mi memory limit and 100m cpu "
                    + "request and an emptydir at /cache")
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            #expect(made.stdout.contains("kind: Pod"), "the manifest is shown: \(made.stdout)")
            #expect(made.stdout.contains("the API server accepts the change"), "validated first: \(made.stdout)")
            #expect(made.stdout.contains("is ready"), "\(made.stdout)")
            let c = ".spec.containers[0]"
            #expect(
                try await Self.field("pod/web", "{.status.phase} {.spec.restartPolicy}", in: ns) == "Running Always")
            #expect(try await Self.field("pod/web", "{\(c).ports[0].containerPort}", in: ns) == "8080")
            #expect(try await Self.field("pod/web", "{\(c).env[0].name}={\(c).env[0].value}", in: ns) == "MODE=demo")
            #expect(
                try await Self.field(
                    "pod/web", "{\(c).resources.limits.memory} {\(c).resources.requests.cpu}", in: ns) == "256Mi 100m")
            #expect(
                try await Self.field("pod/web", "{\(c).volumeMounts[0].mountPath} {.spec.volumes[0].emptyDir}", in: ns)
                    == "/cache {}")

            let again = try await kagent.run("--yes", "create a pod web with image nginx:1.25")
            #expect(again.exitCode == 1)
            #expect(again.stderr.contains("already exists"), "never overwritten: \(again.stderr)")

            let undone = try await kagent.run("--yes", "undo")
            #expect(undone.exitCode == 0, "\(undone.stdout)\(undone.stderr)")
            let gone = try await Sandbox.kubectl("get", "pod/web", "--namespace=\(ns)")
            #expect(!gone.succeeded && gone.stderr.contains("NotFound"), "undo deleted the pod: \(gone.stderr)")
        }
    }

    @Test("a pod with labels and an init container, ready after it ran; a pod with a sidecar: two containers")
    func podWithInitContainer() async throws {
        try await Sandbox.withNamespace("podinit") { ns in
            let kagent = try Session(namespace: ns)
            let made = try await kagent.run(
                "--yes",
                "create pod web-check with image nginx:1.25, labels team=data,tier=web, with an init container "
                    + "busybox:1.36 running sleep 1")
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            #expect(made.stdout.contains("initContainers:"), "the manifest is shown: \(made.stdout)")
            #expect(
                try await Self.field("pod/web-check", "{.metadata.labels.team} {.metadata.labels.tier}", in: ns)
                    == "data web")
            #expect(
                try await Self.field(
                    "pod/web-check", "{.spec.initContainers[0].image} {.spec.initContainers[0].command}", in: ns)
                    == "busybox:1.36 [\"sleep\",\"1\"]")
            #expect(try await Self.field("pod/web-check", "{.status.phase}", in: ns) == "Running")

            let pair = try await kagent.run(
                "--yes", "create a pod logger with image nginx:1.25 and a busybox:1.36 sidecar running tail -f /dev/null")
            #expect(pair.exitCode == 0, "\(pair.stdout)\(pair.stderr)")
            #expect(
                try await Self.field("pod/logger", "{.spec.containers[*].name} {.spec.containers[1].command}", in: ns)
                    == "logger sidecar [\"tail\",\"-f\",\"/dev/null\"]")
            let selected = try await Sandbox.kubectlOK(
                "get", "pods", "--namespace=\(ns)", "-l", "team=data", "--output=name")
            #expect(selected.split(separator: "\n") == ["pod/web-check"], "\(selected)")
        }
    }

    @Test("a secret mounted read-only at a path: refused while the secret is missing, then mounted by name")
    func podWithSecretVolume() async throws {
        try await Sandbox.withNamespace("podsecret") { ns in
            let kagent = try Session(namespace: ns)
            let request = "create a pod tls-check with image busybox:1.36 and mount secret web-tls at /etc/tls"
            let refused = try await kagent.run("--yes", request)
            #expect(refused.exitCode == 1, "\(refused.stdout)")
            #expect(refused.stderr.contains("there is no secret web-tls in namespace \(ns)"), "\(refused.stderr)")
            _ = try await Sandbox.kubectlOK(
                "create", "secret", "generic", "web-tls", "--from-literal=tls.key=not-a-real-key", "--namespace=\(ns)")
            let made = try await kagent.run("--yes", request)
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            #expect(!made.stdout.contains("not-a-real-key"), "the secret's data is never read or shown")
            #expect(
                try await Self.field(
                    "pod/tls-check",
                    "{.spec.volumes[0].secret.secretName} {.spec.containers[0].volumeMounts[0].mountPath} "
                        + "{.spec.containers[0].volumeMounts[0].readOnly}", in: ns) == "web-tls /etc/tls true")
        }
    }

    // MARK: - Deployments

    @Test(
        "a deployment is created from an image with replicas, port, env, resources and labels; its pods are ready before the outcome; undo deletes it"
    )
    func deploymentFromImage() async throws {
        try await Sandbox.withNamespace("newdeploy") { ns in
            let kagent = try Session(namespace: ns)
            let made = try await kagent.run(
                "--yes",
                "create a deployment web with image nginx:1.25, 2 replicas, port 8080, env MODE=demo, "
                    + "memory limit 128Mi and label tier=front")
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            #expect(made.stdout.contains("kind: Deployment"), "the manifest is shown: \(made.stdout)")
            #expect(made.stdout.contains("the API server accepts the change"), "validated first: \(made.stdout)")
            #expect(made.stdout.contains("rollout status deployment/web"), "\(made.stdout)")
            let c = ".spec.template.spec.containers[0]"
            #expect(
                try await Self.field(
                    "deployment/web", "{.spec.replicas} {.status.readyReplicas} {\(c).image} {\(c).ports[0].containerPort}",
                    in: ns) == "2 2 nginx:1.25 8080")
            #expect(
                try await Self.field(
                    "deployment/web", "{\(c).env[0].name}={\(c).env[0].value} {\(c).resources.limits.memory}", in: ns)
                    == "MODE=demo 128Mi")
            let pods = try await Sandbox.kubectlOK(
                "get", "pods", "--namespace=\(ns)", "-l", "app=web,tier=front", "--output=name")
            #expect(pods.split(separator: "\n").count == 2, "two pods carry the labels: \(pods)")

            let again = try await kagent.run("--yes", "create a deployment web with image nginx:1.26")
            #expect(again.exitCode == 1)
            #expect(again.stderr.contains("already exists"), "never overwritten: \(again.stderr)")
            #expect(try await Self.field("deployment/web", "{\(c).image}", in: ns) == "nginx:1.25")

            let undone = try await kagent.run("--yes", "undo")
            #expect(undone.exitCode == 0, "\(undone.stdout)\(undone.stderr)")
            let gone = try await Sandbox.kubectl("get", "deployment/web", "--namespace=\(ns)")
            #expect(!gone.succeeded && gone.stderr.contains("NotFound"), "undo deleted the deployment: \(gone.stderr)")
        }
    }

    @Test("a pod said to run once has restart policy Never and is waited for until it has succeeded")
    func podThatRunsOnce() async throws {
        try await Sandbox.withNamespace("once") { ns in
            let kagent = try Session(namespace: ns)
            let ran = try await kagent.run("--yes", "run a pod called greeter using busybox:1.36 once -- echo hello")
            #expect(ran.exitCode == 0, "\(ran.stdout)\(ran.stderr)")
            #expect(ran.stdout.contains("--for=jsonpath={.status.phase}=Succeeded"), "\(ran.stdout)")
            #expect(ran.stdout.contains("to completion"), "\(ran.stdout)")
            #expect(
                try await Self.field("pod/greeter", "{.status.phase} {.spec.restartPolicy}", in: ns)
                    == "Succeeded Never")
            #expect(try await Self.field("pod/greeter", "{.spec.containers[0].command}", in: ns).contains("hello"))
        }
    }

    @Test(
        "a variable from a secret's key: refused while the secret is missing, then a secretKeyRef; a configmap mounted at a path"
    )
    func podFromSecretAndConfigMap() async throws {
        try await Sandbox.withNamespace("podenv") { ns in
            let kagent = try Session(namespace: ns)
            let request =
                "create a pod probe with image busybox:1.36 and DB_URL from secret db-creds key url running sleep 600"
            let refused = try await kagent.run("--yes", request)
            #expect(refused.exitCode == 1, "\(refused.stdout)")
            #expect(refused.stderr.contains("there is no secret db-creds in namespace \(ns)"), "\(refused.stderr)")
            #expect(!refused.stdout.contains("$ kubectl create"), "nothing planned")

            try await Sandbox.kubectlOK(
                "create", "secret", "generic", "db-creds", "--from-literal=url=postgres://db", "--namespace=\(ns)")
            let made = try await kagent.run("--yes", request)
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            #expect(!made.stdout.contains("postgres://db"), "the secret's value is never shown")
            let env = ".spec.containers[0].env[0]"
            #expect(
                try await Self.field(
                    "pod/probe",
                    "{\(env).name} {\(env).valueFrom.secretKeyRef.name} {\(env).valueFrom.secretKeyRef.key}",
                    in: ns) == "DB_URL db-creds url")

            try await Sandbox.kubectlOK(
                "create", "configmap", "settings", "--from-literal=mode=demo", "--namespace=\(ns)")
            let mounted = try await kagent.run(
                "--yes",
                "start a pod reader from image busybox:1.36 and mount configmap settings at /etc/app, running sleep 600"
            )
            #expect(mounted.exitCode == 0, "\(mounted.stdout)\(mounted.stderr)")
            #expect(
                try await Self.field(
                    "pod/reader", "{.spec.volumes[0].configMap.name} {.spec.containers[0].volumeMounts[0].mountPath}",
                    in: ns) == "settings /etc/app")
            #expect(try await Self.field("pod/reader", "{.status.phase}", in: ns) == "Running")
        }
    }

    // MARK: - Canaries

    /// A deployment `api` of three replicas with probes, environment and resources, and a Service selecting app=api.
    static func deployAPI(in namespace: String) async throws {
        try await Sandbox.apply(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: api, labels: {app: api}}
            spec:
              replicas: 3
              selector: {matchLabels: {app: api}}
              template:
                metadata: {labels: {app: api, tier: backend}}
                spec:
                  containers:
                  - name: api
                    image: registry.example/api:1.0
                    env: [{name: MODE, value: prod}]
                    ports: [{name: http, containerPort: 8080}]
                    readinessProbe: {httpGet: {path: /health, port: http}}
                    resources: {limits: {memory: 128Mi}}
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: api}
            spec:
              selector: {app: api}
              ports: [{port: 80, targetPort: http}]
            """, namespace: namespace)
        try await Sandbox.kubectlOK(
            "rollout", "status", "deployment/api", "--namespace=\(namespace)", "--timeout=120s", timeout: 130)
    }

    @Test(
        "a canary copies the deployment's pod template with the new image and track=canary, in the ratio asked, and the service reaches it"
    )
    func canary() async throws {
        try await Sandbox.withNamespace("canary") { ns in
            try await Self.deployAPI(in: ns)
            let kagent = try Session(namespace: ns)
            let made = try await kagent.run("--yes", "canary api with registry.example/api:2.0 at 10% of traffic")
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            #expect(
                made.stdout.contains(
                    "1 of 4 pods: 25% of requests, not 10%, with 3 replicas of api; scale api up for a finer share"),
                "the real share is said: \(made.stdout)")
            #expect(made.stdout.contains("rollout status deployment/api-canary"), "\(made.stdout)")

            let t = ".spec.template"
            #expect(try await Self.field("deployment/api-canary", "{.spec.replicas}", in: ns) == "1")
            #expect(
                try await Self.field("deployment/api-canary", "{\(t).spec.containers[0].image}", in: ns)
                    == "registry.example/api:2.0")
            #expect(
                try await Self.field(
                    "deployment/api-canary", "{.spec.selector.matchLabels.app} {.spec.selector.matchLabels.track}",
                    in: ns)
                    == "api canary")
            #expect(
                try await Self.field(
                    "deployment/api-canary", "{\(t).metadata.labels.tier} {\(t).metadata.labels.track}", in: ns)
                    == "backend canary")
            // The rest of the template is the stable one's, field for field.
            let copied =
                "{\(t).spec.containers[0].env} {\(t).spec.containers[0].readinessProbe} {\(t).spec.containers[0].resources}"
            #expect(
                try await Self.field("deployment/api-canary", copied, in: ns)
                    == (try await Self.field("deployment/api", copied, in: ns)))
            // The service selects the canary's pod too: four ready pods behind it.
            let endpoints = try await Self.field("endpoints/api", "{.subsets[*].addresses[*].ip}", in: ns)
            #expect(endpoints.split(separator: " ").count == 4, "\(endpoints)")
            #expect(
                try await Self.field("deployment/api", "{.spec.replicas}", in: ns) == "3", "the stable one is untouched"
            )

            let again = try await kagent.run("--yes", "canary api with registry.example/api:2.1 at 10%")
            #expect(again.exitCode == 1)
            #expect(again.stderr.contains("api has a canary already"), "\(again.stderr)")

            let undone = try await kagent.run("--yes", "undo")
            #expect(undone.exitCode == 0, "\(undone.stdout)\(undone.stderr)")
            let gone = try await Sandbox.kubectl("get", "deployment/api-canary", "--namespace=\(ns)")
            #expect(!gone.succeeded && gone.stderr.contains("NotFound"), "undo deleted the canary: \(gone.stderr)")
            #expect(try await Self.field("deployment/api", "{.spec.replicas}", in: ns) == "3")
        }
    }

    @Test(
        "a canary of a deployment with two containers asks which one gets an image neither runs; offline nothing is guessed"
    )
    func canaryNeedsItsContainer() async throws {
        try await Sandbox.withNamespace("canary2") { ns in
            try await Sandbox.apply(
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: shop}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: shop}}
                  template:
                    metadata: {labels: {app: shop}}
                    spec:
                      containers:
                      - {name: web, image: registry.example/web:1.0}
                      - {name: proxy, image: registry.example/proxy:1.0}
                """, namespace: ns)
            let kagent = try Session(namespace: ns)
            let asked = try await kagent.run("--yes", "canary shop with registry.example/other:2.0 at 20%")
            #expect(asked.exitCode == 1)
            #expect(asked.stderr.contains("has containers web (registry.example/web:1.0), proxy"), "\(asked.stderr)")

            let named = try await kagent.run(
                "--dry-run", "canary shop with registry.example/other:2.0 at 20%, container proxy")
            #expect(named.exitCode == 0, "\(named.stdout)\(named.stderr)")
            #expect(named.stdout.contains("image: registry.example/other:2.0"), "\(named.stdout)")
            #expect(
                named.stdout.contains("image: registry.example/web:1.0"), "the other container stays: \(named.stdout)")

            let offline = try await kagent.run(
                "--offline", "--dry-run", "canary shop with registry.example/web:2.0 at 20%")
            #expect(offline.exitCode != 0)
            #expect(offline.stderr.contains("--offline does not read it"), "\(offline.stderr)")
            let none = try await Sandbox.kubectl("get", "deployment/shop-canary", "--namespace=\(ns)")
            #expect(!none.succeeded, "nothing was created")
        }
    }
}
