import Foundation
import Planner

/// The planner's view of the cluster, read with kubectl: one batched `get … -o json` per question.
public struct KubectlCluster: ClusterReader {
    let runner: any CommandRunner
    /// `kubectl` and the user's connection flags (`--kubeconfig`, `--context`).
    let kubectl: @Sendable ([String]) -> [String]
    /// `helm` and the user's connection flags (`--kubeconfig`, `--kube-context`).
    let helm: @Sendable ([String]) -> [String]

    public init(runner: any CommandRunner, context: PlanningContext) {
        self.runner = runner
        let base = context
        self.kubectl = { base.kubectl($0) }
        self.helm = { base.helm($0) }
    }

    /// Runs a read and returns what it printed. A command that cannot start (not installed), that fails, times
    /// out or is interrupted is a planning error naming the command, its exit status and its error output
    /// (``readFailure(_:)``): a read that failed is never taken for an empty answer.
    func read(_ argv: [String], timeout: Int = 30) async throws(PlannerError) -> CommandResult {
        let result = try await start(argv, timeout: timeout)
        if let failure = Self.readFailure(result) { throw failure }
        return result
    }

    /// Runs a read, whatever its exit status; only a command that cannot start at all is an error here.
    private func start(_ argv: [String], timeout: Int = 30) async throws(PlannerError) -> CommandResult {
        do {
            return try await runner.run(argv, timeoutSeconds: timeout)
        } catch {
            throw .cluster(reason: Self.firstLine(of: error), command: ShellQuoting.command(argv))
        }
    }

    /// Why a read did not succeed, as the failure it is. A list that could not be read says nothing about what
    /// exists, so a "not found" in its error output is reported as a failed read (exit status and error output),
    /// never as an absent object; the causes people can act on (unreachable, forbidden) keep their advice.
    static func readFailure(_ result: CommandResult) -> PlannerError? {
        guard let error = result.error else { return nil }
        let command = result.command
        switch error {
        case .timedOut, .interrupted:
            return .cluster(reason: firstLine(of: error), command: command)
        case .unreachable, .forbidden, .metricsUnavailable:
            let advice = firstLine(of: error).components(separatedBy: ":\n").first ?? ""
            return .cluster(
                reason: "\(advice) (exit status \(result.exitCode))"
                    + ExecutorError.tail(result.stderr),
                command: command)
        default:
            return .cluster(
                reason: "reading the cluster failed with exit status \(result.exitCode)"
                    + ExecutorError.tail(result.stderr),
                command: command)
        }
    }

    /// `helm list --output=json`: helm is found by the runner (PATH, then kagent's tool folder).
    public func helmReleases(namespace: String?) async throws(PlannerError) -> [HelmRelease] {
        let scope = namespace.map { ["--namespace=\($0)"] } ?? ["--all-namespaces"]
        let argv = helm(["list", "--output=json"] + scope)
        let result = try await read(argv)
        do {
            return try Self.decodeReleases(result.stdout)
        } catch {
            throw .cluster(
                reason: "helm printed something that is not a list of releases: \(error)", command: result.command)
        }
    }

    public func serves(resource: String, in groupVersion: String) async throws(PlannerError) -> Bool {
        let argv = kubectl(["get", "--raw", "/apis/\(groupVersion)"])
        let result = try await start(argv)
        // A group version the server does not have is a 404: it serves nothing there.
        guard result.succeeded else { return false }
        struct Resources: Decodable {
            struct Resource: Decodable { var name: String }
            var resources: [Resource]
        }
        let list = try? JSONDecoder().decode(Resources.self, from: Data(result.stdout.utf8))
        return list?.resources.contains { $0.name == resource } ?? false
    }

    /// helm's JSON: `[{"name", "namespace", "revision": "3", "status", "chart", …}]` (the revision is a string).
    static func decodeReleases(_ json: String) throws -> [HelmRelease] {
        struct Entry: Decodable {
            var name: String
            var namespace: String
            var revision: String?
            var status: String?
            var chart: String?
        }
        let trimmed = json.trimmingCharacters(in: .whitespacesAndNewlines)
        if trimmed.isEmpty { return [] }
        return try JSONDecoder().decode([Entry].self, from: Data(trimmed.utf8)).map {
            HelmRelease(
                name: $0.name, namespace: $0.namespace, revision: Int($0.revision ?? "") ?? 0,
                status: $0.status ?? "", chart: $0.chart ?? "")
        }
    }

    public func objects(kinds: [String], namespace: String?) async throws(PlannerError) -> [ClusterObject] {
        let resources = kinds.compactMap { ResourceKind.named($0)?.resource }
        guard !resources.isEmpty else { return [] }
        let namespaced = kinds.contains { ResourceKind.named($0)?.namespaced ?? true }
        let scope = namespaced ? (namespace.map { ["--namespace=\($0)"] } ?? ["--all-namespaces"]) : []
        let argv = kubectl(["get", resources.joined(separator: ","), "--output=json"] + scope)
        let result = try await start(argv)
        // Users limited to their namespaces may not list every namespace: fall back to the default one.
        if namespace == nil, namespaced, case .forbidden = result.error {
            return try await objects(kinds: kinds, namespace: KubeconfigFile.currentNamespace(kubectlArgv: argv))
        }
        if let failure = Self.readFailure(result) { throw failure }
        do {
            return try Self.decodeObjects(result.stdout)
        } catch {
            throw .cluster(
                reason: "kubectl printed something that is not a list of objects: \(error)", command: result.command)
        }
    }

    static func firstLine(of error: ExecutorError) -> String {
        let text = error.errorDescription ?? "\(error)"
        return text.components(separatedBy: "\n  command: ").first ?? text
    }

    // MARK: - Decoding kubectl's JSON (only the fields planning uses; everything optional)

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
        var labels: [String: String]?
        var annotations: [String: String]?
    }
    struct Spec: Decodable {
        var replicas: Int?
        var selector: Selector?
        var template: Template?
        var containers: [ContainerSpec]?
        var ports: [PortSpec]?
        var rules: [IngressRuleSpec]?
        var ingressClassName: String?
        var tls: [TLSSpec]?
    }
    struct TLSSpec: Decodable { var secretName: String? }
    struct IngressRuleSpec: Decodable {
        struct HTTP: Decodable { var paths: [Path]? }
        struct Path: Decodable { var path: String? }
        var host: String?
        var http: HTTP?
    }
    /// A service's selector is a plain map; a workload's is {matchLabels: map}.
    enum Selector: Decodable {
        case labels([String: String])
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let plain = try? container.decode([String: String].self) {
                self = .labels(plain)
            } else {
                struct Match: Decodable { var matchLabels: [String: String]? }
                self = .labels((try? container.decode(Match.self))?.matchLabels ?? [:])
            }
        }
        var labels: [String: String] {
            switch self {
            case .labels(let labels): return labels
            }
        }
    }
    struct Template: Decodable { var spec: PodSpec? }
    struct PodSpec: Decodable { var containers: [ContainerSpec]? }
    struct ContainerSpec: Decodable {
        var name: String
        var image: String?
    }
    struct PortSpec: Decodable {
        var name: String?
        var port: Int?
        var containerPort: Int?
        var targetPort: TargetPort?
    }
    enum TargetPort: Decodable {
        case text(String)
        init(from decoder: any Decoder) throws {
            let container = try decoder.singleValueContainer()
            if let number = try? container.decode(Int.self) {
                self = .text(String(number))
            } else {
                self = .text(try container.decode(String.self))
            }
        }
        var text: String {
            switch self {
            case .text(let text): return text
            }
        }
    }
    struct Status: Decodable {
        var readyReplicas: Int?
        var phase: String?
        var conditions: [Condition]?
    }
    struct Condition: Decodable {
        var type: String
        var status: String
    }

    static func decodeObjects(_ json: String) throws -> [ClusterObject] {
        let list = try JSONDecoder().decode(List.self, from: Data(json.utf8))
        return list.items.map { item in
            let kind = item.kind.lowercased()
            let containers = (item.spec?.template?.spec?.containers ?? item.spec?.containers ?? []).map {
                ClusterObject.Container(name: $0.name, image: $0.image ?? "")
            }
            let ports = (kind == "service" ? item.spec?.ports ?? [] : []).map {
                ClusterObject.Port(name: $0.name ?? "", port: $0.port ?? 0, targetPort: $0.targetPort?.text ?? "")
            }
            let status = item.status?.phase ?? item.status?.conditions?.first { $0.type == "Ready" }?.status ?? ""
            let workload = ResourceKind.workloads.contains(kind)
            var object = ClusterObject(
                kind: kind, name: item.metadata.name,
                namespace: item.metadata.namespace ?? "", labels: item.metadata.labels ?? [:],
                annotations: item.metadata.annotations ?? [:],
                replicas: workload ? item.spec?.replicas ?? 1 : -1, readyReplicas: item.status?.readyReplicas ?? 0,
                containers: containers, selector: item.spec?.selector?.labels ?? [:], ports: ports, status: status)
            if kind == "ingress" {
                object.ingressRules = (item.spec?.rules ?? []).map { rule in
                    ClusterObject.IngressRule(
                        host: rule.host ?? "", paths: (rule.http?.paths ?? []).map { $0.path ?? "/" })
                }
                object.ingressClass = item.spec?.ingressClassName
                object.ingressTLSSecrets = (item.spec?.tls ?? []).map { $0.secretName ?? "" }
            }
            return object
        }
    }
}
