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
}
