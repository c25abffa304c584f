import Executors
import Foundation
import TestSupport
import Testing

/// Network policies and persistent volume claims on the sandbox: the real binary and kubectl; each test owns its
/// namespace (and any StorageClass it makes) and checks the cluster itself.
///
/// The sandbox has no network plugin that enforces policies: the API server stores them and no traffic changes. So
/// the tests check what was stored (types, selectors, ports) and that the policy selects the pods meant (a pod of the
/// target workload matches its podSelector, through `kubectl get pods -l`), never traffic.
@Suite("Network policies and volume claims on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct NetworkAndStorageTests {
    typealias Session = SandboxSession

    // MARK: - Network policies

    @Test("default deny ingress stores a policy with the Ingress type, every pod selected and no rule; undo deletes it")
    func denyIngress() async throws {
        try await Sandbox.withNamespace("netdeny") { ns in
            let kagent = try Session(namespace: ns)
            let made = try await kagent.run("--yes", "block all incoming traffic")
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            #expect(made.stdout.contains("kind: NetworkPolicy"), "the manifest is shown: \(made.stdout)")
            #expect(made.stdout.contains("the API server accepts the change"), "validated first: \(made.stdout)")
            let stored = try await Sandbox.kubectlOK(
                "get", "networkpolicy/deny-all-ingress", "--namespace=\(ns)",
                "--output=jsonpath={.spec.policyTypes} {.spec.podSelector} {.spec.ingress}")
            #expect(stored.contains("Ingress") && !stored.contains("Egress"), "\(stored)")
            #expect(stored.contains("{}"), "an empty pod selector: every pod of the namespace: \(stored)")

            let undone = try await kagent.run("--yes", "undo")
            #expect(undone.exitCode == 0, "\(undone.stdout)\(undone.stderr)")
            let gone = try await Sandbox.kubectl("get", "networkpolicy/deny-all-ingress", "--namespace=\(ns)")
            #expect(!gone.succeeded && gone.stderr.contains("NotFound"), "\(gone.stderr)")
        }
    }

    @Test("only web may reach api: the policy selects api's pods by its selector labels and admits web's, on one port")
    func workloadToWorkload() async throws {
        try await Sandbox.withNamespace("netallow") { ns in
            try await Sandbox.deploy(["web": 1, "api": 1], namespace: ns)
            let kagent = try Session(namespace: ns)
            let made = try await kagent.run("--yes", "only let web talk to api on port 8080")
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            let policy = "networkpolicy/api-from-web"
            let target = try await Sandbox.kubectlOK(
                "get", policy, "--namespace=\(ns)", "--output=jsonpath={.spec.podSelector.matchLabels.app}")
            #expect(target == "api", "the target's selector labels: \(target)")
            let source = try await Sandbox.kubectlOK(
                "get", policy, "--namespace=\(ns)",
                "--output=jsonpath={.spec.ingress[0].from[0].podSelector.matchLabels.app} {.spec.ingress[0].ports[0].port}")
            #expect(source == "web 8080", "\(source)")

            // The pods the policy is about carry the labels it selects.
            let selected = try await Sandbox.kubectlOK(
                "get", "pods", "--namespace=\(ns)", "-l", "app=\(target)", "--output=name")
            #expect(selected.contains("pod/api-"), "a pod of api matches the podSelector: \(selected)")
            #expect(!selected.contains("pod/web-"), "\(selected)")
        }
    }

    @Test("a whole namespace as the source: on Kubernetes 1.20 its kubernetes.io/metadata.name label is missing, and the plan says so")
    func namespaceSource() async throws {
        try await Sandbox.withNamespace("netns") { ns in
            try await Sandbox.deploy(["api": 1], namespace: ns)
            let labels = try await Sandbox.kubectlOK(
                "get", "namespace/default", "--output=jsonpath={.metadata.labels}")
            let kagent = try Session(namespace: ns)
            let planned = try await kagent.run("--dry-run", "let the default namespace reach api")
            #expect(planned.exitCode == 0, "\(planned.stdout)\(planned.stderr)")
            #expect(planned.stdout.contains("kubernetes.io/metadata.name: default"), "\(planned.stdout)")
            if !labels.contains("kubernetes.io/metadata.name") {
                #expect(planned.stdout.contains("has no label kubernetes.io/metadata.name=default"), "\(planned.stdout)")
            }
        }
    }

    @Test("egress only to one workload: the senders' pods are selected, the receivers' admitted on one port; all outgoing blocked but DNS")
    func egressOnly() async throws {
        try await Sandbox.withNamespace("netegress") { ns in
            try await Sandbox.deploy(["web": 1, "api": 1], namespace: ns)
            let kagent = try Session(namespace: ns)
            let made = try await kagent.run("--yes", "allow egress from web only to api on port 8080")
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            #expect(made.stdout.contains("DNS lookups are blocked too"), "the plan warns about DNS: \(made.stdout)")
            let stored = try await Sandbox.kubectlOK(
                "get", "networkpolicy/web-egress-to-api", "--namespace=\(ns)",
                "--output=jsonpath={.spec.policyTypes[*]} {.spec.podSelector.matchLabels.app} "
                    + "{.spec.egress[0].to[0].podSelector.matchLabels.app} {.spec.egress[0].ports[0].port} {.spec.ingress}")
            #expect(stored == "Egress web api 8080 ", "\(stored)")
            // The senders the policy selects are web's pods.
            let selected = try await Sandbox.kubectlOK(
                "get", "pods", "--namespace=\(ns)", "-l", "app=web", "--output=name")
            #expect(selected.contains("pod/web-"), "\(selected)")

            let closed = try await kagent.run("--yes", "block all outgoing traffic except dns")
            #expect(closed.exitCode == 0, "\(closed.stdout)\(closed.stderr)")
            let dns = try await Sandbox.kubectlOK(
                "get", "networkpolicy/deny-egress-but-dns", "--namespace=\(ns)",
                "--output=jsonpath={.spec.policyTypes[*]} {.spec.podSelector} {range .spec.egress[*]}[{.ports[*].port}]{end}")
            #expect(dns == "Egress {} [53 53]", "every pod, one rule: DNS only: \(dns)")
        }
    }

    @Test("pods said by their labels: the policy selects and admits exactly those labels")
    func byLabels() async throws {
        try await Sandbox.withNamespace("netlabels") { ns in
            try await Sandbox.deploy(["web": 1, "api": 1], namespace: ns)
            let kagent = try Session(namespace: ns)
            let made = try await kagent.run("--yes", "allow traffic from app=web to app=api on port 8080")
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            #expect(made.stdout.contains("the pods labelled app=web"), "\(made.stdout)")
            let stored = try await Sandbox.kubectlOK(
                "get", "networkpolicy/app-api-from-app-web", "--namespace=\(ns)",
                "--output=jsonpath={.spec.podSelector.matchLabels.app} {.spec.ingress[0].from[0].podSelector.matchLabels.app} "
                    + "{.spec.ingress[0].ports[0].port}")
            #expect(stored == "api web 8080", "\(stored)")
            let selected = try await Sandbox.kubectlOK("get", "pods", "--namespace=\(ns)", "-l", "app=api", "--output=name")
            #expect(selected.contains("pod/api-"), "\(selected)")
        }
    }

    @Test("traffic from anywhere to one workload on a port: an ingress rule with no source; undo deletes it")
    func fromAnywhere() async throws {
        try await Sandbox.withNamespace("netopen") { ns in
            try await Sandbox.deploy(["web": 1], namespace: ns)
            let kagent = try Session(namespace: ns)
            let made = try await kagent.run("--yes", "allow incoming traffic from anywhere to web on port 80")
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            let stored = try await Sandbox.kubectlOK(
                "get", "networkpolicy/web-from-anywhere", "--namespace=\(ns)",
                "--output=jsonpath={.spec.policyTypes[*]} {.spec.podSelector.matchLabels.app} "
                    + "{.spec.ingress[0].ports[0].port} [{.spec.ingress[0].from}]")
            #expect(stored == "Ingress web 80 []", "no source: anyone: \(stored)")
            let undone = try await kagent.run("--yes", "undo")
            #expect(undone.exitCode == 0, "\(undone.stdout)\(undone.stderr)")
            let gone = try await Sandbox.kubectl("get", "networkpolicy/web-from-anywhere", "--namespace=\(ns)")
            #expect(!gone.succeeded && gone.stderr.contains("NotFound"), "\(gone.stderr)")
        }
    }

    @Test("DNS egress: UDP and TCP port 53 to any namespace, from every pod of the namespace")
    func dnsEgress() async throws {
        try await Sandbox.withNamespace("netdns") { ns in
            let kagent = try Session(namespace: ns)
            let made = try await kagent.run("--yes", "allow dns egress")
            #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
            let stored = try await Sandbox.kubectlOK(
                "get", "networkpolicy/allow-dns", "--namespace=\(ns)",
                "--output=jsonpath={.spec.policyTypes[*]} {.spec.egress[0].ports[*].protocol} {.spec.egress[0].ports[*].port}")
            #expect(stored == "Egress UDP TCP 53 53", "\(stored)")
        }
    }

    // MARK: - Volume claims

    /// A StorageClass of the test's own (no provisioner: nothing is provisioned), deleted afterwards with the
    /// PersistentVolumes named in `volumes`. The sandbox has no StorageClass of its own.
    static func withStorageClass(
        _ name: String, expansion: Bool, volumes: [String] = [], _ body: () async throws -> Void
    ) async throws {
        func cleanUp() async {
            for volume in volumes { _ = try? await Sandbox.kubectl("delete", "pv", volume, "--wait=false") }
            _ = try? await Sandbox.kubectl("delete", "storageclass", name, "--wait=false")
        }
        try await Sandbox.apply(
            """
            apiVersion: storage.k8s.io/v1
            kind: StorageClass
            metadata: {name: \(name)}
            provisioner: kubernetes.io/no-provisioner
            allowVolumeExpansion: \(expansion)
            volumeBindingMode: Immediate
            """, namespace: "default")
        do {
            try await body()
        } catch {
            await cleanUp()
            throw error
        }
        await cleanUp()
    }

    /// A hostPath PersistentVolume of 1Gi reserved for the claim `claim` in `namespace` (a claim grows only once it
    /// is bound: the API server keeps an unbound claim's spec as created).
    static func volume(_ name: String, for claim: String, in namespace: String, storageClass: String) async throws {
        try await Sandbox.apply(
            """
            apiVersion: v1
            kind: PersistentVolume
            metadata: {name: \(name)}
            spec:
              capacity: {storage: 1Gi}
              accessModes: [ReadWriteOnce]
              storageClassName: \(storageClass)
              hostPath: {path: /tmp/\(name)}
              claimRef: {namespace: \(namespace), name: \(claim)}
            """, namespace: namespace)
    }

    /// Waits until the claim is bound to its volume (the sandbox's volume controller syncs every 15 seconds).
    static func waitUntilBound(_ claim: String, in namespace: String) async throws {
        for _ in 0..<40 {
            let phase = try await Sandbox.kubectlOK(
                "get", "pvc/\(claim)", "--namespace=\(namespace)", "--output=jsonpath={.status.phase}")
            if phase == "Bound" { return }
            try await Task.sleep(for: .seconds(1))
        }
        Issue.record("pvc/\(claim) in \(namespace) was not bound within 40 seconds")
    }

    @Test("a claim Pending on a class one letter from a real one: the fix makes it again on that class, and it binds")
    func pendingClaimFixed() async throws {
        try await Sandbox.withNamespace("pvcfix") { ns in
            let storageClass = "\(ns)-local"
            try await Self.withStorageClass(storageClass, expansion: false, volumes: ["\(ns)-vol"]) {
                // A volume of the class, free for any claim that asks for it (a volume reserved for the claim by
                // name would be bound to it whatever class the claim asks for).
                try await Sandbox.apply(
                    """
                    apiVersion: v1
                    kind: PersistentVolume
                    metadata: {name: \(ns)-vol}
                    spec:
                      capacity: {storage: 1Gi}
                      accessModes: [ReadWriteOnce]
                      storageClassName: \(storageClass)
                      hostPath: {path: /tmp/\(ns)-vol}
                    """, namespace: ns)
                try await Sandbox.apply(
                    """
                    apiVersion: v1
                    kind: PersistentVolumeClaim
                    metadata: {name: uploads, labels: {app: db}}
                    spec: {storageClassName: \(ns)-locl, accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
                    """, namespace: ns)
                let pending = try await Sandbox.kubectlOK(
                    "get", "pvc/uploads", "--namespace=\(ns)", "--output=jsonpath={.status.phase}")
                #expect(pending == "Pending", "\(pending)")
                let kagent = try Session(namespace: ns)
                let fixed = try await kagent.run("--yes", "fix the pending uploads claim")
                #expect(fixed.exitCode == 0, "\(fixed.stdout)\(fixed.stderr)")
                #expect(fixed.stdout.contains("\(storageClass) is one letter from it"), "\(fixed.stdout)")
                let claim = try await Sandbox.kubectlOK(
                    "get", "pvc/uploads", "--namespace=\(ns)",
                    "--output=jsonpath={.spec.storageClassName} {.status.phase} {.metadata.labels.app} "
                        + "{.spec.resources.requests.storage}")
                #expect(claim == "\(storageClass) Bound db 1Gi", "made again on the class, and bound: \(claim)")
            }
        }
    }

    @Test("a 1Gi claim on a class said is stored with its size, access mode and class; with no class said the plan says the sandbox has no default")
    func createClaim() async throws {
        try await Sandbox.withNamespace("pvc") { ns in
            let storageClass = "\(ns)-plain"
            try await Self.withStorageClass(storageClass, expansion: false) {
                let kagent = try Session(namespace: ns)
                let made = try await kagent.run("--yes", "create a 1Gi pvc called uploads on storage class \(storageClass)")
                #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
                #expect(made.stdout.contains("kind: PersistentVolumeClaim"), "the manifest is shown: \(made.stdout)")
                let stored = try await Sandbox.kubectlOK(
                    "get", "pvc/uploads", "--namespace=\(ns)",
                    "--output=jsonpath={.spec.resources.requests.storage} {.spec.accessModes[0]} {.spec.storageClassName}")
                #expect(stored == "1Gi ReadWriteOnce \(storageClass)", "\(stored)")

                let shared = try await kagent.run("--dry-run", "create a shared 2Gi volume claim named media")
                #expect(shared.exitCode == 0, "\(shared.stdout)\(shared.stderr)")
                #expect(shared.stdout.contains("ReadWriteMany"), "\(shared.stdout)")
                #expect(shared.stdout.contains("no default one"), "the sandbox has no default class: \(shared.stdout)")
                #expect(!shared.stdout.contains("storageClassName"), "no class is guessed: \(shared.stdout)")

                let undone = try await kagent.run("--yes", "undo")
                #expect(undone.exitCode == 0, "\(undone.stdout)\(undone.stderr)")
                let gone = try await Sandbox.kubectl("get", "pvc/uploads", "--namespace=\(ns)")
                #expect(!gone.succeeded && gone.stderr.contains("NotFound"), "\(gone.stderr)")
            }
        }
    }

    @Test("a bound claim grows when its class allows expansion, and the plan says it cannot be undone; shrinking is refused")
    func growClaim() async throws {
        try await Sandbox.withNamespace("grow") { ns in
            let storageClass = "\(ns)-grow"
            try await Self.withStorageClass(storageClass, expansion: true, volumes: ["\(ns)-pv"]) {
                try await Self.volume("\(ns)-pv", for: "data", in: ns, storageClass: storageClass)
                let kagent = try Session(namespace: ns)
                let made = try await kagent.run("--yes", "create a 1Gi pvc called data on storage class \(storageClass)")
                #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
                try await Self.waitUntilBound("data", in: ns)

                let grown = try await kagent.run("--yes", "resize pvc data to 2Gi")
                #expect(grown.exitCode == 0, "\(grown.stdout)\(grown.stderr)")
                #expect(grown.stdout.contains("cannot shrink"), "said before it runs: \(grown.stdout)")
                #expect(try await Sandbox.kubectlOK(
                    "get", "pvc/data", "--namespace=\(ns)", "--output=jsonpath={.spec.resources.requests.storage}") == "2Gi")

                let shrink = try await kagent.run("--yes", "resize pvc data to 1Gi")
                #expect(shrink.exitCode != 0, "\(shrink.stdout)")
                #expect(shrink.stderr.contains("only grow"), "\(shrink.stderr)")
                #expect(!shrink.stdout.contains("$ kubectl"), "nothing planned: \(shrink.stdout)")
            }
        }
    }

    @Test("a claim whose class does not allow expansion is not grown: the plan names the class and nothing runs")
    func growRefused() async throws {
        try await Sandbox.withNamespace("nogrow") { ns in
            let storageClass = "\(ns)-fixed"
            try await Self.withStorageClass(storageClass, expansion: false) {
                let kagent = try Session(namespace: ns)
                let made = try await kagent.run("--yes", "create a 1Gi pvc called scratch on storage class \(storageClass)")
                #expect(made.exitCode == 0, "\(made.stdout)\(made.stderr)")
                let refused = try await kagent.run("--yes", "grow the scratch volume to 5Gi")
                #expect(refused.exitCode != 0, "\(refused.stdout)")
                #expect(
                    refused.stderr.contains("storage class \(storageClass)")
                        && refused.stderr.contains("does not allow volume expansion"), "\(refused.stderr)")
                #expect(try await Sandbox.kubectlOK(
                    "get", "pvc/scratch", "--namespace=\(ns)", "--output=jsonpath={.spec.resources.requests.storage}") == "1Gi")
            }
        }
    }
}
