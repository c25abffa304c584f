import Foundation
import Planner
import Yams

/// A cluster described in a YAML file: the planner's `ClusterReader`, answered from a fixed list of objects,
/// so the labelled corpus and the benchmark resolve names the same way on every machine.
public struct FixtureCluster: ClusterReader {
    public let all: [ClusterObject]
    /// Helm releases: entries of kind `helmrelease` in the file.
    public let releases: [HelmRelease]

    public init(objects: [ClusterObject], releases: [HelmRelease] = []) {
        self.all = objects
        self.releases = releases
    }

    public func helmReleases(namespace: String?) async throws(PlannerError) -> [HelmRelease] {
        releases.filter { namespace == nil || $0.namespace == namespace }
    }

    public func objects(kinds: [String], namespace: String?) async throws(PlannerError) -> [ClusterObject] {
        all.filter { object in
            kinds.contains(object.kind)
                && (namespace == nil || object.namespace.isEmpty || object.namespace == namespace)
        }
    }

    struct File: Decodable {
        var objects: [Entry]
    }

    struct Entry: Decodable {
        var kind: String
        var name: String
        var namespace: String?
        var labels: [String: String]?
        var annotations: [String: String]?
        var replicas: Int?
        var containers: [Container]?
        var selector: [String: String]?
        var ports: [Port]?
        var status: String?
        /// Ingresses only: their rules (host and paths) and class.
        var rules: [Rule]?
        var ingressClass: String?
        /// Helm releases only: the current revision and the chart.
        var revision: Int?
        var chart: String?

        struct Container: Decodable {
            var name: String
            var image: String
        }

        struct Rule: Decodable {
            var host: String
            var paths: [String]?
        }

        struct Port: Decodable {
            var name: String?
            var port: Int
            var targetPort: String?
        }
    }

    /// Loads `objects: [{kind, name, namespace, labels, replicas, containers, selector, ports, status}]`.
    public static func load(from url: URL) throws -> FixtureCluster {
        let file = try YAMLDecoder().decode(File.self, from: String(contentsOf: url, encoding: .utf8))
        let releaseKind = "helmrelease"
        return FixtureCluster(
            objects: file.objects.filter { $0.kind != releaseKind }.map { entry in
                var object = ClusterObject(
                    kind: entry.kind, name: entry.name, namespace: entry.namespace ?? "",
                    labels: entry.labels ?? [:], annotations: entry.annotations ?? [:], replicas: entry.replicas ?? -1,
                    readyReplicas: entry.replicas ?? 0,
                    containers: (entry.containers ?? []).map { .init(name: $0.name, image: $0.image) },
                    selector: entry.selector ?? [:],
                    ports: (entry.ports ?? []).map {
                        .init(name: $0.name ?? "", port: $0.port, targetPort: $0.targetPort ?? String($0.port))
                    },
                    status: entry.status ?? "")
                object.ingressRules = (entry.rules ?? []).map { .init(host: $0.host, paths: $0.paths ?? ["/"]) }
                object.ingressClass = entry.ingressClass
                return object
            },
            releases: file.objects.filter { $0.kind == releaseKind }.map { entry in
                HelmRelease(
                    name: entry.name, namespace: entry.namespace ?? "default", revision: entry.revision ?? 1,
                    status: entry.status ?? "deployed", chart: entry.chart ?? "")
            })
    }
}
