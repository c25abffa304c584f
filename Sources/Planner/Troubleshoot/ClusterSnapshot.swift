/// Everything troubleshooting reads of a namespace, gathered in a few batched reads.
///
/// `objects` are kubectl's JSON items of every kind read (pods, workloads, services, events, nodes…);
/// `logs` are the last lines of failing containers only.
public struct ClusterSnapshot: Sendable, Hashable {
    /// The namespace read.
    public var namespace: String
    public var objects: [JSONValue] {
        didSet { index = Index(objects) }
    }
    /// Log lines by `pod/container` (the previous run's when the container restarted).
    public var logs: [String: [String]]
    /// Names of the namespace's Secrets (only names: the data is never read).
    public var secretNames: Set<String>?
    /// Names of the namespace's ConfigMaps.
    public var configMapNames: Set<String>?
    /// The kubectl commands that read this snapshot, for the benchmark and for "what was read".
    public var commands: [[String]]
    /// Whether nodes, StorageClasses and IngressClasses were read (a user limited to a namespace may not):
    /// analyzers claim one is missing only when they were.
    public var clusterScopedRead: Bool = true

    public init(
        namespace: String, objects: [JSONValue], logs: [String: [String]] = [:], secretNames: Set<String>? = nil,
        configMapNames: Set<String>? = nil, commands: [[String]] = []
    ) {
        self.namespace = namespace
        self.objects = objects
        self.index = Index(objects)
        self.logs = logs
        self.secretNames = secretNames
        self.configMapNames = configMapNames
        self.commands = commands
    }

    /// The objects by kind, by kind and name, and events by the object they are about: built once, so
    /// analysis stays linear in the number of objects.
    struct Index: Sendable, Hashable {
        var byKind: [String: [JSONValue]] = [:]
        var byName: [String: JSONValue] = [:]
        var events: [String: [JSONValue]] = [:]

        init(_ objects: [JSONValue]) {
            for object in objects {
                let kind = object["kind"].string ?? ""
                byKind[kind, default: []].append(object)
                byName["\(kind)/\(object.name)"] = object
                if kind == "Event" {
                    let about = object["involvedObject"]
                    events["\(about["kind"].string ?? "")/\(about["name"].string ?? "")", default: []].append(object)
                }
            }
        }
    }

    private var index: Index

    /// Objects of one kind as kubectl names it ("Pod", "Deployment").
    public func items(_ kind: String) -> [JSONValue] {
        index.byKind[kind] ?? []
    }

    public func item(_ kind: String, named name: String) -> JSONValue? {
        index.byName["\(kind)/\(name)"]
    }

    /// Events about one object, newest last.
    public func events(kind: String, name: String) -> [JSONValue] {
        (index.events["\(kind)/\(name)"] ?? [])
            .sorted { ($0["lastTimestamp"].string ?? "") < ($1["lastTimestamp"].string ?? "") }
    }

    /// The workload that owns a pod: "deployment/NAME" through its ReplicaSet, else its direct owner.
    public func owner(ofPod pod: JSONValue) -> (kind: String, name: String)? {
        guard let reference = pod["metadata"]["ownerReferences"].array.first,
            let kind = reference["kind"].string, let name = reference["name"].string
        else { return nil }
        if kind == "ReplicaSet" {
            if let set = item("ReplicaSet", named: name),
                let up = set["metadata"]["ownerReferences"].array.first,
                let upKind = up["kind"].string, let upName = up["name"].string
            {
                return (upKind.lowercased(), upName)
            }
            return ("replicaset", name)
        }
        return (kind.lowercased(), name)
    }

    /// Whether every pair of a selector is among the labels.
    public static func selects(_ selector: [String: String], _ labels: [String: String]) -> Bool {
        !selector.isEmpty && selector.allSatisfy { labels[$0.key] == $0.value }
    }

    /// The key of a container's logs in `logs`.
    public static func logKey(pod: String, container: String) -> String { "\(pod)/\(container)" }
}

extension JSONValue {
    /// metadata.name, or "" when missing.
    public var name: String { self["metadata"]["name"].string ?? "" }
    public var labels: [String: String] { self["metadata"]["labels"].stringMap }
}
