import Intent

/// Finds the object a loosely typed name means: "backend" → `todo-backend` when that is the one close match.
///
/// Tiers, first non-empty wins: the exact name; the name as whole words of a longer name
/// ("backend" in "todo-backend"); its words in another order ("backend todo"); a prefix or part of a name; one or
/// two typos; last, everyday words for an app's parts ("website" for its frontend).
/// Within a tier, objects in the preferred namespace (kubectl's default) win over others.
public struct NameResolver: Sendable {
    public enum Resolution: Sendable, Equatable {
        case found(ClusterObject, exact: Bool)
        case ambiguous([ClusterObject])
        case notFound(nearby: [String])
    }

    public init() {}

    public func resolve(_ query: String, among objects: [ClusterObject], preferredNamespace: String?) -> Resolution {
        let query = query.lowercased()
        // "cordon the node": a kind's own word names no object of that kind; only an object named so exactly.
        if Self.bareKinds.contains(query) {
            let exact = objects.filter { $0.name == query }
            if exact.count == 1 { return .found(exact[0], exact: true) }
            if exact.count > 1 { return .ambiguous(exact) }
            return .notFound(nearby: Array(Set(objects.map(\.name)).sorted().prefix(3)))
        }
        let tiers: [(ClusterObject) -> Bool] = [
            { $0.name == query },
            { Self.words(of: $0.name).containsRun(Self.words(of: query)) },
            // "the backend of the todo app" → `todo-backend`: every word said, in another order.
            { object in
                let said = Self.words(of: query)
                return said.count > 1 && Set(said).isSubset(of: Set(Self.words(of: object.name)))
            },
            { query.count >= 3 && $0.name.contains(query) },
            { Self.isTypo(query, of: $0.name) },
        ]
        // "the website part of the todo app" → `todo-frontend`, "the shop website" → `web-app`: the words newcomers
        // use for the usual parts, each read as the names those parts usually have, in order, the first that fits.
        let roleTiers: [(ClusterObject) -> Bool] = (0..<Self.mostRoleNames).map { choice in
            { object in
                let said = Self.words(of: query).map { word -> Substring in
                    guard let names = Self.roles[String(word)], choice < names.count else { return word }
                    return Substring(names[choice])
                }
                let parts = said.flatMap { Self.words(of: String($0)) }
                return said != Self.words(of: query) && Set(parts).isSubset(of: Set(Self.words(of: object.name)))
            }
        }
        for (level, tier) in (tiers + roleTiers).enumerated() {
            var matches = objects.filter(tier)
            if matches.isEmpty { continue }
            if let preferredNamespace, matches.contains(where: { $0.namespace == preferredNamespace }),
                Set(matches.map(\.namespace)).count > 1
            {
                matches = matches.filter { $0.namespace == preferredNamespace }
            }
            if matches.count == 1 { return .found(matches[0], exact: level == 0) }
            return .ambiguous(matches.sorted { ($0.namespace, $0.name, $0.kind) < ($1.namespace, $1.name, $1.kind) })
        }
        // "the backend helm release", "the todo place": words that say what kind of thing it is, not which.
        let said = Self.words(of: query)
        let plain = said.filter { !Self.kindWords.contains(String($0)) }
        if !plain.isEmpty, plain.count < said.count {
            let shorter = plain.joined(separator: "-")
            if case .notFound = resolve(shorter, among: objects, preferredNamespace: preferredNamespace) {} else {
                return resolve(shorter, among: objects, preferredNamespace: preferredNamespace)
            }
        }
        let nearby = objects.map(\.name).sorted { EditDistance.distance($0, query) < EditDistance.distance($1, query) }
        var seen: Set<String> = []
        return .notFound(nearby: Array(nearby.filter { seen.insert($0).inserted }.prefix(3)))
    }

    /// Words said with a name that say what kind of thing it is: tried without them when nothing is named so.
    /// Words of Helm ("the backend helm release") are not among them: they say the object is a release, and only
    /// the release resolver drops them (``helmWords``).
    static let kindWords: Set<String> = [
        "of", "the", "deployment",
        "deploy", "service", "svc", "pod", "pods", "thing", "things", "stuff", "place", "area", "bits", "part", "parts",
        "container", "containers", "workload", "project",
    ]

    /// A kind's own words, which say what kind of thing is meant and never which one (``resolve(_:among:preferredNamespace:)``).
    static let bareKinds: Set<String> = [
        "node", "nodes", "pod", "pods", "deployment", "deployments", "deploy", "statefulset", "statefulsets", "sts",
        "daemonset", "daemonsets", "service", "services", "svc", "job", "jobs", "cronjob", "cronjobs", "container",
        "containers", "namespace", "namespaces", "ns", "replicaset", "replicasets", "workload", "workloads",
    ]

    /// Words that say a name is a Helm release's: dropped when releases are looked up.
    static let helmWords: Set<String> = ["release", "releases", "helm", "chart", "charts", "install", "installation"]

    /// Everyday words for the parts of an app, as its objects are usually named; used only when no name matches.
    static let roles: [String: [String]] = [
        "website": ["frontend", "web-app", "web"], "site": ["frontend", "web-app", "web"], "ui": ["frontend"],
        "webapp": ["frontend", "web-app"], "server": ["backend"], "database": ["db"], "queue": ["rabbitmq"],
        "broker": ["rabbitmq"], "redis": ["cache"], "memcached": ["cache"], "rabbit": ["rabbitmq"], "api": ["backend"],
    ]

    /// The most names a role word has (``roles``).
    static let mostRoleNames = 3

    static func words(of name: String) -> [Substring] {
        name.split(whereSeparator: { $0 == "-" || $0 == "." })
    }

    static func isTypo(_ query: String, of name: String) -> Bool {
        guard query.count >= 4 else { return false }
        // "sesion-agent" → `srvthreds-session-agent`: each word said is a word of the name, one typo allowed in a
        // word of four letters or more.
        let said = words(of: query)
        if said.count > 1, said.contains(where: { $0.count >= 4 }) {
            let named = words(of: name)
            let fits = said.allSatisfy { word in
                named.contains { $0 == word || word.count >= 4 && $0.count >= 4 && EditDistance.distance(String(word), String($0)) <= 1 }
            }
            if fits { return true }
        }
        let allowed = query.count >= 8 ? 2 : 1
        if EditDistance.distance(query, name) <= allowed { return true }
        return words(of: name).contains { $0.count >= 4 && EditDistance.distance(query, String($0)) <= allowed }
    }
}

extension Array where Element == Substring {
    /// Whether `run` appears here as consecutive elements.
    func containsRun(_ run: [Substring]) -> Bool {
        guard !run.isEmpty, run.count <= count else { return false }
        return (0...(count - run.count)).contains { Array(self[$0..<($0 + run.count)]) == run }
    }
}
