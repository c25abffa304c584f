import Executors
import Foundation
import TestSupport
import Testing

/// Ingresses on the sandbox with the real kagent: created with the right host, path, service, port, class and
/// TLS; a second request adds to the same ingress. The sandbox has no ingress controller: the test makes an
/// IngressClass of its own (removed afterwards).
@Suite("Ingress on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct IngressTests {
    static func jsonPath(_ ingress: String, _ template: String, namespace: String) async throws -> String {
        try await Sandbox.kubectlOK(
            "get", "ingress/\(ingress)", "--namespace=\(namespace)", "--output=jsonpath=\(template)")
    }

    @Test("create an ingress to the web-facing service, route /api to it, add TLS and cert-manager")
    func ingressFlow() async throws {
        let ingressClass = "kt-class-\(UUID().uuidString.prefix(6).lowercased())"
        try Sandbox.require()
        let folder = try TemporaryFolder()
        let manifest = try folder.write(
            "class.yaml",
            contents: """
                apiVersion: networking.k8s.io/v1
                kind: IngressClass
                metadata:
                  name: \(ingressClass)
                spec:
                  controller: example.com/kagent-test
                """)
        try await Sandbox.kubectlOK("apply", "-f", manifest.path)
        defer { Task { _ = try? await Sandbox.kubectl("delete", "ingressclass", ingressClass, "--wait=false") } }
        try await Sandbox.withNamespace("ing") { ns in
            try await Sandbox.kubectlOK("create", "service", "clusterip", "web", "--tcp=80:8080", "--namespace=\(ns)")
            try await Sandbox.kubectlOK("create", "service", "clusterip", "api", "--tcp=8000:8000", "--namespace=\(ns)")

            let noClass = try await Kagent.onSandbox("-n", ns, "--yes", "create an ingress for app.example.com")
            #expect(noClass.exitCode == 1)
            #expect(noClass.stderr.contains("no default IngressClass"), "\(noClass.stderr)")

            let create = try await Kagent.onSandbox(
                "-n", ns, "--yes", "create an ingress for app.example.com with class \(ingressClass)")
            #expect(create.exitCode == 0, "\(create.stdout)\(create.stderr)")
            #expect(create.stdout.contains("the web-facing service in \(ns) is web"), "\(create.stdout)")
            #expect(create.stdout.contains("open http://app.example.com/"), "\(create.stdout)")
            #expect(try await Self.jsonPath("web", "{.spec.ingressClassName}", namespace: ns) == ingressClass)
            #expect(try await Self.jsonPath("web", "{.spec.rules[0].host}", namespace: ns) == "app.example.com")
            #expect(
                try await Self.jsonPath(
                    "web",
                    "{.spec.rules[0].http.paths[0].path} {.spec.rules[0].http.paths[0].backend.service.name}"
                        + " {.spec.rules[0].http.paths[0].backend.service.port.number}", namespace: ns) == "/ web 80")

            let route = try await Kagent.onSandbox(
                "-n", ns, "--yes", "route /api on app.example.com to api port 8000")
            #expect(route.exitCode == 0, "\(route.stdout)\(route.stderr)")
            #expect(route.stdout.contains("changed, not duplicated"), "\(route.stdout)")
            let ingresses = try await Sandbox.kubectlOK(
                "get", "ingresses", "--namespace=\(ns)", "--output=jsonpath={.items[*].metadata.name}")
            #expect(ingresses == "web", "no second ingress for the same host")
            #expect(
                try await Self.jsonPath(
                    "web",
                    "{.spec.rules[0].http.paths[1].path} {.spec.rules[0].http.paths[1].backend.service.name}"
                        + " {.spec.rules[0].http.paths[1].backend.service.port.number}", namespace: ns)
                    == "/api api 8000")

            let tls = try await Kagent.onSandbox("-n", ns, "--yes", "add tls with secret app-tls to app.example.com")
            #expect(tls.exitCode == 0, "\(tls.stdout)\(tls.stderr)")
            #expect(
                try await Self.jsonPath("web", "{.spec.tls[0].secretName} {.spec.tls[0].hosts[0]}", namespace: ns)
                    == "app-tls app.example.com")

            let issuer = try await Kagent.onSandbox(
                "-n", ns, "--yes", "use cert-manager with issuer letsencrypt-prod for app.example.com")
            #expect(issuer.exitCode == 0, "\(issuer.stdout)\(issuer.stderr)")
            #expect(
                try await Self.jsonPath(
                    "web", "{.metadata.annotations.cert-manager\\.io/cluster-issuer}", namespace: ns)
                    == "letsencrypt-prod")
            #expect(try await Self.jsonPath("web", "{.spec.tls[*].secretName}", namespace: ns) == "app-tls")

            let again = try await Kagent.onSandbox("-n", ns, "--yes", "route /api on app.example.com to api port 8000")
            #expect(again.exitCode == 1)
            #expect(again.stderr.contains("already"), "\(again.stderr)")
        }
        _ = try? await Sandbox.kubectl("delete", "ingressclass", ingressClass, "--wait=false")
    }
}
