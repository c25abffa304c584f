import Intent

/// Who asks: the front end a request comes from. It decides what can be shown and asked, not what is safe:
/// the gates are the same for every front end, except that a model's client (MCP) can never type a protected
/// namespace's name.
public enum FrontEnd: String, Sendable {
    /// A person at kagent's terminal output (the one-shot command or the shell).
    case terminal
    /// `--output json`: one JSON object per request; nothing attached to a terminal can run.
    case json
    /// A Model Context Protocol client (`kagent mcp`): nothing attached to a terminal, no protected namespaces.
    case mcp

    /// How the refusal of a step attached to the terminal names this front end.
    var attachedRefusal: String {
        switch self {
        case .terminal: ""
        case .json: "--output json"
        case .mcp: "an MCP client"
        }
    }
}

/// The settings a request is handled with (the shell keeps them for every line).
public struct SessionSettings: Sendable {
    public var namespace: String?
    public var kubeContext: String?
    public var kubeconfig: String?
    public var dryRun: Bool
    public var assumeYes: Bool
    public var frontEnd: FrontEnd
    public var offline: Bool
    /// The project folder searched for charts, Kustomize folders, compose files (`--project-dir`; default: the
    /// working directory).
    public var projectDirectory: String?
    /// The configured language model, asked only for requests the rules do not understand; nil makes no network call.
    public var model: (any IntentModel)?
    /// `--llm`: ask the model even when a rule understands the request.
    public var modelFirst = false
    /// `--read-only` or KAGENT_READ_ONLY: changing steps are refused.
    public var readOnly = false
    /// `--force`: protected namespaces are changed without typing their name.
    public var force = false
    /// Namespaces whose changes need the namespace typed (KAGENT_PROTECTED_NAMESPACES overrides).
    public var protectedNamespaces: Set<String> = ["kube-system", "kube-public", "kube-node-lease"]
    /// Whether this session is the interactive shell, where "use namespace X" lasts.
    public var isShell = false

    public init(
        namespace: String? = nil, kubeContext: String? = nil, kubeconfig: String? = nil, dryRun: Bool = false,
        assumeYes: Bool = false, frontEnd: FrontEnd = .terminal, offline: Bool = false, projectDirectory: String? = nil
    ) {
        self.namespace = namespace
        self.kubeContext = kubeContext
        self.kubeconfig = kubeconfig
        self.dryRun = dryRun
        self.assumeYes = assumeYes
        self.frontEnd = frontEnd
        self.offline = offline
        self.projectDirectory = projectDirectory
    }
}
