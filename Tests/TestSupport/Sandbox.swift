import Executors
import Foundation
import Testing

/// kagent's sandbox cluster (scripts/sandbox up): real etcd, kube-apiserver, controllers and scheduler on
/// 127.0.0.1, with the kubelet simulator. Integration tests use it through real kubectl and the real kagent binary.
public enum Sandbox {
    /// `KAGENT_TEST_KUBECONFIG`, else the kubeconfig scripts/sandbox writes.
    public static let kubeconfig: String = {
        let environment = ProcessInfo.processInfo.environment
        if let path = environment["KAGENT_TEST_KUBECONFIG"], !path.isEmpty { return path }
        let state =
            environment["XDG_STATE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state"
        return state + "/kagent/sandbox/kubeconfig"
    }()

    /// The kubeconfig of a sandbox user who may look but not change (ClusterRole view).
    public static var viewerKubeconfig: String {
        URL(fileURLWithPath: kubeconfig).deletingLastPathComponent().appendingPathComponent("kubeconfig-viewer").path
    }

    /// In CI the sandbox must be there: its tests fail rather than skip.
    public static let required = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "false" } ?? false

    /// Whether the sandbox answers (checked once per test process).
    public static let isUp: Bool = {
        guard FileManager.default.fileExists(atPath: kubeconfig) else { return false }
        return commandSucceeds([
            "kubectl", "--kubeconfig=\(kubeconfig)", "get", "--raw=/readyz", "--request-timeout=5s",
        ])
    }()

    /// Run the test when the sandbox is up, and in CI always (where a missing sandbox is a failure).
    public static var enabled: Bool { isUp || required }

    /// Fails the test with the way to start the sandbox when it is not up.
    public static func require() throws {
        try #require(isUp, "the sandbox cluster is not running: start it with scripts/sandbox up")
    }

    /// Folders searched for programs: PATH, then where scripts/setup puts helm.
    public static let searchPath: [String] = {
        let environment = ProcessInfo.processInfo.environment
        let cache =
            environment["XDG_CACHE_HOME"].flatMap { $0.hasPrefix("/") ? $0 : nil }
            ?? (environment["HOME"] ?? NSHomeDirectory()) + "/.cache"
        return (environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":").map(String.init) + [cache + "/kagent/bin"]
    }()

    /// Real kubectl against the sandbox.
    @discardableResult
    public static func kubectl(_ arguments: String..., timeout: Int = 120) async throws -> CommandResult {
        try await ProcessRunner(searchPath: searchPath).run(
            ["kubectl", "--kubeconfig=\(kubeconfig)"] + arguments, timeoutSeconds: timeout)
    }

    /// kubectl that must succeed; its output.
    @discardableResult
    public static func kubectlOK(_ arguments: String..., timeout: Int = 120) async throws -> String {
        let result = try await ProcessRunner(searchPath: searchPath).run(
            ["kubectl", "--kubeconfig=\(kubeconfig)"] + arguments, timeoutSeconds: timeout)
        try #require(result.succeeded, "kubectl \(arguments.joined(separator: " ")) failed: \(result.stderr)")
        return result.stdout
    }

    /// A deployment's spec.replicas and status.readyReplicas.
    public static func replicas(_ reference: String, namespace: String) async throws -> (spec: Int, ready: Int) {
        let out = try await kubectlOK(
            "get", reference, "--namespace=\(namespace)", "--output=jsonpath={.spec.replicas} {.status.readyReplicas}")
        let parts = out.split(separator: " ").map { Int($0) ?? 0 }
        return (parts.first ?? -1, parts.count > 1 ? parts[1] : 0)
    }

    /// Creates deployments (name → replicas) and waits until they are available.
    public static func deploy(_ deployments: [String: Int], namespace: String) async throws {
        for (name, replicas) in deployments.sorted(by: { $0.key < $1.key }) {
            try await kubectlOK(
                "create", "deployment", name, "--image=registry.example/\(name):1.0", "--replicas=\(replicas)",
                "--namespace=\(namespace)")
        }
        for name in deployments.keys.sorted() {
            try await kubectlOK(
                "rollout", "status", "deployment/\(name)", "--namespace=\(namespace)", "--timeout=120s", timeout: 130)
        }
    }

    /// Applies a manifest.
    public static func apply(_ manifest: String, namespace: String) async throws {
        let folder = try TemporaryFolder()
        let file = try folder.write("manifest.yaml", contents: manifest)
        try await kubectlOK("apply", "--namespace=\(namespace)", "-f", file.path)
    }

    /// Two versions of one app, checkout-blue and checkout-green (labels app=checkout, version=COLOR), and a
    /// service checkout-service selecting the blue one: the blue/green setup of "switch traffic".
    public static func applyBlueGreen(namespace: String) async throws {
        var manifest = ""
        for color in ["blue", "green"] {
            manifest += """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: checkout-\(color), labels: {app: checkout, version: \(color)}}
                spec:
                  replicas: 1
                  selector: {matchLabels: {app: checkout, version: \(color)}}
                  template:
                    metadata: {labels: {app: checkout, version: \(color)}}
                    spec: {containers: [{name: checkout, image: "registry.example/checkout:\(color)"}]}
                ---

                """
        }
        manifest += """
            apiVersion: v1
            kind: Service
            metadata: {name: checkout-service}
            spec:
              selector: {app: checkout, version: blue}
              ports: [{port: 80, targetPort: 8080}]
            """
        try await apply(manifest, namespace: namespace)
    }

    /// Runs body in a namespace of its own, deleted afterwards (without waiting).
    public static func withNamespace(_ prefix: String, _ body: (String) async throws -> Void) async throws {
        try require()
        let name = "kt-\(prefix)-\(UUID().uuidString.prefix(6).lowercased())"
        try await kubectlOK("create", "namespace", name)
        do {
            try await body(name)
        } catch {
            _ = try? await kubectl("delete", "namespace", name, "--wait=false")
            throw error
        }
        _ = try? await kubectl("delete", "namespace", name, "--wait=false")
    }
}

/// The real kagent executable, built with the tests.
public enum Kagent {
    /// Runs kagent with standard input from /dev/null (no terminal), as a script would.
    public static func run(_ arguments: [String], environment: [String: String] = [:], timeout: Int = 240) async throws
        -> CommandResult
    {
        let runner = ProcessRunner(searchPath: Sandbox.searchPath, environment: environment)
        return try await runner.run([Repository.kagentExecutable] + arguments, timeoutSeconds: timeout)
    }

    /// kagent against the sandbox.
    public static func onSandbox(_ arguments: String..., environment: [String: String] = [:]) async throws
        -> CommandResult
    {
        try await run(["--kubeconfig", Sandbox.kubeconfig] + arguments, environment: environment)
    }

    /// The JSON object kagent printed.
    public static func json(_ result: CommandResult) throws -> [String: Any] {
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8))
        return try #require(object as? [String: Any], "kagent printed no JSON object: \(result.stdout)")
    }
}
