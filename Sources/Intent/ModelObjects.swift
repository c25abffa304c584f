import Foundation

/// Kubernetes objects a model may answer with (`{"objects": [...]}`) when no action fits: whole objects of a few
/// kinds, read as strictly as its intents. They become one `apply_objects` intent, planned like a template's
/// objects: shown as YAML, fed to `kubectl create` through standard input, validated by the API server, confirmed,
/// read back and undone by deleting them.
///
/// Never a Secret (a model never supplies secret values), never cluster-wide access, and nothing that runs a command
/// or reaches the node: `command`, `args`, `exec`, `lifecycle`, host paths, host namespaces and privileged
/// containers are refused wherever they appear.
public enum ModelObjects {
    /// The action the objects become, and its one slot: each object as compact JSON.
    public static let action = "apply_objects"
    public static let slot = "objects"
    /// The kinds a model may create, with the apiVersions each may say.
    public static let allowed: [String: Set<String>] = [
        "Namespace": ["v1"], "ConfigMap": ["v1"], "Service": ["v1"], "ServiceAccount": ["v1"],
        "PersistentVolumeClaim": ["v1"], "ResourceQuota": ["v1"], "LimitRange": ["v1"], "Pod": ["v1"],
        "Deployment": ["apps/v1"], "StatefulSet": ["apps/v1"], "Job": ["batch/v1"], "CronJob": ["batch/v1", "batch/v1beta1"],
        "Role": ["rbac.authorization.k8s.io/v1"], "RoleBinding": ["rbac.authorization.k8s.io/v1"],
        "NetworkPolicy": ["networking.k8s.io/v1"], "Ingress": ["networking.k8s.io/v1"],
        "HorizontalPodAutoscaler": ["autoscaling/v1", "autoscaling/v2", "autoscaling/v2beta2"],
    ]
    /// Kinds refused with their own reason.
    static let refusedKinds: [String: String] = [
        "Secret": "secret values never come from a model; create the secret yourself (create secret NAME with KEY=VALUE)",
        "ClusterRole": "cluster-wide access is never written by a model",
        "ClusterRoleBinding": "cluster-wide access is never written by a model",
    ]
    /// Keys refused anywhere in an object: what runs commands, or reaches the node.
    static let refusedKeys: Set<String> = [
        "command", "args", "exec", "lifecycle", "hostPath", "hostNetwork", "hostPID", "hostIPC", "privileged",
        "allowPrivilegeEscalation", "capabilities",
    ]
    static let maximumObjects = 5
    static let maximumBytes = 20_000

    /// Each object of a model's answer, checked, as compact JSON with sorted keys.
    static func read(_ items: [JSONValue]) throws(IntentError) -> [String] {
        guard items.count <= maximumObjects else {
            throw .modelAnswerRejected("the answer holds \(items.count) objects; kagent takes at most \(maximumObjects)")
        }
        return try items.map { item throws(IntentError) -> String in
            guard case .object(let object) = item else { throw .modelAnswerRejected("an object is not a JSON object") }
            try check(object)
            let text = encode(item)
            guard text.utf8.count <= maximumBytes else {
                throw .modelAnswerRejected("an object is larger than \(maximumBytes) bytes")
            }
            return text
        }
    }

    static func check(_ object: [String: JSONValue]) throws(IntentError) {
        guard case .string(let kind) = object["kind"] else { throw .modelAnswerRejected("an object has no \"kind\"") }
        if let reason = refusedKinds[kind] { throw .modelAnswerRejected("a \(kind) is refused: \(reason)") }
        guard let versions = allowed[kind] else {
            throw .modelAnswerRejected(
                "'\(ModelSchema.excerpt(kind))' is not a kind a model may create (those: "
                    + allowed.keys.sorted().joined(separator: ", ") + ")")
        }
        guard case .string(let said) = object["apiVersion"], versions.contains(said) else {
            throw .modelAnswerRejected("a \(kind) is apiVersion " + versions.sorted().joined(separator: " or "))
        }
        if let extra = object.keys.sorted().first(where: { !["apiVersion", "kind", "metadata", "spec", "data", "rules", "roleRef", "subjects"].contains($0) }) {
            throw .modelAnswerRejected("a \(kind) has '\(ModelSchema.excerpt(extra))', which kagent does not take from a model")
        }
        guard case .object(let metadata) = object["metadata"], case .string(let name) = metadata["name"] else {
            throw .modelAnswerRejected("a \(kind) has no metadata.name")
        }
        if let problem = KubernetesName.subdomainProblem(name) {
            throw .invalidName(name, slot: "resource name", reason: problem)
        }
        if let extra = metadata.keys.sorted().first(where: { !["name", "namespace", "labels", "annotations"].contains($0) }) {
            throw .modelAnswerRejected("metadata.\(ModelSchema.excerpt(extra)) is not taken from a model")
        }
        if let namespace = metadata["namespace"] {
            guard case .string(let text) = namespace, KubernetesName.labelProblem(text) == nil else {
                throw .modelAnswerRejected("a \(kind)'s metadata.namespace is not a namespace's name")
            }
            if kind == "Namespace" { throw .modelAnswerRejected("a Namespace has no namespace") }
        }
        try walk(.object(object), path: kind)
    }

    /// Every key and value of an object: no refused key, no fractional number, no null in a list, no control
    /// character.
    static func walk(_ value: JSONValue, path: String) throws(IntentError) {
        switch value {
        case .object(let fields):
            for (key, field) in fields.sorted(by: { $0.key < $1.key }) {
                if refusedKeys.contains(key) {
                    throw .modelAnswerRejected(
                        "\(path).\(key) is refused: kagent never runs commands written by a model, nor lets one reach "
                            + "the node")
                }
                try walk(field, path: "\(path).\(key)")
            }
        case .array(let items):
            // A null in a list would be left out when the object is written: the object would not be the one shown.
            if items.contains(.null) { throw .modelAnswerRejected("\(path) holds null in a list") }
            for item in items { try walk(item, path: path) }
        case .string(let text):
            if text.unicodeScalars.contains(where: { $0.properties.generalCategory == .control && $0 != "\n" }) {
                throw .modelAnswerRejected("\(path) holds a control character")
            }
        case .double:
            throw .modelAnswerRejected("\(path) is a fractional number: say amounts as strings (\"500m\", \"0.5\")")
        case .int, .bool, .null:
            break
        }
    }

    /// Compact JSON with sorted keys.
    static func encode(_ value: JSONValue) -> String {
        switch value {
        case .string(let text):
            let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data()
            return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
        case .int(let number): return String(number)
        case .double(let number): return String(number)
        case .bool(let flag): return flag ? "true" : "false"
        case .null: return "null"
        case .array(let items): return "[" + items.map(encode).joined(separator: ",") + "]"
        case .object(let fields):
            return "{" + fields.sorted { $0.key < $1.key }.map { encode(.string($0.key)) + ":" + encode($0.value) }
                .joined(separator: ",") + "}"
        }
    }
}
