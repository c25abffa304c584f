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
}
