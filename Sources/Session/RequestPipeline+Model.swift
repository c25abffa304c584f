import Executors
import Foundation
import Intent
import Planner

extension RequestPipeline {
    /// What the model is told about where the user works: the namespace, and (online) the names of its workloads and
    /// services. Nothing else of the cluster (no logs, no environment, no secrets) is sent.
    func clusterSummary() async -> String {
        let context = planningContext()
        let namespace = context.namespace ?? context.defaultNamespace
        var summary = "namespace \(namespace)"
        guard let cluster = context.cluster else { return summary + " (offline: names are not known)" }
        let kinds = ["deployment", "statefulset", "daemonset", "service", "job", "cronjob"]
        guard let objects = try? await cluster.objects(kinds: kinds, namespace: namespace) else { return summary }
        for kind in kinds {
            let names = objects.filter { $0.kind == kind }.map(\.name).sorted().prefix(30)
            if !names.isEmpty { summary += "; \(kind)s: \(names.joined(separator: ", "))" }
        }
        return summary
    }

    /// The request read by the model: the intents, nil when it did not understand either.
    /// Secret-looking `KEY=VALUE` values are replaced by `(hidden)` before the request leaves the machine.
    /// - Throws: the model's errors: ``HTTPError`` (unreachable, key refused, …) or a refused answer (``IntentError``).
    func understandWithModel(_ model: any IntentModel, request: String) async throws -> [UserIntent]? {
        try await model.intents(
            for: SecretPolicy.hide(in: request), catalog: catalog, clusterContext: await clusterSummary())
    }

    /// The note a model-made plan carries.
    static func modelNote(_ intents: [UserIntent]) -> String? {
        for intent in intents {
            if case .model(let name) = intent.source {
                return "understood by the model \(name), not by kagent's rules: check the plan before confirming"
            }
        }
        return nil
    }
}
