import Foundation

/// Why a command could not run or did not do what the plan said. Messages show the command so it can be pasted.
public enum ExecutorError: Error, Sendable, Equatable, LocalizedError {
    case binaryMissing(String, hint: String)
    case spawnFailed(command: String, reason: String)
    case failed(command: String, exitCode: Int32, stderr: String)
    case unreachable(command: String, detail: String)
    case forbidden(command: String, detail: String)
    case notFound(command: String, detail: String)
    /// `kubectl top` on a cluster without the metrics API (metrics-server).
    case metricsUnavailable(command: String, detail: String)
    case timedOut(command: String, seconds: Int)
    case interrupted(command: String)
    case verificationFailed(command: String, expected: String, actual: String)

    public var errorDescription: String? {
        switch self {
        case .binaryMissing(let name, let hint):
            return "'\(name)' is not installed or not on PATH; \(hint)"
        case .spawnFailed(let command, let reason):
            return "could not start the command: \(reason)\n  command: \(command)"
        case .failed(let command, let exitCode, let stderr):
            return "the command failed with exit status \(exitCode)\(Self.tail(stderr))\n  command: \(command)"
        case .unreachable(let command, let detail):
            return "cannot reach the cluster; is it running and is the context right? "
                + "(for kagent's sandbox: scripts/sandbox up)\(Self.tail(detail))\n  command: \(command)"
        case .forbidden(let command, let detail):
            return "the cluster refused: your user may not do this\(Self.tail(detail))\n  command: \(command)"
        case .notFound(let command, let detail):
            return "the object does not exist\(Self.tail(detail))\n  command: \(command)"
        case .metricsUnavailable(let command, let detail):
            return "the cluster has no metrics API, so there is no CPU or memory usage to show; "
                + "on minikube: minikube addons enable metrics-server; elsewhere install metrics-server "
                + "(kubectl apply -f https://github.com/kubernetes-sigs/metrics-server/releases/latest/download/components.yaml)"
                + "\(Self.tail(detail))\n  command: \(command)"
        case .timedOut(let command, let seconds):
            return "the command did not finish within \(seconds) s and was stopped\n  command: \(command)"
        case .interrupted(let command):
            return "interrupted; the command was stopped\n  command: \(command)"
        case .verificationFailed(let command, let expected, let actual):
            return "verification failed: expected '\(expected)', the cluster says '\(actual)'\n  command: \(command)"
        }
    }

    /// Whether kagent stopped the command (time-out or Ctrl-C) rather than the command ending by itself.
    public var isStop: Bool {
        switch self {
        case .timedOut, .interrupted: true
        default: false
        }
    }

    /// The last few lines of a command's error output, indented under the message.
    static func tail(_ text: String, lines: Int = 5) -> String {
        let kept = text.split(separator: "\n", omittingEmptySubsequences: true).suffix(lines)
        return kept.isEmpty ? "" : ":\n" + kept.map { "  | \($0)" }.joined(separator: "\n")
    }

    /// Reads kubectl's (and helm's) error output for the causes people can act on.
    public static func classify(command: String, exitCode: Int32, stderr: String) -> ExecutorError {
        let text = stderr.lowercased()
        let metrics = ["metrics api not available", "metrics.k8s.io", "metrics not available yet"]
        if metrics.contains(where: text.contains) { return .metricsUnavailable(command: command, detail: stderr) }
        let unreachable = [
            "unable to connect to the server", "connection refused", "no such host", "i/o timeout",
            "the connection to the server", "dial tcp", "tls handshake timeout", "context deadline exceeded",
            "kubernetes cluster unreachable",
        ]
        if unreachable.contains(where: text.contains) { return .unreachable(command: command, detail: stderr) }
        if text.contains("forbidden") || text.contains("unauthorized") || text.contains("must be logged in") {
            return .forbidden(command: command, detail: stderr)
        }
        if text.contains("(notfound)") || text.contains(" not found") {
            return .notFound(command: command, detail: stderr)
        }
        return .failed(command: command, exitCode: exitCode, stderr: stderr)
    }
}
