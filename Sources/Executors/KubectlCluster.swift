import Foundation
import Planner

/// The planner's view of the cluster, read with kubectl: one batched `get … -o json` per question.
public struct KubectlCluster: ClusterReader {
    let runner: any CommandRunner
    /// `kubectl` and the user's connection flags (`--kubeconfig`, `--context`).
    let kubectl: @Sendable ([String]) -> [String]

    public init(runner: any CommandRunner, context: PlanningContext) {
        self.runner = runner
        let base = context
        self.kubectl = { base.kubectl($0) }
    }

    public func workloads(namespace: String?) async throws(PlannerError) -> [Workload] {
        let scope = namespace.map { ["--namespace=\($0)"] } ?? ["--all-namespaces"]
        let argv = kubectl(["get", "deployments.apps,statefulsets.apps", "--output=json"] + scope)
        let command = ShellQuoting.command(argv)
        let result: CommandResult
        do {
            result = try await runner.run(argv, timeoutSeconds: 30)
        } catch {
            throw .cluster(reason: Self.firstLine(of: error), command: command)
        }
        if let error = result.error {
            // Users limited to their namespaces may not list every namespace: fall back to the default one.
            if namespace == nil, case .forbidden = error {
                return try await workloads(namespace: KubeconfigFile.currentNamespace(kubectlArgv: argv))
            }
            throw .cluster(reason: Self.firstLine(of: error), command: command)
        }
        do {
            return try Self.decodeWorkloads(result.stdout)
        } catch {
            throw .cluster(
                reason: "kubectl printed something that is not a list of objects: \(error)", command: command)
        }
    }

    static func firstLine(of error: ExecutorError) -> String {
        let text = error.errorDescription ?? "\(error)"
        return text.components(separatedBy: "\n  command: ").first ?? text
    }

    // MARK: - Decoding kubectl's JSON

    struct List: Decodable { var items: [Item] }
    struct Item: Decodable {
        var kind: String
        var metadata: Metadata
        var spec: Spec?
        var status: Status?
    }
    struct Metadata: Decodable {
        var name: String
        var namespace: String?
    }
    struct Spec: Decodable { var replicas: Int? }
    struct Status: Decodable { var readyReplicas: Int? }

    static func decodeWorkloads(_ json: String) throws -> [Workload] {
        let list = try JSONDecoder().decode(List.self, from: Data(json.utf8))
        return list.items.map {
            Workload(
                kind: $0.kind.lowercased(), name: $0.metadata.name, namespace: $0.metadata.namespace ?? "default",
                replicas: $0.spec?.replicas ?? 1, readyReplicas: $0.status?.readyReplicas ?? 0)
        }
    }
}
