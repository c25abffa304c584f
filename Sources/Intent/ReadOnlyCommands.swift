/// The commands of kubectl, helm and docker that only read. One list for the two places that ask: the parser,
/// which never reads a literal line with such a verb as a change, and the planner, which runs such a line without
/// asking.
public enum ReadOnlyCommands {
    /// kubectl verbs that only read, whatever follows.
    public static let kubectl: Set<String> = [
        "get", "describe", "logs", "top", "explain", "api-resources", "api-versions", "cluster-info", "version",
        "diff", "events",
    ]
    /// kubectl verbs that read with these subcommands only (`rollout status`, not `rollout restart`).
    public static let kubectlSubcommands: [String: Set<String>] = [
        "config": ["view", "current-context", "get-contexts", "get-clusters", "get-users"],
        "auth": ["can-i", "whoami"],
        "rollout": ["status", "history"],
    ]
    /// helm commands that only read, with helm's own aliases (`ls`, `hist`).
    public static let helm: Set<String> = [
        "list", "ls", "status", "history", "hist", "get", "show", "template", "search", "version", "lint",
    ]
    /// docker commands that only read.
    public static let docker: Set<String> = ["ps", "images", "logs", "inspect", "version", "info"]

    /// Whether a kubectl command line (without `kubectl`) only reads: its verb, or its verb and subcommand.
    public static func kubectlReads(_ arguments: [String]) -> Bool {
        guard let verb = arguments.first?.lowercased() else { return false }
        if kubectl.contains(verb) { return true }
        guard arguments.count > 1 else { return false }
        return kubectlSubcommands[verb]?.contains(arguments[1].lowercased()) == true
    }
}
