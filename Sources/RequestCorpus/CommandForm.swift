/// A kubectl or docker command in one form, so that two ways of writing the same argv compare equal: short flags
/// as long ones, `--flag value` as `--flag=value`, a kind's alias or plural as its singular, `KIND NAME` as
/// `KIND/NAME`, and flags in any order. Only for comparing labels with plans: kagent runs the argv it shows.
struct CommandForm: Equatable {
    var words: [String]
    var flags: Set<String>

    /// Flags that take the next word as their value when written without `=`.
    private static let valued: Set<String> = [
        "namespace", "output", "container", "selector", "tail", "since", "sort-by", "replicas", "image", "port",
        "target-port", "type", "name", "field-selector", "context", "timeout", "to-revision", "revision", "format",
        "filter", "tag", "file", "values", "cpu-percent", "min", "max",
    ]
    private static let short: [String: String] = [
        "n": "namespace", "o": "output", "c": "container", "l": "selector", "A": "all-namespaces", "t": "tag",
    ]
    private static let kinds: [String: String] = [
        "po": "pod", "pods": "pod", "svc": "service", "services": "service", "deploy": "deployment",
        "deployments": "deployment", "sts": "statefulset", "statefulsets": "statefulset", "ds": "daemonset",
        "daemonsets": "daemonset", "ing": "ingress", "ingresses": "ingress", "hpa": "horizontalpodautoscaler",
        "horizontalpodautoscalers": "horizontalpodautoscaler", "cm": "configmap", "configmaps": "configmap",
        "secrets": "secret", "ns": "namespace", "namespaces": "namespace", "no": "node", "nodes": "node",
        "jobs": "job", "cj": "cronjob", "cronjobs": "cronjob", "ev": "event", "events": "event",
        "pvc": "persistentvolumeclaim", "persistentvolumeclaims": "persistentvolumeclaim", "rs": "replicaset",
        "replicasets": "replicaset",
    ]
    /// kubectl verbs whose `KIND NAME` is one object.
    private static let objectVerbs: Set<String> = ["get", "describe", "logs", "delete", "edit", "exec", "port-forward"]

    /// nil for a command of several lines (a manifest), or one that is not kubectl's or docker's.
    init?(_ command: String) {
        guard !command.contains("\n"), let argv = Self.split(command), let tool = argv.first,
            ["kubectl", "docker"].contains(tool)
        else { return nil }
        var words: [String] = []
        var flags: Set<String> = []
        var index = 1
        var literal = false
        let logs = argv.count > 1 && argv[1] == "logs"
        while index < argv.count {
            let word = argv[index]
            index += 1
            if literal || word == "--" {
                literal = true
                words.append(word)
                continue
            }
            if word.hasPrefix("-"), word.count > 1 {
                var name: String
                var value: String?
                if word.hasPrefix("--") {
                    let body = word.dropFirst(2)
                    if let equals = body.firstIndex(of: "=") {
                        name = String(body[..<equals])
                        value = String(body[body.index(after: equals)...])
                    } else {
                        name = String(body)
                    }
                } else {
                    let letter = String(word.dropFirst())
                    name = logs && letter == "f" ? "follow" : Self.short[letter] ?? letter
                }
                if value == nil, Self.valued.contains(name), index < argv.count {
                    value = argv[index]
                    index += 1
                }
                if name == "output", let shown = value, shown == "yml" { value = "yaml" }
                flags.insert(value.map { "--\(name)=\($0)" } ?? "--\(name)")
                continue
            }
            words.append(tool == "kubectl" ? Self.kind(word) : word)
        }
        // `get service x` is `get service/x`.
        if tool == "kubectl", words.count == 3, Self.objectVerbs.contains(words[0]),
            Self.kinds.values.contains(words[1]) || Self.kinds[words[1]] != nil
        {
            words = [words[0], "\(words[1])/\(words[2])"]
        }
        self.words = [tool] + words
        self.flags = flags
    }

    private static func kind(_ word: String) -> String {
        if let slash = word.firstIndex(of: "/") {
            let kind = String(word[..<slash])
            return (kinds[kind] ?? kind) + word[slash...]
        }
        return kinds[word] ?? word
    }

    /// The words of a command as shown (single quotes with `'\''` inside); nil when its quoting is not closed.
    static func split(_ command: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quoted = false
        var escaped = false
        for character in command {
            if escaped {
                current.append(character)
                escaped = false
            } else if quoted {
                if character == "'" { quoted = false } else { current.append(character) }
            } else if character == "'" {
                quoted = true
                inWord = true
            } else if character == "\\" {
                inWord = true
                escaped = true
            } else if character == " " {
                if inWord { words.append(current) }
                current = ""
                inWord = false
            } else {
                current.append(character)
                inWord = true
            }
        }
        guard !quoted else { return nil }
        if inWord { words.append(current) }
        return words
    }
}
