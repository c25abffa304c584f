import Executors
import Testing

@Suite("Error classification")
struct ErrorClassificationTests {
    @Test(
        "kubectl top without the metrics API is explained with how to enable it",
        arguments: [
            "error: Metrics API not available",
            "Error from server (NotFound): the server could not find the requested resource (get pods.metrics.k8s.io)",
            "error: metrics not available yet",
        ])
    func metrics(_ stderr: String) {
        let error = ExecutorError.classify(command: "kubectl top pods", exitCode: 1, stderr: stderr)
        guard case .metricsUnavailable = error else {
            Issue.record("\(stderr) → \(error)")
            return
        }
        let message = error.errorDescription ?? ""
        #expect(message.contains("minikube addons enable metrics-server"))
        #expect(message.contains("metrics-server"))
        #expect(message.contains(stderr), "kubectl's own words are kept")
    }

    @Test("a missing object is still reported as not found")
    func notFound() {
        let error = ExecutorError.classify(
            command: "kubectl get pod x", exitCode: 1, stderr: "Error from server (NotFound): pods \"x\" not found")
        #expect(
            error
                == .notFound(command: "kubectl get pod x", detail: "Error from server (NotFound): pods \"x\" not found")
        )
    }
}
