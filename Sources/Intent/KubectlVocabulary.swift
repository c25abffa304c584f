/// The words of kubectl's own command line, for the literal-command pass-through ("get pods -n srvthreds").
///
/// A request is read as a kubectl command without the word `kubectl` only when it starts with a kubectl verb
/// and goes on like kubectl's arguments: an option (`-o`, `--all`), a TYPE/NAME (`deploy/backend`), a kind
/// word (`pods`, `svc`) or a known subcommand (`config view`). "scale backend" is not such a command.
/// It must also parse as kubectl's syntax (``CommandSyntax/kubectl``): "drain node-1 ignoring daemonsets"
/// names a kind, but "ignoring" is English and drain takes one node.
public enum KubectlVocabulary {
    /// kubectl's commands (`kubectl help`).
    public static let verbs: Set<String> = [
        "get", "describe", "logs", "top", "explain", "api-resources", "api-versions", "cluster-info", "version",
        "config", "auth", "rollout", "diff", "apply", "create", "delete", "edit", "patch", "replace", "scale",
        "autoscale", "label", "annotate", "expose", "run", "set", "exec", "port-forward", "cp", "attach", "cordon",
        "uncordon", "drain", "taint", "certificate", "wait", "events", "kustomize", "debug", "proxy",
    ]

    /// Words that appear in sentences but never in a kubectl command line. The prepositions keep a sentence
    /// with an option in it ("set image of web-app to -image", "logs of backend since -1h") from being read
    /// as a command line and passed to kubectl word for word.
    static let englishWords: Set<String> = [
        "a", "an", "new", "for", "with", "please", "some", "my", "our", "the", "to", "of", "on", "in", "since",
        "into", "from", "by", "at", "between",
    ]

    /// Commands that only read.
    static let readOnlyVerbs: Set<String> = [
        "get", "describe", "logs", "top", "explain", "api-resources", "api-versions", "cluster-info", "version",
        "events", "diff",
    ]

    /// Commands that make sense without arguments.
    static let standalone: Set<String> = ["api-resources", "api-versions", "cluster-info", "version"]

    /// Subcommands that make a command kubectl's even without options or kinds.
    static let subcommands: [String: Set<String>] = [
        "config": [
            "view", "current-context", "get-contexts", "use-context", "set-context", "get-clusters", "get-users",
            "set-cluster", "set-credentials", "delete-context", "rename-context", "set", "unset",
        ],
        "auth": ["can-i", "whoami", "reconcile"],
        "rollout": ["status", "history", "undo", "restart", "pause", "resume"],
        "certificate": ["approve", "deny"],
        "set": ["image", "env", "resources", "selector", "serviceaccount", "subject"],
    ]

    /// Whether the words read as a kubectl command line without the word `kubectl` (and carry no secret value).
    public static func isCommand(_ tokens: ArraySlice<RequestToken>, lexicon: Lexicon) -> Bool {
        guard let first = tokens.first, !first.quoted, verbs.contains(first.norm) else { return false }
        // English, not kubectl: "create an ingress for app.example.com". (Before the secret test, which costs more.)
        if tokens.contains(where: { !$0.quoted && englishWords.contains($0.norm) }) { return false }
        if SecretPolicy.carriesSecretValue(tokens.map(\.text)) { return false }
        guard CommandSyntax.kubectl.accepts(tokens, lexicon: lexicon) else { return false }
        let rest = tokens.dropFirst()
        if rest.isEmpty { return standalone.contains(first.norm) }
        if let second = rest.first, !second.quoted, subcommands[first.norm]?.contains(second.norm) == true {
            return true
        }
        // A changing verb with only a kind after it ("create namespace", "delete pods") names nothing to change.
        if !readOnlyVerbs.contains(first.norm), rest.count == 1, let only = rest.first,
            lexicon.kind(named: only.norm)?.typos == 0
        {
            return false
        }
        return rest.contains { token in
            if token.quoted { return false }
            let word = token.norm
            if word.hasPrefix("-") && word.count >= 2 { return true }
            if let slash = word.firstIndex(of: "/") {
                return lexicon.kind(named: String(word[..<slash]))?.typos == 0
            }
            return lexicon.kind(named: word)?.typos == 0
        }
    }
}
