import Intent

/// The command-line settings a request is handled with (the shell keeps them for every line).
struct SessionSettings: Sendable {
    var namespace: String?
    var kubeContext: String?
    var kubeconfig: String?
    var dryRun: Bool
    var assumeYes: Bool
    var json: Bool
    var offline: Bool
    /// The project folder searched for charts, Kustomize folders, compose files (`--project-dir`; default: the
    /// working directory).
    var projectDirectory: String? = nil
    /// The configured language model, asked only for requests the rules do not understand; nil makes no network call.
    var model: (any IntentModel)? = nil
    /// `--llm`: ask the model even when a rule understands the request.
    var modelFirst = false
    /// `--read-only` or KAGENT_READ_ONLY: changing steps are refused.
    var readOnly = false
    /// `--force`: protected namespaces are changed without typing their name.
    var force = false
    /// Namespaces whose changes need the namespace typed (KAGENT_PROTECTED_NAMESPACES overrides).
    var protectedNamespaces: Set<String> = ["kube-system", "kube-public", "kube-node-lease"]
}
