import Executors
import Foundation
import TestSupport
import Testing

/// Creating namespaces, configmaps and secrets: the real kagent binary, real kubectl, the sandbox cluster.
@Suite("Create on the sandbox", .enabled(if: Sandbox.enabled), .serialized)
struct CreateTests {
    @Test("create namespace makes an active namespace, and a second time is refused before anything runs")
    func namespace() async throws {
        try Sandbox.require()
        let name = "kt-newns-\(UUID().uuidString.prefix(6).lowercased())"
        defer { Task { _ = try? await Sandbox.kubectl("delete", "namespace", name, "--wait=false") } }
        let result = try await Kagent.onSandbox("--yes", "make a new namespace called \(name)")
        #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("the API server accepts the change"), "validated first: \(result.stdout)")
        #expect(result.stdout.contains("created namespace \(name)"), "\(result.stdout)")
        #expect(try await Sandbox.kubectlOK("get", "namespace", name, "--output=jsonpath={.status.phase}") == "Active")

        let again = try await Kagent.onSandbox("--yes", "create namespace \(name)")
        #expect(again.exitCode == 1)
        #expect(again.stderr.contains("namespace '\(name)': it already exists"), "\(again.stderr)")
        #expect(!again.stdout.contains("$ kubectl"), "no plan for an existing namespace")
    }

    @Test("create configmap stores every pair, joined by spaces, commas or 'and', in the namespace said")
    func configmap() async throws {
        try await Sandbox.withNamespace("cm") { ns in
            let result = try await Kagent.onSandbox(
                "--yes",
                "create configmap app-config with LOG_LEVEL=debug, MODE=dev and URL=http://api:8080/v1 in \(ns)")
            #expect(result.exitCode == 0, "\(result.stdout)\(result.stderr)")
            #expect(
                result.stdout.contains("created configmap app-config in \(ns) with keys LOG_LEVEL, MODE, URL"),
                "\(result.stdout)")
            let data = try await Sandbox.kubectlOK(
                "get", "configmap", "app-config", "--namespace=\(ns)",
                "--output=jsonpath={.data.LOG_LEVEL} {.data.MODE} {.data.URL}")
            #expect(data == "debug dev http://api:8080/v1")

            let existing = try await Kagent.onSandbox("--yes", "-n", ns, "create configmap app-config with MODE=prod")
            #expect(existing.exitCode == 1)
            #expect(existing.stderr.contains("already exists in namespace \(ns)"), "\(existing.stderr)")
            let mode = try await Sandbox.kubectlOK(
                "get", "configmap", "app-config", "--namespace=\(ns)", "--output=jsonpath={.data.MODE}")
            #expect(mode == "dev", "the existing configmap was not touched")
        }
    }

    @Test("create secret: the values reach the API through standard input and never appear in text or JSON output")
    func secret() async throws {
        try await Sandbox.withNamespace("sec") { ns in
            let password = "s3cret-\(UUID().uuidString.prefix(8))"
            let user = "app-user-\(UUID().uuidString.prefix(4))"
            let request = "create secret db-creds with user=\(user) and password=\(password) in \(ns)"

            let dryRun = try await Kagent.onSandbox("--dry-run", "--output", "json", request)
            #expect(dryRun.exitCode == 0, "\(dryRun.stdout)\(dryRun.stderr)")
            let planned = try Kagent.json(dryRun)
            let argv = try #require((planned["steps"] as? [[String: Any]])?.first?["argv"] as? [String])
            #expect(
                argv == [
                    "kubectl", "--kubeconfig=\(Sandbox.kubeconfig)", "create", "secret", "generic", "db-creds",
                    "--from-env-file=/dev/stdin", "--namespace=\(ns)",
                ])
            let intent = try #require(planned["intent"] as? [String: Any])
            #expect(intent["data"] as? [String] == ["user=(hidden)", "password=(hidden)"])
            #expect(
                planned["request"] as? String
                    == "create secret db-creds with user=(hidden) and password=(hidden) in \(ns)")
            #expect(
                (try? await Sandbox.kubectl("get", "secret", "db-creds", "--namespace=\(ns)"))?.succeeded == false,
                "a dry run creates nothing")

            let text = try await Kagent.onSandbox("--yes", request)
            #expect(text.exitCode == 0, "\(text.stdout)\(text.stderr)")
            #expect(
                text.stdout.contains("with standard input: 2 values from your request, not shown"), "\(text.stdout)")
            #expect(text.stdout.contains("created secret db-creds in \(ns) with keys user, password"), "\(text.stdout)")
            let stored = try await Sandbox.kubectlOK(
                "get", "secret", "db-creds", "--namespace=\(ns)", "--output=jsonpath={.data.password}")
            #expect(Data(base64Encoded: stored).map { String(decoding: $0, as: UTF8.self) } == password)
            let storedUser = try await Sandbox.kubectlOK(
                "get", "secret", "db-creds", "--namespace=\(ns)", "--output=jsonpath={.data.user}")
            #expect(Data(base64Encoded: storedUser).map { String(decoding: $0, as: UTF8.self) } == user)

            let json = try await Kagent.onSandbox(
                "--yes", "--output", "json", "create secret api-token with token=\(password) -n \(ns)")
            #expect(json.exitCode == 0, "\(json.stdout)\(json.stderr)")
            #expect((try Kagent.json(json))["executed"] as? Bool == true)
            let token = try await Sandbox.kubectlOK(
                "get", "secret", "api-token", "--namespace=\(ns)", "--output=jsonpath={.data.token}")
            #expect(Data(base64Encoded: token).map { String(decoding: $0, as: UTF8.self) } == password)

            for output in [dryRun.stdout, dryRun.stderr, text.stdout, text.stderr, json.stdout, json.stderr] {
                #expect(!output.contains(password) && !output.contains(user), "a secret value was printed: \(output)")
                #expect(!output.contains(Data(password.utf8).base64EncodedString()), "an encoded value was printed")
            }
        }
    }
}
