import Executors
import Foundation
import Testing

/// The sandbox's real node (scripts/real-node): a kubelet with dockershim, a private dockerd and kube-proxy,
/// where pods really run. It is tainted, so a pod lands there only with ``placement``; images are local only
/// (``image`` has busybox's applets; anything else is a real ImagePullBackOff).
public enum RealNode {
    /// The node's name.
    public static let name = "sandbox-real-node"

    /// The general-purpose local image: busybox-static with every applet (sh, sleep, nc, httpd, dd …).
    public static let image = "kagent.local/busybox:1"

    /// Pod-spec lines (YAML, at the pod spec's indentation) that put a pod on the real node: the toleration
    /// of its taint and a node selector on its label.
    public static let placement = """
        tolerations: [{key: sandbox.kagent.dev/real-node, operator: Exists, effect: NoSchedule}]
        nodeSelector: {sandbox.kagent.dev/real-node: "true"}
        """

    /// Whether the real node is Ready (checked once per test process).
    public static let isUp: Bool = {
        guard Sandbox.isUp else { return false }
        return commandSucceeds([
            "sh", "-c",
            "kubectl --kubeconfig=\"$0\" get node \"$1\" --request-timeout=5s "
                + "-o 'jsonpath={.status.conditions[?(@.type==\"Ready\")].status}' | grep -qx True",
            Sandbox.kubeconfig, name,
        ])
    }()

    /// Run the test when the real node is up, and in CI always (where a missing real node is a failure).
    public static var enabled: Bool { isUp || Sandbox.required }

    /// Fails the test with the way to start the real node when it is not up.
    public static func require() throws {
        try #require(isUp, "the sandbox's real node is not Ready: start it with scripts/sandbox up (as root)")
    }

    /// Runs body in a namespace of its own on the sandbox, requiring the real node.
    public static func withNamespace(_ prefix: String, _ body: (String) async throws -> Void) async throws {
        try require()
        try await Sandbox.withNamespace(prefix, body)
    }

    /// A pod on the real node running `command` (busybox's sh running `script` when no command is given).
    /// `container` is YAML lines added to the container ("readinessProbe: {…}"), `spec` lines added to the
    /// pod spec.
    public static func pod(
        _ name: String, script: String = "", command: [String]? = nil, image: String = image,
        container: String = "", spec: String = ""
    ) -> String {
        """
        apiVersion: v1
        kind: Pod
        metadata: {name: \(name), labels: {app: \(name)}}
        spec:
        \(indented(podSpec(name, script: script, command: command, image: image, container: container, spec: spec), 2))
        """
    }

    /// A deployment on the real node whose pods run `command` (or `script`); see ``pod(_:script:command:image:container:spec:)``.
    public static func deployment(
        _ name: String, script: String = "", command: [String]? = nil, image: String = image,
        container: String = "", replicas: Int = 1
    ) -> String {
        """
        apiVersion: apps/v1
        kind: Deployment
        metadata: {name: \(name)}
        spec:
          replicas: \(replicas)
          selector: {matchLabels: {app: \(name)}}
          template:
            metadata: {labels: {app: \(name)}}
            spec:
        \(indented(podSpec(name, script: script, command: command, image: image, container: container, spec: ""), 6))
        """
    }

    /// The pod spec (unindented YAML) of ``pod(_:script:command:image:container:spec:)``.
    public static func podSpec(
        _ name: String, script: String, command: [String]?, image: String, container: String, spec: String
    ) -> String {
        let argv = (command ?? ["sh", "-c", script]).map(quoted).joined(separator: ", ")
        return """
            \(placement)
            terminationGracePeriodSeconds: 1
            \(spec)
            containers:
            - name: \(name)
              image: \(image)
              imagePullPolicy: IfNotPresent
              command: [\(argv)]
            \(indented(container, 2))
            """
    }

    /// A string as one word for sh, in single quotes.
    public static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Every line of `text` indented by `spaces`.
    public static func indented(_ text: String, _ spaces: Int) -> String {
        let pad = String(repeating: " ", count: spaces)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { pad + $0 }.joined(separator: "\n")
    }

    /// A string as a YAML (JSON) double-quoted scalar.
    public static func quoted(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data()
        let array = String(decoding: data, as: UTF8.self)
        return String(array.dropFirst().dropLast())
    }

    /// Polls `kubectl ARGUMENTS` (a jsonpath read) until its trimmed output satisfies `done`; the last value.
    @discardableResult
    public static func eventually(
        _ arguments: [String], seconds: Int = 90, until done: (String) -> Bool
    ) async throws -> String {
        var value = ""
        let deadline = Date().addingTimeInterval(TimeInterval(seconds))
        while Date() < deadline {
            let result = try await ProcessRunner(searchPath: Sandbox.searchPath).run(
                ["kubectl", "--kubeconfig=\(Sandbox.kubeconfig)"] + arguments, timeoutSeconds: 30)
            value = result.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
            if result.succeeded, done(value) { return value }
            try await Task.sleep(for: .seconds(1))
        }
        return value
    }

    /// Waits until a pod is Ready; fails the test with its status when it is not within `seconds`.
    public static func waitReady(_ pod: String, namespace: String, seconds: Int = 90) async throws {
        let ready = try await eventually(
            [
                "get", "pod/\(pod)", "--namespace=\(namespace)",
                "--output=jsonpath={.status.conditions[?(@.type==\"Ready\")].status}",
            ], seconds: seconds
        ) { $0 == "True" }
        if ready != "True" {
            let status = try await Sandbox.kubectl("get", "pod/\(pod)", "--namespace=\(namespace)", "--output=yaml")
            Issue.record("pod \(pod) in \(namespace) is not Ready after \(seconds)s: \(status.stdout)")
            throw RealNodeError.notReady(pod)
        }
    }

    /// An HTTP GET from this machine with curl (the host reaches pod and service IPs by route and through
    /// kube-proxy's rules): the status code and body (as served), or code 0 when nothing answered.
    public static func get(_ url: String, timeout: Int = 5) async throws -> (code: Int, body: String) {
        let result = try await ProcessRunner(searchPath: Sandbox.searchPath).run(
            [
                "curl", "--silent", "--show-error", "--max-time", "\(timeout)", "--noproxy", "*",
                "--write-out", "\n%{http_code}", url,
            ], timeoutSeconds: timeout + 5)
        // The body, then a line with the status code (--write-out).
        guard let split = result.stdout.range(of: "\n", options: .backwards) else { return (0, result.stdout) }
        return (Int(result.stdout[split.upperBound...]) ?? 0, String(result.stdout[..<split.lowerBound]))
    }
}

/// Failures of the real-node helpers.
public enum RealNodeError: Error, CustomStringConvertible {
    case notReady(String)

    public var description: String {
        switch self {
        case .notReady(let pod): "pod '\(pod)' did not become Ready"
        }
    }
}
